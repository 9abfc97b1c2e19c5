import type { ColumnMapping } from '@sweetspot/calibration';
import { describe, expect, it } from 'vitest';
import {
  adoptGuesses,
  type DialogAction,
  type DialogState,
  dialogReducer,
  initialDialogState,
  releasedFiles,
  STEPS,
  showsCalibration,
  stepIndex,
} from './dialog-state.ts';
import type { Analysis, CalibrateOutcome, ParsedFileInfo, SegmentDraft } from './types.ts';

function fileInfo(fileId: number, name: string, headers: string[]): ParsedFileInfo {
  return {
    fileId,
    name,
    size: 1000,
    encoding: 'utf-8',
    headers,
    hasHeader: true,
    rows: 10,
    delimiter: ',',
    issues: 0,
    blankLines: 0,
    preambleLines: 0,
    sample: [],
    notes: [],
  };
}

function analysisWith(guess: ColumnMapping): Analysis {
  return { rows: 10, columns: [], guess, joins: [], outcomeValues: 0, dates: {}, distinct: {} };
}

const noop = () => {};

/** Applies actions in turn, from the dialog as it opens unless a state is given. */
function run(actions: DialogAction[], from: DialogState = initialDialogState()): DialogState {
  return actions.reduce(dialogReducer, from);
}

const exportInfo = fileInfo(1, 'deals.csv', ['Stage', 'Amount', 'Account']);
const started: DialogAction = {
  type: 'parse-started',
  fileId: 1,
  fileName: 'deals.csv',
  role: 'main',
  totalBytes: 1000,
  cancel: noop,
};
const parsed: DialogAction = {
  type: 'parse-settled',
  role: 'main',
  fileName: 'deals.csv',
  outcome: { status: 'parsed', info: exportInfo },
};
/** An export read, then a lookup table of accounts joined on the "Account" column. */
const withLookup = run([
  started,
  parsed,
  { type: 'go-to', target: stepIndex('joins') },
  { ...started, fileId: 2, fileName: 'accounts.csv', role: 'lookup' },
  {
    type: 'parse-settled',
    role: 'lookup',
    fileName: 'accounts.csv',
    outcome: { status: 'parsed', info: fileInfo(2, 'accounts.csv', ['account', 'Industry']) },
  },
]);

