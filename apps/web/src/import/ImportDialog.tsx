/**
 * "Import from CRM": a modal dialog that turns a CRM export into a calibrated scenario, step by
 * step — file, columns (mapping, stage values, date formats, no-decision and stale deals), lookup
 * tables, segments, fits, row report, backtest (history vs replay, team numbers) — and opens it
 * in the editor. Parsing and fitting run in a worker
 * (calibration.worker.ts); the file never leaves the browser.
 */
import {
  type ColumnMapping,
  type DateOrder,
  MAPPING_FIELD_LABELS,
  type MappingField,
  type NoDecisionPolicy,
  type Outcome,
  type OutcomeRules,
  type SegmentRule,
  type StalePolicy,
} from '@sweetspot/calibration';
import { defaultScenario, type Scenario, validateScenario } from '@sweetspot/scenario';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorBoundary } from '../ErrorBoundary.tsx';
import { canOpen, DEFAULT_NO_DECISION, DEFAULT_STALE } from './backtest-view.ts';
import { CalibrationClient, createCalibrationWorker } from './client.ts';
import { ParseProgressView } from './DropZone.tsx';
import { convertSegments, describeProblem, draftsOfRules } from './segments-draft.ts';
import { BacktestStep } from './steps/BacktestStep.tsx';
import { ColumnsStep, dateNeedsChoice, REQUIRED_FIELDS } from './steps/ColumnsStep.tsx';
import { FileStep } from './steps/FileStep.tsx';
import { FitsStep } from './steps/FitsStep.tsx';
import { ForecastStep } from './steps/ForecastStep.tsx';
import { guessJoin, JoinsStep } from './steps/JoinsStep.tsx';
import { ReportStep } from './steps/ReportStep.tsx';
import { SegmentsStep } from './steps/SegmentsStep.tsx';
import type {
  Analysis,
  AnalyzeConfig,
  CalibrateConfig,
  CalibrateOutcome,
  JoinDraft,
  ParsedFileInfo,
  ParseProgress,
  SegmentDraft,
  TeamInput,
} from './types.ts';
import { nextUid } from './uid.ts';
import './import.css';

export type Step =
  | 'file'
  | 'columns'
  | 'joins'
  | 'segments'
  | 'fits'
  | 'report'
  | 'backtest'
  | 'forecast';

const STEPS: readonly { id: Step; label: string }[] = [
  { id: 'file', label: 'File' },
  { id: 'columns', label: 'Columns' },
  { id: 'joins', label: 'Lookup tables' },
  { id: 'segments', label: 'Segments' },
  { id: 'fits', label: 'Fits' },
  { id: 'report', label: 'Row report' },
  { id: 'backtest', label: 'Backtest' },
  { id: 'forecast', label: 'This quarter' },
];

interface Parsing {
  fileId: number;
  fileName: string;
  role: 'main' | 'lookup';
  progress: ParseProgress;
  cancel(): void;
}

interface Props {
  open: boolean;
  /** The scenario in the editor: its non-CRM numbers are kept. */
  base: Scenario;
  onClose(): void;
  onOpenScenario(scenario: Scenario): void;
}

