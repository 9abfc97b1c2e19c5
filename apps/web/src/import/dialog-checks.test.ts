import type { DateDetection } from '@sweetspot/calibration';
import { describe, expect, it } from 'vitest';
import {
  columnIssuesOf,
  dateNeedsChoice,
  joinProblemsOf,
  type StepFacts,
  segmentProblemsOf,
  stepProblems,
  stepWaiting,
} from './dialog-checks.ts';
import { convertSegments } from './segments-draft.ts';
import { analysisWith } from './test-fixtures.ts';
import type { JoinDraft, ParsedFileInfo } from './types.ts';

const ambiguous: DateDetection = {
  kind: 'ambiguous',
  candidates: ['dmy', 'mdy'],
  formats: ['DD/MM/YYYY', 'MM/DD/YYYY'],
  examples: ['01/02/2024'],
  values: 10,
};
const detected: DateDetection = {
  kind: 'detected',
  order: 'ymd',
  format: 'YYYY-MM-DD',
  values: 10,
};
const full = { stage: 'Stage', amount: 'Amount', created: 'Created', closed: 'Closed' };
/** The export's columns, as the analysis lists them. */
const columns = Object.values(full);

/** The columns step's issues for `mapping` over an export with these columns and dates. */
function issuesWith(
  mapping: Parameters<typeof columnIssuesOf>[0],
  dates: Record<string, DateDetection>,
  won: string[] = ['Won'],
  dateChoice: Parameters<typeof columnIssuesOf>[3] = {},
  exportColumns = columns,
) {
  return columnIssuesOf(
    mapping,
    analysisWith({ columns: exportColumns, dates }),
    { won },
    dateChoice,
  );
}

describe('what blocks the columns step', () => {
  it('asks for every required column, each with the control that fixes it', () => {
    const issues = columnIssuesOf({ stage: 'Stage' }, undefined, {}, {});
    expect([...issues]).toEqual([
      ['Choose the column that holds the amount.', 'crm-map-amount'],
      ['Choose the column that holds the created (or engaged) date.', 'crm-map-created'],
      ['Choose the column that holds the closed date.', 'crm-map-closed'],
    ]);
  });

  it('once analysed: a won stage value, dates that are dates, and a format where it is ambiguous', () => {
    const analysis = analysisWith({
      columns,
      dates: {
        created: ambiguous,
        closed: { kind: 'unrecognized', examples: ['soon'], values: 3 },
      },
    });
    const issues = columnIssuesOf(full, analysis, { won: [] }, {});
    expect([...issues]).toEqual([
      ['Mark at least one stage value as won.', 'crm-outcome-0'],
      ['Say which date format column "Created" uses.', 'crm-date-created'],
      ['Column "Closed" holds no dates: choose the column with the closed date.', 'crm-map-closed'],
    ]);
    const chosen = issuesWith(full, { created: ambiguous, closed: detected }, ['Won'], {
      Created: 'dmy',
    });
    expect(chosen.size).toBe(0);
  });

  it('one column for both dates: its format is asked beside the created date', () => {
    const same = { ...full, closed: 'Created' };
    const issues = issuesWith(same, { created: ambiguous, closed: ambiguous });
    expect([...issues.values()]).toEqual(['crm-date-created']);
    const empty = issuesWith(full, { created: detected, closed: { kind: 'empty' } });
    expect([...empty.keys()]).toEqual([
      'Column "Closed" is empty: choose the column with the closed date.',
    ]);
  });

  it('a chosen column that is gone is named by its field, with the control that fixes it, and asked nothing more', () => {
    // The list price and the stage came from a lookup table since removed (or joined differently).
    const gone = { ...full, stage: 'accounts.stage', listPrice: 'list_price' };
    const issues = issuesWith(gone, { created: detected, closed: detected }, []);
    expect([...issues]).toEqual([
      [
        'The stage / outcome column "accounts.stage" is no longer in the export or its lookup tables: choose another.',
        'crm-map-stage',
      ],
      [
        'The list price column "list_price" is no longer in the export or its lookup tables: choose another, or none.',
        'crm-map-listPrice',
      ],
    ]);
    // The dates are asked about only for a column that is there.
    const dates = issuesWith(
      { ...full, created: 'gone' },
      { created: ambiguous, closed: detected },
    );
    expect([...dates.values()]).toEqual(['crm-map-created']);
    // Found as the calibration finds it: case and punctuation aside.
    const loose = issuesWith({ ...full, listPrice: 'List Price' }, {}, ['Won'], {}, [
      ...columns,
      'list_price',
    ]);
    expect(loose.size).toBe(0);
  });

  it('only ambiguous or mixed dates need a choice', () => {
    expect(dateNeedsChoice(ambiguous)).toBe(true);
    expect(
      dateNeedsChoice({
        kind: 'inconsistent',
        fits: { ymd: 1, dmy: 2, mdy: 0 },
        examples: [],
        values: 3,
      }),
    ).toBe(true);
    expect(dateNeedsChoice(detected)).toBe(false);
  });
});

