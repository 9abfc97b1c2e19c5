/**
 * The import dialog's wiring: its state (dialog-state.ts), what is derived from it
 * (dialog-config.ts, dialog-checks.ts) and the calibration worker — one worker while the dialog
 * exists, the live analysis (80 ms after the last change), the calibration when a step shows it,
 * files read and forgotten.
 */
import type { Scenario } from '@sweetspot/scenario';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { CalibrationClient, createCalibrationWorker } from './client.ts';
import {
  columnIssuesOf,
  joinProblemsOf,
  segmentProblemsOf,
  stepProblems,
  stepWaiting,
} from './dialog-checks.ts';
import {
  analyzeConfigOf,
  baseScenarioOf,
  calibrateConfigOf,
  calibrationKeyOf,
  countableSegments,
  dateOrderOf,
  distinctColumnsOf,
  openableScenario,
  outcomeRulesOf,
} from './dialog-config.ts';
import {
  type DialogAction,
  dialogReducer,
  type FileRole,
  initialDialogState,
  releasedFiles,
  showsCalibration,
} from './dialog-state.ts';
import { joinConfigsOf } from './joins-draft.ts';
import { convertSegments } from './segments-draft.ts';

/** Milliseconds of quiet before the live analysis is asked for. */
const ANALYSIS_DELAY_MS = 80;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The import dialog's state, derived values and actions, for a dialog open or not. */
export function useImportDialog(open: boolean, base: Scenario) {
  const [client, setClient] = useState<CalibrationClient>();
  const [state, dispatch] = useReducer(dialogReducer, undefined, initialDialogState);
  const latest = useRef(state);
  latest.current = state;

  // One worker while the dialog exists (StrictMode-safe: the cleanup ends the one it made).
  useEffect(() => {
    const c = new CalibrationClient(createCalibrationWorker());
    setClient(c);
    return () => c.terminate();
  }, []);

  /** Applies an action, first telling the worker which files it may forget. */
  const act = useCallback(
    (action: DialogAction) => {
      for (const fileId of releasedFiles(latest.current, action)) client?.drop(fileId);
      dispatch(action);
    },
    [client],
  );

  const baseScenario = useMemo(() => baseScenarioOf(base), [base]);
  const { main, mapping, segments, joins, analysis, step } = state;

  // --- the worker's live analysis -------------------------------------------------------------
  const converted = useMemo(() => convertSegments(segments), [segments]);
  const countable = useMemo(() => countableSegments(converted), [converted]);
  const distinctColumns = useMemo(() => distinctColumnsOf(segments), [segments]);
  const joinConfigs = useMemo(() => joinConfigsOf(joins), [joins]);
  const analyzeConfig = useMemo(
    () => analyzeConfigOf(main, mapping, joinConfigs, converted, countable, distinctColumns),
    [main, mapping, joinConfigs, converted, countable, distinctColumns],
  );
  const analysisKey = useMemo(() => JSON.stringify(analyzeConfig ?? null), [analyzeConfig]);

  useEffect(() => {
    if (!client || !analyzeConfig) return;
    let live = true;
    const timer = setTimeout(() => {
      client.analyze(analyzeConfig).then(
        (value) => {
          if (live) dispatch({ type: 'analysis-done', key: analysisKey, value });
        },
        (error: unknown) => {
          if (live) dispatch({ type: 'analysis-failed', message: message(error) });
        },
      );
    }, ANALYSIS_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, analyzeConfig, analysisKey]);

  const current = analysis?.value;
  const analysisFresh = analysis !== undefined && analysis.key === analysisKey;

  // --- derived choices and problems --------------------------------------------------------------
  const outcomes = useMemo(
    () => outcomeRulesOf(current, state.outcomeChoice),
    [current, state.outcomeChoice],
  );
  const dateOrder = useMemo(
    () => dateOrderOf(mapping, current, state.dateChoice),
    [mapping, current, state.dateChoice],
  );
  const columnIssues = useMemo(
    () => columnIssuesOf(mapping, current, outcomes, state.dateChoice),
    [mapping, current, outcomes, state.dateChoice],
  );
  const columnProblems = useMemo(() => [...columnIssues.keys()], [columnIssues]);
  const joinProblems = useMemo(() => joinProblemsOf(joins, current), [joins, current]);
  const segmentProblems = useMemo(
    () => segmentProblemsOf(converted, current),
    [converted, current],
  );
  const blockers = useMemo(
    () => [...columnProblems, ...joinProblems, ...segmentProblems],
    [columnProblems, joinProblems, segmentProblems],
  );

  // --- calibration ---------------------------------------------------------------------------
  const { noDecision, stale, team } = state;
  const calibrateConfig = useMemo(
    () =>
      calibrateConfigOf(
        { main, noDecision, stale, team },
        analyzeConfig,
        converted,
        outcomes,
        dateOrder,
      ),
    [main, analyzeConfig, converted, outcomes, dateOrder, noDecision, stale, team],
  );
  const calibrationKey = useMemo(
    () => calibrationKeyOf(calibrateConfig, baseScenario.scenario),
    [calibrateConfig, baseScenario],
  );
  const wantsFit = open && showsCalibration(step);
  const calibration = state.calibration;

  useEffect(() => {
    if (!wantsFit || !client || !calibrateConfig || !analysisFresh || blockers.length > 0) return;
    if (calibration?.key === calibrationKey) return;
    const key = calibrationKey;
    dispatch({ type: 'calibration-started', key });
    client.calibrate(calibrateConfig, baseScenario.scenario).then(
      (outcome) => dispatch({ type: 'calibration-done', key, outcome }),
      (error: unknown) => dispatch({ type: 'calibration-failed', key, message: message(error) }),
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

  // --- files -----------------------------------------------------------------------------------
  const startParse = (file: File, role: FileRole) => {
    if (!client || state.parsing) return;
    const job = client.parse(file, (progress) =>
      dispatch({ type: 'parse-progress', fileId: job.fileId, progress }),
    );
    dispatch({
      type: 'parse-started',
      fileId: job.fileId,
      fileName: file.name,
      role,
      totalBytes: file.size,
      cancel: job.cancel,
    });
    job.promise.then(
      (outcome) => act({ type: 'parse-settled', role, fileName: file.name, outcome }),
      (error: unknown) =>
        act({ type: 'parse-crashed', role, fileName: file.name, message: message(error) }),
    );
  };

  const startOver = () => {
    state.parsing?.cancel();
    act({ type: 'start-over' });
  };

  const facts = { main, analysisFresh, columnProblems, joinProblems, segmentProblems, fit };
  const problems = stepProblems(step, facts);
  const waiting = stepWaiting(step, facts);
  const blocked = problems.length > 0;
  // Next pressed while the step was still working: once the work is done, Next happens (or the
  // problems it found are listed), so the person is not left to press it again after "a moment".
  useEffect(() => {
    if (state.nextWhenReady && !waiting) act({ type: 'next', blocked, waiting: false });
  }, [state.nextWhenReady, waiting, blocked, act]);
  const accepted = state.acceptedKey === calibrationKey;

  return {
    state,
    act,
    client,
    baseScenario,
    analysis: current,
    converted,
    countable,
    columnIssues,
    blockers,
    calibrateConfig,
    calibrationKey,
    fit,
    accepted,
    openable: openableScenario(fit?.outcome, accepted),
    /** What Next would list now: shown once Next was pressed on this step. */
    problems,
    shownProblems: state.showProblems ? problems : [],
    startParse,
    startOver,
    next: () => act({ type: 'next', blocked, waiting }),
  };
}

export type ImportDialogModel = ReturnType<typeof useImportDialog>;