function catchAll(): SegmentDraft {
  return {
    uid: nextUid(),
    id: 'all',
    idTouched: false,
    name: 'All opportunities',
    sweetSpot: true,
    rules: [],
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface CalibrationState {
  key: string;
  outcome?: CalibrateOutcome;
  error?: string;
}

export function ImportDialog({ open, base, onClose, onOpenScenario }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [client, setClient] = useState<CalibrationClient>();
  const [step, setStep] = useState<Step>('file');
  const [reached, setReached] = useState(0);
  const [parsing, setParsing] = useState<Parsing>();
  const [fileError, setFileError] = useState<string>();
  const [lookupError, setLookupError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [main, setMain] = useState<ParsedFileInfo>();
  const [lookups, setLookups] = useState<ParsedFileInfo[]>([]);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [touched, setTouched] = useState<ReadonlySet<MappingField>>(new Set());
  const [outcomeChoice, setOutcomeChoice] = useState<Record<string, Outcome>>({});
  const [dateChoice, setDateChoice] = useState<Record<string, DateOrder>>({});
  const [noDecision, setNoDecision] = useState<NoDecisionPolicy>(DEFAULT_NO_DECISION);
  const [stale, setStale] = useState<StalePolicy>(DEFAULT_STALE);
  /** Selling hours and quota the person set (else the package's: stated default, history). */
  const [team, setTeam] = useState<TeamInput>({});
  /** "Use it anyway", for the calibration it was ticked on (by key). */
  const [acceptedKey, setAcceptedKey] = useState<string>();
  const [joins, setJoins] = useState<JoinDraft[]>([]);
  const [segments, setSegments] = useState<SegmentDraft[]>(() => [catchAll()]);
  const [analysis, setAnalysis] = useState<{ key: string; value: Analysis }>();
  const [analysisError, setAnalysisError] = useState<string>();
  const [calibration, setCalibration] = useState<CalibrationState>();
  /** Next was pressed on a step with problems: list them (live) until the step changes. */
  const [showProblems, setShowProblems] = useState(false);

  // One worker while the dialog exists (StrictMode-safe: the cleanup ends the one it made).
  useEffect(() => {
    const c = new CalibrationClient(createCalibrationWorker());
    setClient(c);
    return () => c.terminate();
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  const baseScenario = useMemo(() => {
    const checked = validateScenario(base);
    return checked.ok
      ? { scenario: checked.scenario, fromEditor: true }
      : { scenario: defaultScenario(), fromEditor: false };
  }, [base]);

  // --- the worker's live analysis -------------------------------------------------------------
  const converted = useMemo(() => convertSegments(segments), [segments]);
  /** Segments whose rules are all complete are counted live; the others are left out. */
  const countable = useMemo(() => {
    const incomplete = new Set(
      converted.problems.filter((p) => p.rule !== undefined).map((p) => p.segment),
    );
    const indexes: number[] = [];
    converted.rules.forEach((_, i) => {
      if (!incomplete.has(i)) indexes.push(i);
    });
    return indexes;
  }, [converted]);
  const distinctColumns = useMemo(() => {
    const set = new Set<string>();
    for (const s of segments) for (const r of s.rules) if (r.column !== '') set.add(r.column);
    return [...set].sort();
  }, [segments]);
  const joinConfigs = useMemo(
    () =>
      joins.map((j) => ({
        fileId: j.fileId,
        column: j.column,
        key: j.key,
        aliases: j.aliases,
        source: j.fileName,
      })),
    [joins],
  );
  const analyzeConfig = useMemo<AnalyzeConfig | undefined>(
    () =>
      main && {
        mainFileId: main.fileId,
        mapping,
        joins: joinConfigs,
        segments: countable.map((i) => converted.rules[i] as (typeof converted.rules)[number]),
        distinctColumns,
      },
    [main, mapping, joinConfigs, countable, converted, distinctColumns],
  );
  const analysisKey = useMemo(() => JSON.stringify(analyzeConfig ?? null), [analyzeConfig]);

  useEffect(() => {
    if (!client || !analyzeConfig) return;
    let live = true;
    const timer = setTimeout(() => {
      client.analyze(analyzeConfig).then(
        (value) => {
          if (!live) return;
          setAnalysis({ key: analysisKey, value });
          setAnalysisError(undefined);
        },
        (error: unknown) => {
          if (live) setAnalysisError(message(error));
        },
      );
    }, 80);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, analyzeConfig, analysisKey]);

  const current = analysis?.value;
  const analysisFresh = analysis !== undefined && analysis.key === analysisKey;

  // Adopt guesses for fields nobody has chosen (also columns a new join brings, e.g. a list price).
  useEffect(() => {
    if (!current) return;
    setMapping((m) => {
      let next = m;
      for (const [field, column] of Object.entries(current.guess) as [MappingField, string][]) {
        if (!m[field] && !touched.has(field) && column) {
          if (next === m) next = { ...m };
          next[field] = column;
        }
      }
      return next;
    });
  }, [current, touched]);

  // --- derived choices ---------------------------------------------------------------------------
  const outcomes = useMemo<OutcomeRules>(() => {
    const rows = current?.outcomes ?? [];
    const chosen = (value: string, guess: Outcome) => outcomeChoice[value] ?? guess;
    return {
      won: rows.filter((e) => chosen(e.value, e.outcome) === 'won').map((e) => e.value),
      lost: rows.filter((e) => chosen(e.value, e.outcome) === 'lost').map((e) => e.value),
      noDecision: rows
        .filter((e) => chosen(e.value, e.outcome) === 'no-decision')
        .map((e) => e.value),
    };
  }, [current, outcomeChoice]);

  const dateOrder = useMemo(() => {
    const out: { created?: DateOrder; closed?: DateOrder } = {};
    for (const field of ['created', 'closed'] as const) {
      const column = mapping[field];
      const detection = current?.dates[field];
      if (column && detection && dateNeedsChoice(detection) && dateChoice[column])
        out[field] = dateChoice[column];
    }
    return out;
  }, [mapping, current, dateChoice]);

  /** What still blocks the columns step, each with the control that fixes it. */
  const columnIssues = useMemo(() => {
    const issues = new Map<string, string>();
    for (const f of REQUIRED_FIELDS)
      if (!mapping[f])
        issues.set(`Choose the column that holds the ${MAPPING_FIELD_LABELS[f]}.`, `crm-map-${f}`);
    if (!current) return issues;
    if (mapping.stage && (outcomes.won?.length ?? 0) === 0)
      issues.set('Mark at least one stage value as won.', 'crm-outcome-0');
    for (const field of ['created', 'closed'] as const) {
      const column = mapping[field];
      const d = current.dates[field];
      if (!column || !d) continue;
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
  }, [mapping, current, outcomes, dateChoice]);
  const columnProblems = useMemo(() => [...columnIssues.keys()], [columnIssues]);

  const joinProblems = useMemo(() => {
    const problems: string[] = [];
    joins.forEach((j) => {
      if (j.column === '')
        problems.push(`${j.fileName}: choose the export column that holds its key.`);
      if (j.key === '') problems.push(`${j.fileName}: choose its key column.`);
    });
    if (current?.joinError) problems.push(current.joinError);
    return problems;
  }, [joins, current]);

  const segmentProblems = useMemo(() => {
    const problems = converted.problems.map(describeProblem);
    if (current?.segments && 'error' in current.segments) problems.push(current.segments.error);
    return problems;
  }, [converted, current]);

  // --- calibration ---------------------------------------------------------------------------
  const calibrateConfig = useMemo<CalibrateConfig | undefined>(() => {
    if (!main || !analyzeConfig) return undefined;
    return {
      ...analyzeConfig,
      segments: converted.rules,
      outcomes,
      dateOrder,
      fileName: main.name,
      noDecision,
      stale,
      team,
    };
  }, [main, analyzeConfig, converted, outcomes, dateOrder, noDecision, stale, team]);
  const calibrationKey = useMemo(
    () => JSON.stringify([calibrateConfig ?? null, baseScenario.scenario]),
    [calibrateConfig, baseScenario],
  );
  const blockers = useMemo(
    () => [...columnProblems, ...joinProblems, ...segmentProblems],
    [columnProblems, joinProblems, segmentProblems],
  );
  const wantsFit = open && (step === 'fits' || step === 'report' || step === 'backtest');

  /** The calibration being computed: only the latest request's answer is shown. */
  const inflight = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!wantsFit || !client || !calibrateConfig || !analysisFresh || blockers.length > 0) return;
    if (calibration?.key === calibrationKey || inflight.current === calibrationKey) return;
    const key = calibrationKey;
    inflight.current = key;
    setCalibration({ key });
    client.calibrate(calibrateConfig, baseScenario.scenario).then(
      (outcome) => {
        if (inflight.current === key) setCalibration({ key, outcome });
      },
      (error: unknown) => {
        if (inflight.current === key) setCalibration({ key, error: message(error) });
      },
    );
  }, [
    wantsFit,
    client,
    calibrateConfig,
    analysisFresh,
    blockers,
    calibration?.key,
    calibrationKey,
    baseScenario,
  ]);
  const fit = calibration?.key === calibrationKey ? calibration : undefined;
  /** The last finished calibration, shown while new team numbers are fitted and replayed. */
  const [lastOutcome, setLastOutcome] = useState<CalibrateOutcome>();
  useEffect(() => {
    if (calibration?.outcome) setLastOutcome(calibration.outcome);
  }, [calibration]);

  // --- files -----------------------------------------------------------------------------------
  const resetForNewExport = useCallback(
    (info: ParsedFileInfo) => {
      setMain((old) => {
        if (old && old.fileId !== info.fileId) client?.drop(old.fileId);
        return info;
      });
      setMapping({});
      setTouched(new Set());
      setOutcomeChoice({});
      setDateChoice({});
      setNoDecision(DEFAULT_NO_DECISION);
      setStale(DEFAULT_STALE);
      setTeam({});
      setAcceptedKey(undefined);
      setSegments([catchAll()]);
      setAnalysis(undefined);
      setCalibration(undefined);
      setLastOutcome(undefined);
      setJoins((js) => js.filter((j) => info.headers.includes(j.column)));
      setReached((r) => Math.max(r, 1));
    },
    [client],
  );

  const startParse = (file: File, role: 'main' | 'lookup') => {
    if (!client || parsing) return;
    setNotice(undefined);
    if (role === 'main') setFileError(undefined);
    else setLookupError(undefined);
    const job = client.parse(file, (progress) =>
      setParsing((p) => (p && p.fileId === job.fileId ? { ...p, progress } : p)),
    );
    setParsing({
      fileId: job.fileId,
      fileName: file.name,
      role,
      progress: { bytes: 0, totalBytes: file.size, rows: 0 },
      cancel: job.cancel,
    });
    job.promise.then(
      (outcome) => {
        setParsing(undefined);
        if (outcome.status === 'cancelled') {
          setNotice(`Reading "${file.name}" was cancelled: nothing was imported from it.`);
          return;
        }
        if (outcome.status === 'failed') {
          if (role === 'main') setFileError(outcome.message);
          else setLookupError(outcome.message);
          return;
        }
        const info = outcome.info;
        if (role === 'main') {
          resetForNewExport(info);
          return;
        }
        setLookups((ls) => [...ls, info]);
        setJoins((js) => [...js, { uid: nextUid(), ...guessJoin(info, main?.headers ?? []) }]);
      },
      (error: unknown) => {
        setParsing(undefined);
        const text = `"${file.name}" could not be read: ${message(error)}`;
        if (role === 'main') setFileError(text);
        else setLookupError(text);
      },
    );
  };

  const removeJoin = (uid: number) => {
    const join = joins.find((j) => j.uid === uid);
    setJoins((js) => js.filter((j) => j.uid !== uid));
    if (join) {
      client?.drop(join.fileId);
      setLookups((ls) => ls.filter((l) => l.fileId !== join.fileId));
    }
  };

  const startOver = () => {
    parsing?.cancel();
    if (main) client?.drop(main.fileId);
    for (const l of lookups) client?.drop(l.fileId);
    setMain(undefined);
    setLookups([]);
    setJoins([]);
    setMapping({});
    setTouched(new Set());
    setOutcomeChoice({});
    setDateChoice({});
    setNoDecision(DEFAULT_NO_DECISION);
    setStale(DEFAULT_STALE);
    setTeam({});
    setAcceptedKey(undefined);
    setSegments([catchAll()]);
    setAnalysis(undefined);
    setCalibration(undefined);
    setLastOutcome(undefined);
    inflight.current = undefined;
    setFileError(undefined);
    setLookupError(undefined);
    setNotice(undefined);
    setShowProblems(false);
    setReached(0);
    setStep('file');
  };

  // --- navigation ------------------------------------------------------------------------------
  const index = STEPS.findIndex((s) => s.id === step);
  const problemsOf = (s: Step): string[] => {
    switch (s) {
      case 'file':
        return main ? [] : ['Choose the CRM export first.'];
      case 'columns':
        return analysisFresh ? columnProblems : ['Still reading the columns: a moment…'];
      case 'joins':
        return joinProblems;
      case 'segments':
        return segmentProblems;
      case 'fits':
        if (!fit?.outcome && !fit?.error) return ['The fits are still being computed: a moment…'];
        if (fit.outcome && !fit.outcome.ok && !fit.outcome.report)
          return ['Fix the problems above first: there is no row report without usable rows.'];
        return fit.error ? [fit.error] : [];
      case 'report':
      case 'backtest':
      case 'forecast':
        return [];
    }
  };
  const goTo = (target: number) => {
    const next = STEPS[target];
    if (!next) return;
    setShowProblems(false);
    setStep(next.id);
    setReached((r) => Math.max(r, target));
  };
  /** A proposed sweet-spot split replaces the segments; the person checks it there. */
  const applySplit = (rules: SegmentRule[]) => {
    setSegments(draftsOfRules(rules));
    goTo(STEPS.findIndex((s) => s.id === 'segments'));
  };
  const onNext = () => {
    if (problemsOf(step).length > 0) {
      setShowProblems(true);
      return;
    }
    goTo(index + 1);
  };
  useEffect(() => {
    bodyRef.current?.scrollTo?.({ top: 0 });
    // On phones the steps are one scrollable row: keep the current one in view.
    const current = dialogRef.current?.querySelector<HTMLElement>('.crm-step[aria-current="step"]');
    current?.parentElement?.parentElement?.scrollTo?.({
      left: Math.max(0, (current.parentElement?.offsetLeft ?? 0) - 16),
    });
    const heading = bodyRef.current?.querySelector<HTMLElement>('h3');
    if (step !== 'file' && heading) heading.focus();
  }, [step]);

  const stepError = showProblems ? problemsOf(step) : [];
  // The scenario to open is the replayed one (effort per deal solved), as the CLI writes it.
  const replayed = fit?.outcome?.ok && fit.outcome.replay?.ok ? fit.outcome.replay : undefined;
  const accepted = acceptedKey === calibrationKey;
  const openable = canOpen(replayed?.backtest, accepted) ? replayed?.scenario : undefined;
  const openScenario = () => {
    if (openable) onOpenScenario(openable);
  };

  return (
    <dialog
      ref={dialogRef}
      className="crm-dialog"
      aria-labelledby="crm-title"
      onClose={() => {
        parsing?.cancel();
        onClose();
      }}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => event.preventDefault()}
    >
      <div className="crm-head">
        <h2 id="crm-title">Import from CRM</h2>
        <p className="crm-privacy">
          Your file is read in this browser tab: nothing is uploaded or sent anywhere.
        </p>
        <button
          type="button"
          className="crm-close"
          onClick={() => dialogRef.current?.close()}
          aria-label="Close the import"
        >
          ×
        </button>
      </div>
      <nav className="crm-steps" aria-label="Import steps">
        <ol>
          {STEPS.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                className="crm-step"
                aria-current={s.id === step ? 'step' : undefined}
                disabled={i > reached}
                onClick={() => goTo(i)}
              >
                <span className="crm-step-number" aria-hidden="true">
                  {i + 1}
                </span>
                {s.label}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div className="crm-body" ref={bodyRef} data-scroll-root>
        <ErrorBoundary area="this step of the import">
          {parsing ? (
            <ParseProgressView
              fileName={parsing.fileName}
              progress={parsing.progress}
              onCancel={parsing.cancel}
            />
          ) : null}
          {notice ? (
            <p className="crm-notice" role="status">
              {notice}
            </p>
          ) : null}
          {analysisError ? (
            <p className="crm-error" role="alert">
              {analysisError}
            </p>
          ) : null}
          {step === 'file' ? (
            <FileStep
              main={main}
              busy={parsing !== undefined}
              error={fileError}
              onFile={(file) => startParse(file, 'main')}
              onProblem={setFileError}
            />
          ) : null}
          {step === 'columns' && main ? (
            <ColumnsStep
              main={main}
              analysis={current}
              mapping={mapping}
              touched={touched}
              outcomeChoice={outcomeChoice}
              dateChoice={dateChoice}
              onMap={(field, column) => {
                setMapping((m) => ({ ...m, [field]: column }));
                setTouched((t) => new Set(t).add(field));
              }}
              onOutcome={(value, outcome) => setOutcomeChoice((c) => ({ ...c, [value]: outcome }))}
              onDateOrder={(column, order) => setDateChoice((c) => ({ ...c, [column]: order }))}
              noDecision={noDecision}
              stale={stale}
              onNoDecision={setNoDecision}
              onStale={setStale}
            />
          ) : null}
          {step === 'joins' && main ? (
            <JoinsStep
              main={main}
              lookups={lookups}
              joins={joins}
              analysis={current}
              mapping={mapping}
              busy={parsing !== undefined}
              error={lookupError}
              onFile={(file) => startParse(file, 'lookup')}
              onProblem={setLookupError}
              onChange={(uid, change) =>
                setJoins((js) => js.map((j) => (j.uid === uid ? { ...j, ...change } : j)))
              }
              onRemove={removeJoin}
            />
          ) : null}
          {step === 'segments' && main ? (
            <SegmentsStep
              segments={segments}
              setSegments={setSegments}
              analysis={current}
              countable={countable}
              problems={converted.problems}
            />
          ) : null}
          {step === 'fits' && main ? (
            <FitsStep
              state={fit}
              blockers={blockers}
              base={baseScenario}
              currency={baseScenario.scenario.currency}
              onUseSplit={applySplit}
            />
          ) : null}
          {step === 'report' && main ? <ReportStep state={fit} fileName={main.name} /> : null}
          {step === 'backtest' && main ? (
            <BacktestStep
              state={fit}
              previous={lastOutcome}
              team={team}
              onTeam={setTeam}
              accepted={accepted}
              onAccept={(yes) => setAcceptedKey(yes ? calibrationKey : undefined)}
              currency={baseScenario.scenario.currency}
              onUseSplit={applySplit}
            />
          ) : null}
          {step === 'forecast' && main ? (
            <ForecastStep
              client={client}
              config={calibrateConfig}
              base={baseScenario.scenario}
              currency={baseScenario.scenario.currency}
              onOpenScenario={onOpenScenario}
            />
          ) : null}
        </ErrorBoundary>
      </div>
      <div className="crm-foot">
        {stepError.length > 0 ? (
          <div className="crm-step-error" role="alert">
            <ul>
              {stepError.map((e) => {
                const target = step === 'columns' ? columnIssues.get(e) : undefined;
                return (
                  <li key={e}>
                    {target ? (
                      <button
                        type="button"
                        className="link-like crm-error-link"
                        onClick={() => document.getElementById(target)?.focus()}
                      >
                        {e}
                      </button>
                    ) : (
                      e
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
        <div className="crm-foot-buttons">
          <button type="button" onClick={startOver} disabled={!main && !parsing}>
            Start over
          </button>
          <span className="crm-foot-spacer" />
          <button type="button" onClick={() => goTo(index - 1)} disabled={index === 0}>
            Back
          </button>
          {step === 'backtest' || step === 'forecast' ? (
            <button
              type="button"
              className="crm-primary"
              onClick={openScenario}
              disabled={!openable}
              aria-describedby="crm-backtest-heading"
            >
              Open as scenario
            </button>
          ) : null}
          {step === 'forecast' ? null : step === 'backtest' ? (
            <button type="button" onClick={onNext}>
              Next: {STEPS[index + 1]?.label}
            </button>
          ) : (
            <button type="button" className="crm-primary" onClick={onNext}>
              Next: {STEPS[index + 1]?.label}
            </button>
          )}
        </div>
      </div>
    </dialog>
  );
}
