/**
 * The import dialog's state and its transitions, as a reducer (plain TS, tested in Node): which
 * step is shown and how far the person got, the files read, every choice made on the way, the
 * worker's latest analysis and calibration, and the errors and notices shown. Side effects (the
 * worker) stay in the dialog's hook; `releasedFiles` says which files the worker may forget.
 */
import {
  type ColumnMapping,
  type CsvTable,
  type DateOrder,
  findColumn,
  joinTables,
  MAPPING_FIELD_LABELS,
  type MappingField,
  type NoDecisionPolicy,
  type Outcome,
  type StalePolicy,
} from '@sweetspot/calibration';
import { listInWords } from '@sweetspot/scenario';
import { DEFAULT_NO_DECISION, DEFAULT_STALE } from './backtest-view.ts';
import { guessJoin } from './joins-draft.ts';
import type {
  Analysis,
  CalibrateOutcome,
  JoinDraft,
  ParsedFileInfo,
  ParseOutcome,
  ParseProgress,
  SegmentDraft,
  TeamInput,
} from './types.ts';
import { nextUid } from './uid.ts';

/** Each step's label, as the step list and the Next button show it, in the steps' order. */
const STEP_LABELS = {
  file: 'File',
  columns: 'Columns',
  joins: 'Lookup tables',
  segments: 'Segments',
  fits: 'Fits',
  report: 'Row report',
  backtest: 'Backtest',
  forecast: 'This quarter',
} as const;

export type Step = keyof typeof STEP_LABELS;

/** The steps in order, with their labels. */
export const STEPS: readonly { id: Step; label: string }[] = (
  Object.entries(STEP_LABELS) as [Step, string][]
).map(([id, label]) => ({ id, label }));

/** The position of a step in `STEPS`. */
export function stepIndex(step: Step): number {
  return STEPS.findIndex((s) => s.id === step);
}

/** Steps that show the calibration (fits, row report, backtest): only they ask the worker for it. */
export function showsCalibration(step: Step): boolean {
  return step === 'fits' || step === 'report' || step === 'backtest';
}

/** The export itself, or a lookup table joined onto it. */
export type FileRole = 'main' | 'lookup';

/** A file being read in the worker. */
export interface Parsing {
  fileId: number;
  fileName: string;
  role: FileRole;
  progress: ParseProgress;
  cancel(): void;
}

/** A calibration asked of the worker (by key: the JSON of what was asked); its answer once in. */
export interface CalibrationState {
  key: string;
  outcome?: CalibrateOutcome;
  error?: string;
}

export interface DialogState {
  step: Step;
  /** Index of the furthest step reached: the step list lets the person go back to any up to it. */
  reached: number;
  parsing: Parsing | undefined;
  fileError: string | undefined;
  lookupError: string | undefined;
  notice: string | undefined;
  /** The CRM export. */
  main: ParsedFileInfo | undefined;
  lookups: ParsedFileInfo[];
  joins: JoinDraft[];
  mapping: ColumnMapping;
  /** Fields the person chose a column for: the worker's guesses no longer replace them. */
  touched: ReadonlySet<MappingField>;
  /** Stage values the person classified (else the worker's guess). */
  outcomeChoice: Record<string, Outcome>;
  /** Date formats chosen, by column. */
  dateChoice: Record<string, DateOrder>;
  noDecision: NoDecisionPolicy;
  stale: StalePolicy;
  /** Selling hours and quota the person set (else the package's: stated default, history). */
  team: TeamInput;
  /** "Use it anyway", for the calibration it was ticked on (by key). */
  acceptedKey: string | undefined;
  segments: SegmentDraft[];
  /** The latest analysis, with the key of the request it answers. */
  analysis: { key: string; value: Analysis } | undefined;
  analysisError: string | undefined;
  calibration: CalibrationState | undefined;
  /** The last finished calibration, shown while new team numbers are fitted and replayed. */
  lastOutcome: CalibrateOutcome | undefined;
  /** Next was pressed on a step with problems: list them (live) until the step changes. */
  showProblems: boolean;
  /**
   * Next was pressed while the step was still working (reading columns, fitting): the dialog goes
   * on by itself once the work is done, or lists the problems it found instead.
   */
  nextWhenReady: boolean;
}