describe('the import dialog: steps', () => {
  it('opens on the file step with nothing reached, one catch-all segment and the defaults', () => {
    const s = initialDialogState();
    expect(s.step).toBe('file');
    expect(s.reached).toBe(0);
    expect(s.segments).toMatchObject([{ id: 'all', name: 'All opportunities', sweetSpot: true }]);
    expect(s.noDecision).toBe('lost');
    expect(s.stale).toBe('open');
    expect(STEPS.map((x) => x.label)).toEqual([
      'File',
      'Columns',
      'Lookup tables',
      'Segments',
      'Fits',
      'Row report',
      'Backtest',
      'This quarter',
    ]);
  });

  it('Next on a blocked step lists its problems and stays; otherwise it moves on and extends the reach', () => {
    const blocked = run([{ type: 'next', blocked: true }]);
    expect(blocked.step).toBe('file');
    expect(blocked.showProblems).toBe(true);
    const moved = run([{ type: 'next', blocked: false }], blocked);
    expect(moved.step).toBe('columns');
    expect(moved.reached).toBe(1);
    expect(moved.showProblems).toBe(false);
  });

  it('Next pressed while the step is still working is remembered until the step moves', () => {
    const waiting = run([
      { type: 'go-to', target: stepIndex('columns') },
      { type: 'next', blocked: true, waiting: true },
    ]);
    expect(waiting.step).toBe('columns');
    expect(waiting.nextWhenReady).toBe(true);
    // Ready: the hook sends Next again; it moves on and forgets the wish.
    const moved = run([{ type: 'next', blocked: false }], waiting);
    expect(moved.step).toBe('joins');
    expect(moved.nextWhenReady).toBe(false);
    // Ready but with real problems: they are listed, and nothing moves on later by itself.
    const stuck = run([{ type: 'next', blocked: true, waiting: false }], waiting);
    expect(stuck.step).toBe('columns');
    expect(stuck.showProblems).toBe(true);
    expect(stuck.nextWhenReady).toBe(false);
    // Back before the work is done cancels the wish.
    expect(run([{ type: 'back' }], waiting).nextWhenReady).toBe(false);
  });

  it('Back and the step list keep the furthest step reached; Back stops at the first step', () => {
    const far = run([
      { type: 'go-to', target: stepIndex('fits') },
      { type: 'back' },
      { type: 'back' },
    ]);
    expect(far.step).toBe('joins');
    expect(far.reached).toBe(stepIndex('fits'));
    expect(run([{ type: 'back' }]).step).toBe('file');
    expect(run([{ type: 'go-to', target: STEPS.length }]).step).toBe('file');
  });

  it('the last step has no next one', () => {
    const last = run([
      { type: 'go-to', target: STEPS.length - 1 },
      { type: 'next', blocked: false },
    ]);
    expect(last.step).toBe('forecast');
  });

  it('a proposed split replaces the segments and goes to the segments step', () => {
    const split = [
      { uid: 91, id: 'gtx', idTouched: true, name: 'GTX', sweetSpot: true, rules: [] },
      { uid: 92, id: 'other', idTouched: true, name: 'Other', sweetSpot: false, rules: [] },
    ];
    const s = run([
      { type: 'go-to', target: stepIndex('backtest') },
      { type: 'next', blocked: true },
      { type: 'use-split', segments: split },
    ]);
    expect(s.step).toBe('segments');
    expect(s.segments).toEqual(split);
    expect(s.showProblems).toBe(false);
    expect(s.reached).toBe(stepIndex('backtest'));
  });

  it('only the fits, row report and backtest steps ask for the calibration', () => {
    expect(STEPS.filter((x) => showsCalibration(x.id)).map((x) => x.id)).toEqual([
      'fits',
      'report',
      'backtest',
    ]);
  });
});

