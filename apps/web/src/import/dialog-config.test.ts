import type { Backtest } from '@sweetspot/calibration';
import { defaultScenario, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import * as dialogConfig from './dialog-config.ts';
import { guessJoin, joinConfigsOf } from './joins-draft.ts';
import { convertSegments } from './segments-draft.ts';
import { analysisWith } from './test-fixtures.ts';
import type { CalibrateOutcome, ParsedFileInfo, SegmentDraft } from './types.ts';

const main = { fileId: 4, name: 'deals.csv', headers: ['Account', 'Series'] } as ParsedFileInfo;

/** A complete GTX segment, one whose rule has no column yet, and the rest. */
const segments: SegmentDraft[] = [
  {
    uid: 1,
    id: 'gtx',
    idTouched: true,
    name: 'GTX',
    sweetSpot: true,
    rules: [{ uid: 2, column: 'Series', op: 'in', values: ['GTX'], text: '' }],
  },
  {
    uid: 3,
    id: 'draft',
    idTouched: true,
    name: 'Draft',
    sweetSpot: false,
    rules: [{ uid: 4, column: '', op: 'in', values: [], text: '' }],
  },
  { uid: 5, id: 'rest', idTouched: true, name: 'Rest', sweetSpot: false, rules: [] },
];

describe('what the live analysis asks', () => {
  const converted = convertSegments(segments);

  it('counts only segments whose rules are complete, and lists the columns rules use', () => {
    expect(dialogConfig.countableSegments(converted)).toEqual([0, 2]);
    expect(
      dialogConfig.distinctColumnsOf([...segments, { ...segments[0], rules: [] } as SegmentDraft]),
    ).toEqual(['Series']);
  });

  it('asks nothing before an export is read; then the export, its joins and the countable segments', () => {
    expect(dialogConfig.analyzeConfigOf(undefined, {}, [], converted, [0], [])).toBeUndefined();
    const joins = joinConfigsOf([
      {
        uid: 9,
        fileId: 2,
        fileName: 'accounts.csv',
        column: 'Account',
        key: 'id',
        aliases: { a: 'b' },
      },
    ]);
    const config = dialogConfig.analyzeConfigOf(
      main,
      { stage: 'Stage' },
      joins,
      converted,
      [0, 2],
      ['Series'],
    );
    expect(config).toEqual({
      mainFileId: 4,
      mapping: { stage: 'Stage' },
      joins: [
        { fileId: 2, column: 'Account', key: 'id', aliases: { a: 'b' }, source: 'accounts.csv' },
      ],
      segments: [converted.rules[0], converted.rules[2]],
      distinctColumns: ['Series'],
    });
  });
});

describe('the choices as the calibration reads them', () => {
  const analysis = analysisWith({
    outcomes: [
      { value: 'Won', outcome: 'won', count: 5, guessed: true },
      { value: 'Lost', outcome: 'lost', count: 3, guessed: true },
      { value: 'Dead', outcome: 'open', count: 2, guessed: true },
      { value: 'Parked', outcome: 'open', count: 1, guessed: true },
    ],
    dates: {
      created: {
        kind: 'ambiguous',
        candidates: ['dmy', 'mdy'],
        formats: [],
        examples: [],
        values: 3,
      },
      closed: { kind: 'detected', order: 'ymd', format: 'YYYY-MM-DD', values: 3 },
    },
  });

  it('stage values: the person’s choice over the guess; open values in no list', () => {
    expect(dialogConfig.outcomeRulesOf(analysis, { Dead: 'no-decision', Lost: 'won' })).toEqual({
      won: ['Won', 'Lost'],
      lost: [],
      noDecision: ['Dead'],
    });
    expect(dialogConfig.outcomeRulesOf(undefined, { Dead: 'won' })).toEqual({
      won: [],
      lost: [],
      noDecision: [],
    });
  });

  it('date formats: only where the dates need a choice and one was made', () => {
    const mapping = { created: 'Created', closed: 'Closed' };
    expect(dialogConfig.dateOrderOf(mapping, analysis, { Created: 'dmy', Closed: 'mdy' })).toEqual({
      created: 'dmy',
    });
    expect(dialogConfig.dateOrderOf(mapping, analysis, {})).toEqual({});
    expect(dialogConfig.dateOrderOf({}, analysis, { Created: 'dmy' })).toEqual({});
  });

  it('the calibration takes every segment, the policies and the team numbers', () => {
    const converted = convertSegments(segments);
    const analyze = dialogConfig.analyzeConfigOf(main, {}, [], converted, [0, 2], []);
    const state = { main, noDecision: 'exclude', stale: 'lost', team: { quota: 1 } } as const;
    expect(
      dialogConfig.calibrateConfigOf({ ...state, main: undefined }, analyze, converted, {}, {}),
    ).toBe(undefined);
    const config = dialogConfig.calibrateConfigOf(
      state,
      analyze,
      converted,
      { won: ['Won'] },
      { created: 'dmy' },
    );
    expect(config).toMatchObject({
      mainFileId: 4,
      segments: converted.rules,
      outcomes: { won: ['Won'] },
      dateOrder: { created: 'dmy' },
      fileName: 'deals.csv',
      noDecision: 'exclude',
      stale: 'lost',
      team: { quota: 1 },
    });
    const base = defaultScenario();
    expect(dialogConfig.calibrationKeyOf(config, base)).not.toBe(
      dialogConfig.calibrationKeyOf(config, { ...base, seed: 1 }),
    );
    expect(dialogConfig.calibrationKeyOf(config, base)).toBe(
      dialogConfig.calibrationKeyOf(structuredClone(config), base),
    );
  });
});

describe('the base and the scenario to open', () => {
  it('keeps the editor’s scenario when it is valid, else starts from the default', () => {
    const valid = defaultScenario();
    expect(dialogConfig.baseScenarioOf(valid)).toEqual({ scenario: valid, fromEditor: true });
    const broken = { ...valid, trials: -1 } as Scenario;
    expect(dialogConfig.baseScenarioOf(broken)).toEqual({
      scenario: defaultScenario(),
      fromEditor: false,
    });
  });

  it('opens the replayed scenario once its backtest passes or its gaps are accepted', () => {
    const scenario = defaultScenario();
    const outcome = (ok: boolean) =>
      ({
        ok: true,
        replay: { ok: true, scenario, backtest: { ok } as Backtest },
      }) as CalibrateOutcome;
    expect(dialogConfig.openableScenario(outcome(true), false)).toBe(scenario);
    expect(dialogConfig.openableScenario(outcome(false), false)).toBeUndefined();
    expect(dialogConfig.openableScenario(outcome(false), true)).toBe(scenario);
    expect(dialogConfig.openableScenario(undefined, true)).toBeUndefined();
    expect(
      dialogConfig.openableScenario(
        { ok: true, replay: { ok: false, error: 'x' } } as CalibrateOutcome,
        true,
      ),
    ).toBeUndefined();
  });
});

describe('a new join', () => {
  const lookup = {
    fileId: 2,
    name: 'accounts.csv',
    headers: ['account_name', 'Industry'],
  } as ParsedFileInfo;

  it('joins on the export column of the same name, ignoring case and punctuation', () => {
    expect(guessJoin(lookup, ['Account Name', 'Stage'])).toEqual({
      fileId: 2,
      fileName: 'accounts.csv',
      column: 'Account Name',
      key: 'account_name',
      aliases: {},
    });
  });

  it('leaves the export column to choose when no name matches', () => {
    expect(guessJoin(lookup, ['Stage'])).toMatchObject({ column: '', key: 'account_name' });
  });
});
