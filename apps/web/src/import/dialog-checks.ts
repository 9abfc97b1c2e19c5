/**
 * What keeps the import dialog from going on, step by step, in plain words (plain TS, tested in
 * Node): the columns still to choose (each with the id of the control that fixes it), incomplete
 * joins and segments, and whether the fits are in.
 */
import {
  type ColumnMapping,
  type DateDetection,
  type DateOrder,
  findColumn,
  MAPPING_FIELD_LABELS,
  MAPPING_FIELDS,
  type MappingField,
  type OutcomeRules,
} from '@sweetspot/calibration';
import type { CalibrationState, Step } from './dialog-state.ts';
import { type convertSegments, describeProblem } from './segments-draft.ts';
import type { Analysis, JoinDraft, ParsedFileInfo } from './types.ts';

/** The fields the export must have a column for. */
export const REQUIRED_FIELDS: readonly MappingField[] = ['stage', 'amount', 'created', 'closed'];

/** A date column needs the person to say its format (ambiguous or mixed). */
export function dateNeedsChoice(d: DateDetection): boolean {
  return d.kind === 'ambiguous' || d.kind === 'inconsistent';
}

/** What still blocks the columns step, each message with the id of the control that fixes it. */
export function columnIssuesOf(
  mapping: ColumnMapping,
  analysis: Analysis | undefined,
  outcomes: OutcomeRules,
  dateChoice: Readonly<Record<string, DateOrder>>,
): Map<string, string> {
  const issues = new Map<string, string>();
  for (const f of REQUIRED_FIELDS)
    if (!mapping[f])
      issues.set(`Choose the column that holds the ${MAPPING_FIELD_LABELS[f]}.`, `crm-map-${f}`);
  if (!analysis) return issues;
  // A column chosen earlier that is gone (its lookup table removed or joined differently): named
  // here by its field, so it never reaches the fits as the package's raw mapping message.
  const missing = new Set<MappingField>();
  for (const f of MAPPING_FIELDS) {
    const column = mapping[f];
    if (!column || findColumn(analysis.columns, column) !== undefined) continue;
    missing.add(f);
    issues.set(
      `The ${MAPPING_FIELD_LABELS[f]} column "${column}" is no longer in the export or its lookup tables: choose ${REQUIRED_FIELDS.includes(f) ? 'another' : 'another, or none'}.`,
      `crm-map-${f}`,
    );
  }
  if (mapping.stage && !missing.has('stage') && (outcomes.won?.length ?? 0) === 0)
    issues.set('Mark at least one stage value as won.', 'crm-outcome-0');
  for (const field of ['created', 'closed'] as const) {
    const column = mapping[field];
    const d = analysis.dates[field];
    if (!column || !d || missing.has(field)) continue;
    // One column for both dates: its format is asked once, beside the created date.
    const asked = field === 'closed' && mapping.closed === mapping.created ? 'created' : field;
    if (d.kind === 'unrecognized')
      issues.set(
        `Column "${column}" holds no dates: choose the column with the ${MAPPING_FIELD_LABELS[field]}.`,
        `crm-map-${field}`,
      );
    else if (d.kind === 'empty')
      issues.set(
        `Column "${column}" is empty: choose the column with the ${MAPPING_FIELD_LABELS[field]}.`,
        `crm-map-${field}`,
      );
    else if (dateNeedsChoice(d) && !dateChoice[column])
      issues.set(`Say which date format column "${column}" uses.`, `crm-date-${asked}`);
  }
  return issues;
}

/** Joins whose key columns are not chosen yet, and the worker's join error. */
export function joinProblemsOf(
  joins: readonly JoinDraft[],
  analysis: Analysis | undefined,
): string[] {
  const problems: string[] = [];
  for (const j of joins) {
    if (j.column === '')
      problems.push(`${j.fileName}: choose the export column that holds its key.`);
    if (j.key === '') problems.push(`${j.fileName}: choose its key column.`);
  }
  if (analysis?.joinError) problems.push(analysis.joinError);
  return problems;
}

/** Incomplete segments, and the worker's segment error. */
export function segmentProblemsOf(
  converted: ReturnType<typeof convertSegments>,
  analysis: Analysis | undefined,
): string[] {
  const problems = converted.problems.map(describeProblem);
  if (analysis?.segments && 'error' in analysis.segments) problems.push(analysis.segments.error);
  return problems;
}

/** What a step's problems are judged from. */
export interface StepFacts {
  main: ParsedFileInfo | undefined;
  /** The analysis answers the current choices (not an earlier set of them). */
  analysisFresh: boolean;
  columnProblems: readonly string[];
  joinProblems: readonly string[];
  segmentProblems: readonly string[];
  /** The calibration of the current choices, if asked. */
  fit: CalibrationState | undefined;
}

/** The step is still working out whether Next may leave it (reading columns, fitting). */
export function stepWaiting(step: Step, facts: StepFacts): boolean {
  if (step === 'columns') return !facts.analysisFresh;
  // The fits start only once the earlier steps have no problems: until then nothing is coming.
  if (step === 'fits') return !earlierProblems(facts) && !facts.fit?.outcome && !facts.fit?.error;
  return false;
}

/** The columns, lookup tables or segments steps have a problem (the fits cannot start). */
function earlierProblems(facts: StepFacts): boolean {
  return facts.columnProblems.length + facts.joinProblems.length + facts.segmentProblems.length > 0;
}

/** Why Next cannot leave a step yet (none: it can). */
export function stepProblems(step: Step, facts: StepFacts): string[] {
  const { fit } = facts;
  switch (step) {
    case 'file':
      return facts.main ? [] : ['Choose the CRM export first.'];
    case 'columns':
      return stepWaiting(step, facts)
        ? ['Still reading the columns: a moment…']
        : [...facts.columnProblems];
    case 'joins':
      return [...facts.joinProblems];
    case 'segments':
      return [...facts.segmentProblems];
    case 'fits':
      if (earlierProblems(facts))
        return ['Fix the problems listed above first: the fits start once they are fixed.'];
      if (!fit || stepWaiting(step, facts)) return ['The fits are still being computed: a moment…'];
      if (fit.outcome && !fit.outcome.ok && !fit.outcome.report)
        return ['Fix the problems above first: there is no row report without usable rows.'];
      return fit.error ? [fit.error] : [];
    case 'report':
    case 'backtest':
    case 'forecast':
      return [];
  }
}