describe('the import dialog: files', () => {
  it('shows a file being read, with its progress, and clears earlier messages', () => {
    const s = run([
      { type: 'file-problem', role: 'main', message: 'Choose a CSV file.' },
      started,
      { type: 'parse-progress', fileId: 1, progress: { bytes: 500, totalBytes: 1000, rows: 4 } },
      { type: 'parse-progress', fileId: 7, progress: { bytes: 9, totalBytes: 9, rows: 9 } },
    ]);
    expect(s.fileError).toBeUndefined();
    expect(s.parsing).toMatchObject({ fileName: 'deals.csv', role: 'main' });
    expect(s.parsing?.progress).toEqual({ bytes: 500, totalBytes: 1000, rows: 4 });
  });

  it('a read export reaches the columns step', () => {
    const s = run([started, parsed]);
    expect(s.parsing).toBeUndefined();
    expect(s.main).toBe(exportInfo);
    expect(s.reached).toBe(1);
    expect(s.step).toBe('file');
  });

  it('says a cancelled read imported nothing, and puts a failure beside the file it concerns', () => {
    const cancelled = run([started, { ...parsed, outcome: { status: 'cancelled' } }]);
    expect(cancelled.notice).toBe(
      'Reading "deals.csv" was cancelled: nothing was imported from it.',
    );
    expect(cancelled.main).toBeUndefined();
    const failed = run([
      { ...started, role: 'lookup' },
      {
        type: 'parse-settled',
        role: 'lookup',
        fileName: 'accounts.csv',
        outcome: { status: 'failed', message: 'The file is empty.' },
      },
    ]);
    expect(failed.lookupError).toBe('The file is empty.');
    expect(failed.fileError).toBeUndefined();
    const crashed = run([
      started,
      { type: 'parse-crashed', role: 'main', fileName: 'deals.csv', message: 'out of memory' },
    ]);
    expect(crashed.fileError).toBe('"deals.csv" could not be read: out of memory');
    expect(crashed.parsing).toBeUndefined();
  });

  it('a lookup table becomes a join on the export column of the same name', () => {
    expect(withLookup.lookups.map((l) => l.name)).toEqual(['accounts.csv']);
    expect(withLookup.joins).toMatchObject([
      { fileId: 2, fileName: 'accounts.csv', column: 'Account', key: 'account', aliases: {} },
    ]);
  });

  it('removing a join forgets its lookup table, in the state and in the worker', () => {
    const uid = withLookup.joins[0]?.uid ?? -1;
    const action: DialogAction = { type: 'join-removed', uid };
    expect(releasedFiles(withLookup, action)).toEqual([2]);
    const s = dialogReducer(withLookup, action);
    expect(s.joins).toEqual([]);
    expect(s.lookups).toEqual([]);
    expect(releasedFiles(withLookup, { type: 'join-removed', uid: -5 })).toEqual([]);
  });

  it('removing a join clears every choice that named a column only its table brought, and says so', () => {
    const lookup = (fileId: number, fileName: string, headers: string[]): DialogAction[] => [
      { ...started, fileId, fileName, role: 'lookup' },
      {
        type: 'parse-settled',
        role: 'lookup',
        fileName,
        outcome: { status: 'parsed', info: fileInfo(fileId, fileName, headers) },
      },
    ];
    const exported = fileInfo(1, 'deals.csv', ['Stage', 'Amount', 'Account', 'Product', 'Closed']);
    const rule = (uid: number, column: string) => ({
      uid,
      column,
      op: 'in' as const,
      values: ['x'],
      text: 'x',
    });
    const chosen = run([
      started,
      { ...parsed, outcome: { status: 'parsed', info: exported } },
      { type: 'go-to', target: stepIndex('joins') },
      // Joined on "Account": brings Account.list_price, list_price, Account.Region, Account.Amount.
      ...lookup(2, 'accounts.csv', ['account', 'list_price', 'Region', 'Amount']),
      // Joined on "Product": also brings a Region, so the bare "Region" is neither's.
      ...lookup(3, 'products.csv', ['product', 'Region']),
      { type: 'map', field: 'stage', column: 'Stage' },
      { type: 'map', field: 'amount', column: 'Amount' },
      { type: 'map', field: 'listPrice', column: 'list_price' },
      { type: 'map', field: 'owner', column: 'Account.Region' },
      { type: 'map', field: 'closed', column: 'Product.Region' },
      { type: 'date-order', column: 'Account.Region', order: 'dmy' },
      { type: 'date-order', column: 'Closed', order: 'mdy' },
      {
        type: 'segments',
        update: (segments) => [
          { ...(segments[0] as SegmentDraft), rules: [rule(81, 'Stage')] },
          {
            uid: 82,
            id: 'big',
            idTouched: true,
            name: 'Big',
            sweetSpot: false,
            rules: [rule(83, 'LIST PRICE'), rule(84, 'Product.Region')],
          },
        ],
      },
    ]);
    expect(chosen.joins.map((j) => j.column)).toEqual(['Account', 'Product']);
    const uid = chosen.joins[0]?.uid ?? -1;
    const s = dialogReducer(chosen, { type: 'join-removed', uid });
    // The export's columns and the other table's stay chosen; the removed table's are cleared.
    expect(s.mapping).toEqual({ stage: 'Stage', amount: 'Amount', closed: 'Product.Region' });
    expect(s.dateChoice).toEqual({ Closed: 'mdy' });
    expect(s.segments[0]?.rules).toEqual([rule(81, 'Stage')]);
    expect(s.segments[1]?.rules).toEqual([
      { uid: 83, column: '', op: 'in', values: [], text: '' },
      rule(84, 'Product.Region'),
    ]);
    expect(s.notice).toBe(
      'Removing "accounts.csv" cleared the list price and owner columns (choose again on the Columns step) and the column of 1 segment rule (choose again on the Segments step).',
    );
    // The cleared fields were the person's: no guess fills them behind their back.
    const guessed = dialogReducer(s, {
      type: 'analysis-done',
      key: 'after',
      value: analysisWith({ listPrice: 'Amount', owner: 'Product' }),
    });
    expect(guessed.mapping.listPrice).toBeUndefined();
    expect(guessed.mapping.owner).toBeUndefined();
    // Removing the other table now frees nothing it alone did not bring.
    const both = dialogReducer(s, { type: 'join-removed', uid: s.joins[0]?.uid ?? -1 });
    expect(both.mapping).toEqual({ stage: 'Stage', amount: 'Amount' });
    expect(both.notice).toBe(
      'Removing "products.csv" cleared the closed date column (choose again on the Columns step) and the column of 1 segment rule (choose again on the Segments step).',
    );
    // A join whose columns nothing named clears nothing and leaves the notice as it was.
    const quiet = dialogReducer(withLookup, {
      type: 'join-removed',
      uid: withLookup.joins[0]?.uid ?? -1,
    });
    expect(quiet.mapping).toBe(withLookup.mapping);
    expect(quiet.segments).toBe(withLookup.segments);
    expect(quiet.notice).toBeUndefined();
  });

  it('a new export starts every choice again, keeps joins on its columns and forgets the old file', () => {
    const chosen = run(
      [
        { type: 'map', field: 'stage', column: 'Stage' },
        { type: 'outcome', value: 'Closed Won', outcome: 'won' },
        { type: 'date-order', column: 'Created', order: 'dmy' },
        { type: 'choose', choice: { noDecision: 'exclude', stale: 'lost' } },
        { type: 'choose', choice: { team: { quota: 90000 } } },
        { type: 'choose', choice: { acceptedKey: 'k' } },
        { type: 'segments', update: (segments) => [...segments, ...segments] },
      ],
      withLookup,
    );
    expect(chosen.segments).toHaveLength(2);
    expect(chosen).toMatchObject({
      noDecision: 'exclude',
      stale: 'lost',
      team: { quota: 90000 },
      acceptedKey: 'k',
    });
    expect(dialogReducer(chosen, { type: 'choose', choice: { acceptedKey: undefined } })).toEqual({
      ...chosen,
      acceptedKey: undefined,
    });
    const second: DialogAction = {
      type: 'parse-settled',
      role: 'main',
      fileName: 'deals-2.csv',
      outcome: { status: 'parsed', info: fileInfo(3, 'deals-2.csv', ['Stage', 'Account']) },
    };
    expect(releasedFiles(chosen, second)).toEqual([1]);
    const s = dialogReducer(chosen, second);
    expect(s.main?.fileId).toBe(3);
    expect(s.mapping).toEqual({});
    expect(s.touched.size).toBe(0);
    expect(s.outcomeChoice).toEqual({});
    expect(s.dateChoice).toEqual({});
    expect(s.noDecision).toBe('lost');
    expect(s.stale).toBe('open');
    expect(s.team).toEqual({});
    expect(s.acceptedKey).toBeUndefined();
    expect(s.segments).toMatchObject([{ id: 'all' }]);
    expect(s.joins).toHaveLength(1);
    expect(s.step).toBe('joins');
    const noAccount = dialogReducer(chosen, {
      ...second,
      outcome: { status: 'parsed', info: fileInfo(4, 'deals-3.csv', ['Stage']) },
    });
    expect(noAccount.joins).toEqual([]);
  });

  it('Start over forgets every file and returns to the first step, leaving a read in progress to be cancelled', () => {
    const reading = run(
      [{ ...started, fileId: 5, fileName: 'more.csv', role: 'lookup' }],
      withLookup,
    );
    expect(releasedFiles(reading, { type: 'start-over' })).toEqual([1, 2]);
    const s = dialogReducer(reading, { type: 'start-over' });
    expect(s.step).toBe('file');
    expect(s.reached).toBe(0);
    expect(s.main).toBeUndefined();
    expect(s.lookups).toEqual([]);
    expect(s.joins).toEqual([]);
    expect(s.parsing?.fileName).toBe('more.csv');
    const after = dialogReducer(s, {
      type: 'parse-settled',
      role: 'lookup',
      fileName: 'more.csv',
      outcome: { status: 'cancelled' },
    });
    expect(after.parsing).toBeUndefined();
    expect(after.notice).toContain('"more.csv" was cancelled');
  });
});

