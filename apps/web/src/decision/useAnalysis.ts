/**
 * State of one decision analysis in a panel: start (aborting any run in flight), progress,
 * partial results, cancel, errors. An analysis is cancelled when its panel unmounts and when the
 * scenario it runs on is no longer the latest valid one.
 */
import type { DecisionProgress } from '@sweetspot/decision';
import { isAbortError } from '@sweetspot/runner';
import { useCallback, useEffect, useRef, useState } from 'react';

export type AnalysisStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface AnalysisState<R, P, S> {
  status: AnalysisStatus;
  /** JSON of the scenario the analysis runs (or ran) on. */
  key: string | undefined;
  /** The settings it was started with (for Retry and for labels). */
  settings: S | undefined;
  progress: DecisionProgress | undefined;
  /** What is known so far (drawn while the analysis runs, kept after a cancel). */
  partial: P | undefined;
  result: R | undefined;
  error: string | undefined;
  /** Why it was cancelled. */
  note: string | undefined;
}

export interface TaskContext<P> {
  signal: AbortSignal;
  onProgress: (progress: DecisionProgress) => void;
  /**
   * Updates the partial result (updates are applied in order, batched: at most one render every
   * PARTIAL_INTERVAL_MS, so a chart redraws a few times a second however fast runs finish).
   */
  setPartial: (update: (previous: P | undefined) => P) => void;
}

export const PARTIAL_INTERVAL_MS = 250;

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

/** Progress updates are coalesced to one render per animation frame at most. */
function useFrameCoalesced<T>(apply: (value: T) => void): (value: T) => void {
  const pending = useRef<{ value: T } | undefined>(undefined);
  const frame = useRef<number | undefined>(undefined);
  useEffect(
    () => () => {
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    },
    [],
  );
  return useCallback(
    (value: T) => {
      pending.current = { value };
      frame.current ??= requestAnimationFrame(() => {
        frame.current = undefined;
        const p = pending.current;
        pending.current = undefined;
        if (p) apply(p.value);
      });
    },
    [apply],
  );
}

export function useAnalysis<R, P, S>(scenarioKey: string | undefined) {
  const [state, setState] = useState<AnalysisState<R, P, S>>({
    status: 'idle',
    key: undefined,
    settings: undefined,
    progress: undefined,
    partial: undefined,
    result: undefined,
    error: undefined,
    note: undefined,
  });
  const current = useRef<{ id: number; abort: AbortController; key: string } | undefined>(
    undefined,
  );
  const nextId = useRef(1);
  // Partial updates waiting for the next batch, with the run they belong to.
  const queued = useRef<{ id: number; updates: Array<(p: P | undefined) => P> } | undefined>(
    undefined,
  );
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastFlush = useRef(0);

  /** Applies the queued partial updates now (when the run is still the current one). */
  const flush = useCallback(() => {
    if (flushTimer.current !== undefined) clearTimeout(flushTimer.current);
    flushTimer.current = undefined;
    const q = queued.current;
    queued.current = undefined;
    lastFlush.current = performance.now();
    if (!q || current.current?.id !== q.id) return;
    setState((s) => ({ ...s, partial: q.updates.reduce((p, update) => update(p), s.partial) }));
  }, []);

  const applyProgress = useCallback((value: { id: number; progress: DecisionProgress }) => {
    if (current.current?.id !== value.id) return;
    setState((s) => (s.status === 'running' ? { ...s, progress: value.progress } : s));
  }, []);
  const progressLater = useFrameCoalesced(applyProgress);

  const cancel = useCallback(
    (note = 'Cancelled.') => {
      const run = current.current;
      if (!run) return;
      flush(); // what had finished stays on screen
      current.current = undefined;
      run.abort.abort();
      setState((s) => (s.status === 'running' ? { ...s, status: 'cancelled', note } : s));
    },
    [flush],
  );

  const start = useCallback(
    (key: string, settings: S, task: (context: TaskContext<P>) => Promise<R>) => {
      current.current?.abort.abort();
      const id = nextId.current++;
      const abort = new AbortController();
      current.current = { id, abort, key };
      const mine = () => current.current?.id === id;
      setState({
        status: 'running',
        key,
        settings,
        progress: undefined,
        partial: undefined,
        result: undefined,
        error: undefined,
        note: undefined,
      });
      let promise: Promise<R>;
      try {
        promise = task({
          signal: abort.signal,
          onProgress: (progress) => progressLater({ id, progress: { ...progress } }),
          setPartial: (update) => {
            if (!mine()) return;
            if (queued.current?.id !== id) queued.current = { id, updates: [] };
            queued.current.updates.push(update);
            if (flushTimer.current !== undefined) return;
            const wait = Math.max(0, lastFlush.current + PARTIAL_INTERVAL_MS - performance.now());
            flushTimer.current = setTimeout(flush, wait);
          },
        });
      } catch (error) {
        promise = Promise.reject(error);
      }
      promise.then(
        (result) => {
          if (!mine()) return;
          flush();
          current.current = undefined;
          setState((s) => ({ ...s, status: 'done', result }));
        },
        (error: unknown) => {
          if (!mine()) return;
          flush();
          current.current = undefined;
          if (isAbortError(error)) {
            setState((s) => ({ ...s, status: 'cancelled', note: s.note ?? 'Cancelled.' }));
            return;
          }
          setState((s) => ({ ...s, status: 'error', error: messageOf(error) }));
        },
      );
    },
    [progressLater, flush],
  );

  // Cancel on unmount.
  useEffect(
    () => () => {
      current.current?.abort.abort();
      current.current = undefined;
      if (flushTimer.current !== undefined) clearTimeout(flushTimer.current);
    },
    [],
  );

  // Cancel when the scenario changes: the analysis would answer a question nobody asks any more.
  useEffect(() => {
    const run = current.current;
    if (run && run.key !== scenarioKey) cancel('Cancelled: the scenario changed.');
  }, [scenarioKey, cancel]);

  return { state, start, cancel, scenarioKey };
}

/** One analysis of a panel, as useAnalysis gives it. */
export type Analysis<R, P, S> = ReturnType<typeof useAnalysis<R, P, S>>;