/** The choices nothing else follows from: an action stores them as they are. */
type KeptField = 'noDecision' | 'stale' | 'team' | 'acceptedKey';
/** One of them with its value (each keeps its own type: none can be set to nothing by mistake). */
type KeptChoice = { [K in KeptField]: Pick<DialogState, K> }[KeptField];

export type DialogAction =
  | {
      type: 'parse-started';
      fileId: number;
      fileName: string;
      role: FileRole;
      totalBytes: number;
      cancel(): void;
    }
  | { type: 'parse-progress'; fileId: number; progress: ParseProgress }
  | { type: 'parse-settled'; role: FileRole; fileName: string; outcome: ParseOutcome }
  /** The worker could not read the file at all (it stopped, or the request failed). */
  | { type: 'parse-crashed'; role: FileRole; fileName: string; message: string }
  /** A problem the drop zone found before reading (e.g. not a CSV file). */
  | { type: 'file-problem'; role: FileRole; message: string }
  | { type: 'map'; field: MappingField; column: string }
  | { type: 'outcome'; value: string; outcome: Outcome }
  | { type: 'date-order'; column: string; order: DateOrder }
  | { type: 'join-changed'; uid: number; change: Partial<JoinDraft> }
  | { type: 'join-removed'; uid: number }
  | { type: 'segments'; update: SegmentDraft[] | ((segments: SegmentDraft[]) => SegmentDraft[]) }
  /** A proposed sweet-spot split replaces the segments; the person checks it there. */
  | { type: 'use-split'; segments: SegmentDraft[] }
  /**
   * Choices kept as made: the no-decision and stale policies, the team numbers, and "use it
   * anyway" ticked (the calibration's key) or unticked (undefined).
   */
  | { type: 'choose'; choice: KeptChoice }
  | { type: 'analysis-done'; key: string; value: Analysis }
  | { type: 'analysis-failed'; message: string }
  | { type: 'calibration-started'; key: string }
  | { type: 'calibration-done'; key: string; outcome: CalibrateOutcome }
  | { type: 'calibration-failed'; key: string; message: string }
  | { type: 'go-to'; target: number }
  /**
   * Next: `blocked` when the current step has problems (they are then listed); `waiting` when the
   * only thing in the way is work still in progress (Next then happens when it is done).
   */
  | { type: 'next'; blocked: boolean; waiting?: boolean }
  | { type: 'back' }
  | { type: 'start-over' };

/** The one segment a new import starts with: every opportunity, in the sweet spot. */
export function catchAllSegment(): SegmentDraft {
  return {
    uid: nextUid(),
    id: 'all',
    idTouched: false,
    name: 'All opportunities',
    sweetSpot: true,
    rules: [],
  };
}

/** Every choice made about an export, as a new export starts them. */
function freshChoices() {
  return {
    mapping: {},
    touched: new Set<MappingField>(),
    outcomeChoice: {},
    dateChoice: {},
    noDecision: DEFAULT_NO_DECISION,
    stale: DEFAULT_STALE,
    team: {},
    acceptedKey: undefined,
    segments: [catchAllSegment()],
    analysis: undefined,
    calibration: undefined,
    lastOutcome: undefined,
  } satisfies Partial<DialogState>;
}

/** The dialog as it opens: the file step, nothing read. */
export function initialDialogState(): DialogState {
  return {
    step: 'file',
    reached: 0,
    parsing: undefined,
    fileError: undefined,
    lookupError: undefined,
    notice: undefined,
    main: undefined,
    lookups: [],
    joins: [],
    analysisError: undefined,
    showProblems: false,
    nextWhenReady: false,
    ...freshChoices(),
  };
}

/** Fields nobody has chosen take the worker's guess (also columns a new join brings). */
export function adoptGuesses(
  mapping: ColumnMapping,
  guess: ColumnMapping,
  touched: ReadonlySet<MappingField>,
): ColumnMapping {
  let next = mapping;
  for (const [field, column] of Object.entries(guess) as [MappingField, string][]) {
    if (!mapping[field] && !touched.has(field) && column) {
      if (next === mapping) next = { ...mapping };
      next[field] = column;
    }
  }
  return next;
}

function withError(state: DialogState, role: FileRole, message: string | undefined): DialogState {
  return role === 'main' ? { ...state, fileError: message } : { ...state, lookupError: message };
}

function goTo(state: DialogState, target: number): DialogState {
  const next = STEPS[target];
  if (!next) return state;
  return {
    ...state,
    showProblems: false,
    nextWhenReady: false,
    step: next.id,
    reached: Math.max(state.reached, target),
  };
}