describe('the import dialog: choices and the worker’s answers', () => {
  it('a column chosen by the person is kept; the worker’s guesses fill the others', () => {
    const s = run([
      { type: 'map', field: 'stage', column: 'Status' },
      { type: 'map', field: 'owner', column: '' },
      {
        type: 'analysis-done',
        key: 'a',
        value: analysisWith({ stage: 'Stage', amount: 'Amount', owner: 'Owner' }),
      },
    ]);
    expect(s.mapping).toEqual({ stage: 'Status', amount: 'Amount', owner: '' });
    expect(s.analysis?.key).toBe('a');
  });

  it('adopting guesses changes nothing when there is nothing to adopt', () => {
    const mapping: ColumnMapping = { stage: 'Stage' };
    expect(adoptGuesses(mapping, { stage: 'Other' }, new Set())).toBe(mapping);
    expect(adoptGuesses(mapping, { amount: '' }, new Set())).toBe(mapping);
    expect(adoptGuesses({}, { amount: 'Amount' }, new Set(['amount']))).toEqual({});
  });

  it('an analysis error shows until the next analysis arrives', () => {
    const failed = run([{ type: 'analysis-failed', message: 'the import worker stopped' }]);
    expect(failed.analysisError).toBe('the import worker stopped');
    const fixed = run([{ type: 'analysis-done', key: 'b', value: analysisWith({}) }], failed);
    expect(fixed.analysisError).toBeUndefined();
  });

  it('keeps only the latest calibration’s answer, and the last finished one for the backtest', () => {
    const outcome = { ok: false, problems: [], issuesTotal: 0 } as CalibrateOutcome;
    const first = run([
      { type: 'calibration-started', key: 'k1' },
      { type: 'calibration-done', key: 'k1', outcome },
    ]);
    expect(first.calibration).toEqual({ key: 'k1', outcome });
    expect(first.lastOutcome).toBe(outcome);
    const second = run(
      [
        { type: 'calibration-started', key: 'k2' },
        { type: 'calibration-done', key: 'k1', outcome },
        { type: 'calibration-failed', key: 'k1', message: 'late' },
      ],
      first,
    );
    expect(second.calibration).toEqual({ key: 'k2' });
    expect(second.lastOutcome).toBe(outcome);
    const failed = run([{ type: 'calibration-failed', key: 'k2', message: 'no rows' }], second);
    expect(failed.calibration).toEqual({ key: 'k2', error: 'no rows' });
  });

  it('a new export ignores the answer of a calibration asked for the old one', () => {
    const asked = run([started, parsed, { type: 'calibration-started', key: 'old' }]);
    const replaced = run(
      [
        {
          type: 'parse-settled',
          role: 'main',
          fileName: 'deals-2.csv',
          outcome: { status: 'parsed', info: fileInfo(3, 'deals-2.csv', ['Stage']) },
        },
        {
          type: 'calibration-done',
          key: 'old',
          outcome: { ok: false, problems: [], issuesTotal: 0 },
        },
      ],
      asked,
    );
    expect(replaced.calibration).toBeUndefined();
    expect(replaced.lastOutcome).toBeUndefined();
  });

  it('edits a join and the segments in place', () => {
    const uid = withLookup.joins[0]?.uid ?? -1;
    const s = run(
      [
        { type: 'join-changed', uid, change: { key: 'Industry' } },
        { type: 'segments', update: [] },
      ],
      withLookup,
    );
    expect(s.joins[0]).toMatchObject({ key: 'Industry', column: 'Account' });
    expect(s.segments).toEqual([]);
  });
});