describe('what blocks the joins and segments steps', () => {
  it('a join needs both key columns; the worker’s join error is listed too', () => {
    const join: JoinDraft = {
      uid: 1,
      fileId: 2,
      fileName: 'accounts.csv',
      column: '',
      key: '',
      aliases: {},
    };
    expect(
      joinProblemsOf([join], analysisWith({ joinError: 'Two rows share the key "acme".' })),
    ).toEqual([
      'accounts.csv: choose the export column that holds its key.',
      'accounts.csv: choose its key column.',
      'Two rows share the key "acme".',
    ]);
    expect(joinProblemsOf([{ ...join, column: 'Account', key: 'account' }], undefined)).toEqual([]);
  });

  it('incomplete segment rules, then the worker’s segment error', () => {
    const converted = convertSegments([
      {
        uid: 1,
        id: 'gtx',
        idTouched: true,
        name: 'GTX',
        sweetSpot: true,
        rules: [{ uid: 2, column: '', op: 'in', values: [], text: '' }],
      },
    ]);
    const problems = segmentProblemsOf(
      converted,
      analysisWith({ segments: { error: 'No sweet spot.' } }),
    );
    expect(problems[0]).toMatch(/^Segment 1, rule 1: choose a column/);
    expect(problems.at(-1)).toBe('No sweet spot.');
  });
});

describe('why Next cannot leave a step', () => {
  const main = { fileId: 1, name: 'deals.csv' } as ParsedFileInfo;
  const facts: StepFacts = {
    main,
    analysisFresh: true,
    columnProblems: [],
    joinProblems: ['j'],
    segmentProblems: ['s'],
    fit: undefined,
  };
  /** The earlier steps without problems: the fits can start. */
  const ready: StepFacts = { ...facts, joinProblems: [], segmentProblems: [] };

  it('the file step needs an export; the columns step waits for the analysis of the current choices', () => {
    expect(stepProblems('file', { ...facts, main: undefined })).toEqual([
      'Choose the CRM export first.',
    ]);
    expect(stepProblems('file', facts)).toEqual([]);
    expect(stepProblems('columns', { ...facts, analysisFresh: false })).toEqual([
      'Still reading the columns: a moment…',
    ]);
    expect(stepProblems('columns', { ...facts, columnProblems: ['c'] })).toEqual(['c']);
    expect(stepProblems('joins', facts)).toEqual(['j']);
    expect(stepProblems('segments', facts)).toEqual(['s']);
  });

  it('the fits step waits for the fits, and needs usable rows for the row report', () => {
    expect(stepProblems('fits', { ...ready, fit: { key: 'k' } })).toEqual([
      'The fits are still being computed: a moment…',
    ]);
    expect(
      stepProblems('fits', {
        ...ready,
        fit: { key: 'k', outcome: { ok: false, problems: [], issuesTotal: 0 } },
      }),
    ).toEqual(['Fix the problems above first: there is no row report without usable rows.']);
    expect(
      stepProblems('fits', { ...ready, fit: { key: 'k', error: 'the import was closed' } }),
    ).toEqual(['the import was closed']);
  });

  it('only the columns step (reading) and the fits step (fitting) can be waiting', () => {
    expect(stepWaiting('columns', { ...facts, analysisFresh: false })).toBe(true);
    expect(stepWaiting('columns', { ...facts, columnProblems: ['c'] })).toBe(false);
    expect(stepWaiting('fits', { ...ready, fit: { key: 'k' } })).toBe(true);
    expect(stepWaiting('fits', { ...ready, fit: { key: 'k', error: 'closed' } })).toBe(false);
    for (const step of ['file', 'joins', 'segments', 'report', 'backtest', 'forecast'] as const)
      expect(stepWaiting(step, { ...facts, main: undefined, analysisFresh: false })).toBe(false);
  });

  it('the fits step does not wait for fits that cannot start: it names the earlier problems', () => {
    const blocked = { ...facts, segmentProblems: ['No sweet spot.'], fit: undefined };
    expect(stepWaiting('fits', blocked)).toBe(false);
    expect(stepProblems('fits', blocked)).toEqual([
      'Fix the problems listed above first: the fits start once they are fixed.',
    ]);
    expect(stepWaiting('fits', ready)).toBe(true);
  });

  it('the last steps never block', () => {
    for (const step of ['report', 'backtest', 'forecast'] as const)
      expect(stepProblems(step, { ...facts, main: undefined })).toEqual([]);
  });
});