/** A new export replaces the old one: every choice starts again; joins on its columns stay. */
function newExport(state: DialogState, info: ParsedFileInfo): DialogState {
  return {
    ...state,
    ...freshChoices(),
    main: info,
    joins: state.joins.filter((j) => info.headers.includes(j.column)),
    reached: Math.max(state.reached, 1),
  };
}

function parseSettled(
  state: DialogState,
  action: Extract<DialogAction, { type: 'parse-settled' }>,
): DialogState {
  const { outcome, role } = action;
  const settled = { ...state, parsing: undefined };
  if (outcome.status === 'cancelled')
    return {
      ...settled,
      notice: `Reading "${action.fileName}" was cancelled: nothing was imported from it.`,
    };
  if (outcome.status === 'failed') return withError(settled, role, outcome.message);
  const info = outcome.info;
  if (role === 'main') return newExport(settled, info);
  return {
    ...settled,
    lookups: [...state.lookups, info],
    joins: [...state.joins, { uid: nextUid(), ...guessJoin(info, state.main?.headers ?? []) }],
  };
}

/** A file's columns as a table without rows: all `joinTables` needs to name the joined columns. */
function headersOnly(headers: string[]): CsvTable {
  return {
    headers,
    allHeaders: headers,
    rows: [],
    lines: [],
    hasHeader: true,
    headerLine: 1,
    delimiter: ',',
    preambleLines: 0,
    blankLines: 0,
    issues: [],
    chars: 0,
  };
}

/**
 * The columns the mapping and segment rules can name with these joins, named by the calibration
 * package itself; the export's alone when the joins do not go together (as the analysis falls back).
 */
function columnsWith(
  main: ParsedFileInfo,
  lookups: readonly ParsedFileInfo[],
  joins: readonly JoinDraft[],
): string[] {
  const specs = joins.flatMap((j) => {
    const lookup = lookups.find((l) => l.fileId === j.fileId);
    if (!lookup || j.column === '' || j.key === '') return [];
    return [{ column: j.column, key: j.key, table: headersOnly(lookup.headers) }];
  });
  const joined = joinTables(headersOnly(main.headers), specs);
  return joined.ok ? joined.view.columns : main.headers;
}

/**
 * A join removed, with its lookup table. Every choice that named a column only that table brought
 * is cleared (mapping fields, date formats, segment rules), so the steps ask again in plain words
 * instead of the fits failing on a column that is gone; a notice says which fields were cleared.
 */
function joinRemoved(state: DialogState, uid: number): DialogState {
  const join = state.joins.find((j) => j.uid === uid);
  if (!join) return state;
  const joins = state.joins.filter((j) => j.uid !== uid);
  const lookups = state.lookups.filter((l) => l.fileId !== join.fileId);
  const removed = { ...state, joins, lookups };
  if (!state.main) return removed;
  const brought = columnsWith(state.main, state.lookups, [join]);
  const kept = columnsWith(state.main, lookups, joins);
  const gone = (column: string) =>
    column !== '' &&
    findColumn(brought, column) !== undefined &&
    findColumn(kept, column) === undefined;

  const mapping: ColumnMapping = {};
  const cleared: MappingField[] = [];
  for (const [field, column] of Object.entries(state.mapping) as [MappingField, string][]) {
    if (gone(column)) cleared.push(field);
    else mapping[field] = column;
  }
  const dateChoice = Object.fromEntries(
    Object.entries(state.dateChoice).filter(([column]) => !gone(column)),
  );
  let rulesCleared = 0;
  const segments = state.segments.map((segment) => {
    if (!segment.rules.some((r) => gone(r.column))) return segment;
    const rules = segment.rules.map((r) => {
      if (!gone(r.column)) return r;
      rulesCleared++;
      return { ...r, column: '', values: [], text: '' };
    });
    return { ...segment, rules };
  });
  const what = [
    ...(cleared.length > 0
      ? [
          `the ${listInWords(cleared.map((f) => MAPPING_FIELD_LABELS[f]))} column${cleared.length === 1 ? '' : 's'} (choose again on the Columns step)`,
        ]
      : []),
    ...(rulesCleared > 0
      ? [
          `the column of ${rulesCleared} segment rule${rulesCleared === 1 ? '' : 's'} (choose again on the Segments step)`,
        ]
      : []),
  ];
  return {
    ...removed,
    mapping: cleared.length > 0 ? mapping : state.mapping,
    dateChoice,
    segments: rulesCleared > 0 ? segments : state.segments,
    notice:
      what.length > 0 ? `Removing "${join.fileName}" cleared ${listInWords(what)}.` : state.notice,
  };
}

