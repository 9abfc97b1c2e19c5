/**
 * What the import dialog asks the calibration worker, derived from its state (plain TS, tested in
 * Node): the live analysis's config (only complete segments counted), the stage values and date
 * formats as chosen, the calibration's config and key, and the scenario the dialog may open.
 */
import type { DateOrder, Outcome, OutcomeRules } from '@sweetspot/calibration';
import { defaultScenario, type Scenario, validateScenario } from '@sweetspot/scenario';
import { canOpen } from './backtest-view.ts';
import { dateNeedsChoice } from './dialog-checks.ts';
import type { DialogState } from './dialog-state.ts';
import type { convertSegments } from './segments-draft.ts';
import type {
  Analysis,
  AnalyzeConfig,
  CalibrateConfig,
  CalibrateOutcome,
  JoinConfig,
  ParsedFileInfo,
  SegmentDraft,
} from './types.ts';

export type ConvertedSegments = ReturnType<typeof convertSegments>;

/** The scenario a calibration keeps the non-CRM numbers of: the editor's, if it is valid. */
export interface BaseScenario {
  scenario: Scenario;
  fromEditor: boolean;
}

/** The editor's scenario as the calibration's base, or the default one when it has errors. */
export function baseScenarioOf(base: Scenario): BaseScenario {
  const checked = validateScenario(base);
  return checked.ok
    ? { scenario: checked.scenario, fromEditor: true }
    : { scenario: defaultScenario(), fromEditor: false };
}

/** Indexes of the segments counted live: those whose rules are all complete. */
export function countableSegments(converted: ConvertedSegments): number[] {
  const incomplete = new Set(
    converted.problems.filter((p) => p.rule !== undefined).map((p) => p.segment),
  );
  const indexes: number[] = [];
  converted.rules.forEach((_, i) => {
    if (!incomplete.has(i)) indexes.push(i);
  });
  return indexes;
}

/** Columns the segment rules use (sorted): the worker lists their distinct values. */
export function distinctColumnsOf(segments: readonly SegmentDraft[]): string[] {
  const set = new Set<string>();
  for (const s of segments) for (const r of s.rules) if (r.column !== '') set.add(r.column);
  return [...set].sort();
}

/** The live analysis's request; none before an export is read. */
export function analyzeConfigOf(
  main: ParsedFileInfo | undefined,
  mapping: DialogState['mapping'],
  joins: JoinConfig[],
  converted: ConvertedSegments,
  countable: readonly number[],
  distinctColumns: string[],
): AnalyzeConfig | undefined {
  if (!main) return undefined;
  return {
    mainFileId: main.fileId,
    mapping,
    joins,
    segments: countable.map((i) => converted.rules[i] as (typeof converted.rules)[number]),
    distinctColumns,
  };
}

/** Stage values as won, lost or no decision: the person's choice, else the worker's guess. */
export function outcomeRulesOf(
  analysis: Analysis | undefined,
  outcomeChoice: Readonly<Record<string, Outcome>>,
): OutcomeRules {
  const rows = analysis?.outcomes ?? [];
  const chosen = (value: string, guess: Outcome) => outcomeChoice[value] ?? guess;
  const valuesOf = (outcome: Outcome) =>
    rows.filter((e) => chosen(e.value, e.outcome) === outcome).map((e) => e.value);
  return { won: valuesOf('won'), lost: valuesOf('lost'), noDecision: valuesOf('no-decision') };
}

/** The date formats chosen for the created and closed columns, where their dates need one. */
export function dateOrderOf(
  mapping: DialogState['mapping'],
  analysis: Analysis | undefined,
  dateChoice: Readonly<Record<string, DateOrder>>,
): CalibrateConfig['dateOrder'] {
  const out: CalibrateConfig['dateOrder'] = {};
  for (const field of ['created', 'closed'] as const) {
    const column = mapping[field];
    const detection = analysis?.dates[field];
    const choice = column ? dateChoice[column] : undefined;
    if (detection && dateNeedsChoice(detection) && choice) out[field] = choice;
  }
  return out;
}

/** The calibration's request: every segment (complete or not: the worker reports the rest). */
export function calibrateConfigOf(
  state: Pick<DialogState, 'main' | 'noDecision' | 'stale' | 'team'>,
  analyzeConfig: AnalyzeConfig | undefined,
  converted: ConvertedSegments,
  outcomes: OutcomeRules,
  dateOrder: CalibrateConfig['dateOrder'],
): CalibrateConfig | undefined {
  if (!state.main || !analyzeConfig) return undefined;
  return {
    ...analyzeConfig,
    segments: converted.rules,
    outcomes,
    dateOrder,
    fileName: state.main.name,
    noDecision: state.noDecision,
    stale: state.stale,
    team: state.team,
  };
}

/** What identifies a calibration: its request and its base scenario. */
export function calibrationKeyOf(config: CalibrateConfig | undefined, base: Scenario): string {
  return JSON.stringify([config ?? null, base]);
}

/**
 * The scenario "Open as scenario" loads: the replayed one (effort per deal solved), as the CLI
 * writes it, once its backtest is within 5% or the gaps were accepted.
 */
export function openableScenario(
  outcome: CalibrateOutcome | undefined,
  accepted: boolean,
): Scenario | undefined {
  const replayed = outcome?.ok && outcome.replay?.ok ? outcome.replay : undefined;
  return canOpen(replayed?.backtest, accepted) ? replayed?.scenario : undefined;
}
