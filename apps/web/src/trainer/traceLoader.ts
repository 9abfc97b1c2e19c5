/**
 * Which trial the replay shows and where its trace stands: loading, ready or failed (with a
 * readable reason and a retry). Traces come from a `TraceSource` (a web worker in the app, a fake
 * in tests); a trial asked for again is shown at once from the last few traced, and a trace no
 * longer wanted is cancelled. Plain TS: Replay.tsx subscribes to it.
 */
import type { TrialTrace } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';

/** Where traces come from. */
export interface TraceSource {
  /** The engine's trace of one trial; rejects with an `AbortError` when `signal` aborts. */
  trace(scenario: Scenario, trial: number, signal: AbortSignal): Promise<TrialTrace>;
  /** Frees what the source holds (its worker); a later trace starts afresh. */
  dispose?(): void;
}

export type TraceState =
  | { status: 'loading'; trial: number }
  | { status: 'ready'; trial: number; trace: TrialTrace }
  | { status: 'failed'; trial: number; message: string };

/** How many traces of the scenario shown are kept, to switch back to a trial at once. */
export const KEPT_TRACES = 8;

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim() || 'the trial could not be replayed';
}

export class TraceLoader {
  private state: TraceState | undefined;
  private scenario: Scenario | undefined;
  /** Traces of `scenario` by trial, oldest first. */
  private readonly kept = new Map<number, TrialTrace>();
  private inFlight: AbortController | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly source: TraceSource) {}

  /** The state now (undefined before the first trial is asked for). */
  readonly getState = (): TraceState | undefined => this.state;

  /** Calls `listener` after every change; returns the unsubscribe. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Shows trial `trial` of `scenario`: at once if it was traced lately, else traced by the
   * source (a trace for another trial still running is cancelled). Asking again for the trial
   * shown, or being traced, changes nothing; a failed one waits for `retry`.
   */
  show(scenario: Scenario, trial: number): void {
    if (scenario !== this.scenario) {
      this.scenario = scenario;
      this.kept.clear();
    } else if (this.state?.trial === trial) {
      const { status } = this.state;
      if (status === 'ready' || status === 'failed' || (status === 'loading' && this.inFlight))
        return;
    }
    this.load(trial);
  }

  /** Traces the failed trial again. */
  retry(): void {
    if (this.state?.status === 'failed') this.load(this.state.trial);
  }

  /**
   * Cancels the trace in flight and frees the source (its worker). The loader stays usable:
   * showing a trial again traces it afresh.
   */
  stop(): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
    this.source.dispose?.();
  }

  private load(trial: number): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
    const scenario = this.scenario;
    const kept = this.kept.get(trial);
    if (kept || !scenario) {
      if (kept) this.set({ status: 'ready', trial, trace: this.keep(trial, kept) });
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    this.set({ status: 'loading', trial });
    this.source.trace(scenario, trial, controller.signal).then(
      (trace) => {
        if (this.inFlight !== controller) return;
        this.inFlight = undefined;
        this.set({ status: 'ready', trial, trace: this.keep(trial, trace) });
      },
      (error: unknown) => {
        if (this.inFlight !== controller) return;
        this.inFlight = undefined;
        this.set({ status: 'failed', trial, message: reason(error) });
      },
    );
  }

  /** Keeps `trace` as the most recent, dropping the oldest beyond KEPT_TRACES. */
  private keep(trial: number, trace: TrialTrace): TrialTrace {
    this.kept.delete(trial);
    this.kept.set(trial, trace);
    while (this.kept.size > KEPT_TRACES) {
      const oldest = this.kept.keys().next().value;
      if (oldest === undefined) break;
      this.kept.delete(oldest);
    }
    return trace;
  }

  private set(state: TraceState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