/** The dialog's next state after an action. */
export function dialogReducer(state: DialogState, action: DialogAction): DialogState {
  switch (action.type) {
    case 'parse-started':
      return {
        ...withError(state, action.role, undefined),
        notice: undefined,
        parsing: {
          fileId: action.fileId,
          fileName: action.fileName,
          role: action.role,
          progress: { bytes: 0, totalBytes: action.totalBytes, rows: 0 },
          cancel: action.cancel,
        },
      };
    case 'parse-progress':
      return state.parsing?.fileId === action.fileId
        ? { ...state, parsing: { ...state.parsing, progress: action.progress } }
        : state;
    case 'parse-settled':
      return parseSettled(state, action);
    case 'parse-crashed':
      return withError(
        { ...state, parsing: undefined },
        action.role,
        `"${action.fileName}" could not be read: ${action.message}`,
      );
    case 'file-problem':
      return withError(state, action.role, action.message);
    case 'map':
      return {
        ...state,
        mapping: { ...state.mapping, [action.field]: action.column },
        touched: new Set(state.touched).add(action.field),
      };
    case 'outcome':
      return {
        ...state,
        outcomeChoice: { ...state.outcomeChoice, [action.value]: action.outcome },
      };
    case 'date-order':
      return { ...state, dateChoice: { ...state.dateChoice, [action.column]: action.order } };
    case 'choose':
      return { ...state, ...action.choice };
    case 'join-changed':
      return {
        ...state,
        joins: state.joins.map((j) => (j.uid === action.uid ? { ...j, ...action.change } : j)),
      };
    case 'join-removed':
      return joinRemoved(state, action.uid);
    case 'segments':
      return {
        ...state,
        segments:
          typeof action.update === 'function' ? action.update(state.segments) : action.update,
      };
    case 'use-split':
      return goTo({ ...state, segments: action.segments }, stepIndex('segments'));
    case 'analysis-done':
      return {
        ...state,
        analysis: { key: action.key, value: action.value },
        analysisError: undefined,
        mapping: adoptGuesses(state.mapping, action.value.guess, state.touched),
      };
    case 'analysis-failed':
      return { ...state, analysisError: action.message };
    case 'calibration-started':
      return { ...state, calibration: { key: action.key } };
    case 'calibration-done':
      // Only the latest request's answer is kept.
      return state.calibration?.key === action.key
        ? {
            ...state,
            calibration: { key: action.key, outcome: action.outcome },
            lastOutcome: action.outcome,
          }
        : state;
    case 'calibration-failed':
      return state.calibration?.key === action.key
        ? { ...state, calibration: { key: action.key, error: action.message } }
        : state;
    case 'go-to':
      return goTo(state, action.target);
    case 'next':
      return action.blocked
        ? { ...state, showProblems: true, nextWhenReady: action.waiting === true }
        : goTo(state, stepIndex(state.step) + 1);
    case 'back':
      return goTo(state, stepIndex(state.step) - 1);
    case 'start-over':
      // A file still being read is cancelled by the caller; its "cancelled" notice then shows.
      // The analysis error is kept, as before the split: the next analysis clears it.
      return {
        ...initialDialogState(),
        parsing: state.parsing,
        analysisError: state.analysisError,
      };
  }
}

/** Files the worker may forget once this action is applied to this state. */
export function releasedFiles(state: DialogState, action: DialogAction): number[] {
  switch (action.type) {
    case 'parse-settled': {
      const old = state.main;
      const replaced =
        action.role === 'main' &&
        action.outcome.status === 'parsed' &&
        old !== undefined &&
        old.fileId !== action.outcome.info.fileId;
      return replaced ? [old.fileId] : [];
    }
    case 'join-removed': {
      const join = state.joins.find((j) => j.uid === action.uid);
      return join ? [join.fileId] : [];
    }
    case 'start-over':
      return [...(state.main ? [state.main.fileId] : []), ...state.lookups.map((l) => l.fileId)];
    default:
      return [];
  }
}
