/** What every decision panel gets from its host, and how a panel starts its analysis. */
import type { SimulationChunk } from '@sweetspot/engine';
import { isAbortError, type Runner } from '@sweetspot/runner';
import type { Scenario } from '@sweetspot/scenario';
import type { RunState } from '../run/controller.ts';
import type { DecisionRunner } from './runner.ts';
import { type TaskContext, useAnalysis } from './useAnalysis.ts';

export interface PanelProps {
  /** The latest valid scenario (what the main results are, or are about to be, for). */
  scenario: Scenario | undefined;
  /** Its JSON: an analysis started on another key is cancelled, its results marked stale. */
  scenarioKey: string | undefined;
  /** The draft in the editor does not validate. */
  invalid: boolean;
  runner: DecisionRunner;
  /**
   * The main run's trials of `scenario`, once its result is final (undefined otherwise): an
   * analysis whose baseline is that scenario reads it from them instead of running it again.
   */
  mainTrials: () => SimulationChunk | undefined;
}

/** The displayed result's trials when it is final and for the scenario `key`, else undefined. */
export function finalTrialsOf(
  state: RunState,
  key: string | undefined,
): SimulationChunk | undefined {
  const result = state.result;
  return result?.final && key !== undefined && result.key === key ? result.chunk : undefined;
}

/** What a panel's chart is of: the run's settings, in the scenario's currency and quarters. */
export interface ChartOf<S> {
  settings: S;
  currency: string;
  quarters: number;
}

/**
 * A panel's analysis (useAnalysis) of its scenario, with `startOnRunner`: starts it on the
 * decision runner (nothing without a valid scenario), its partial result at `initial`. A failure
 * other than a cancel resets the runner: its worker may have crashed.
 */
export function usePanelAnalysis<R, P, S>({ scenario, scenarioKey, runner }: PanelProps) {
  const analysis = useAnalysis<R, P, S>(scenarioKey);
  const startOnRunner = (
    settings: S,
    initial: P,
    task: (runner: Runner, scenario: Scenario, context: TaskContext<P>) => Promise<R>,
  ): void => {
    if (!scenario || !scenarioKey) return;
    analysis.start(scenarioKey, settings, async (context) => {
      context.setPartial(() => initial);
      try {
        return await task(runner.get(), scenario, context);
      } catch (error) {
        if (!isAbortError(error)) runner.reset();
        throw error;
      }
    });
  };
  return { ...analysis, startOnRunner };
}

/** A metric and its period as the decision package takes them: no quarter is the whole horizon. */
export function metricSpec<M>({ metric, quarter }: { metric: M; quarter: number | undefined }): {
  metric: M;
  quarter?: number;
} {
  return { metric, ...(quarter !== undefined ? { quarter } : {}) };
}

/** Why Run is disabled, if it is. */
export function blockedReason(props: PanelProps, settingsProblem?: string): string | undefined {
  if (!props.scenario) return 'Waiting for a valid scenario.';
  if (props.invalid) return 'Fix the highlighted fields in the scenario first.';
  return settingsProblem;
}

/** The compared strategies' names. */
export function pairNames(scenario: Scenario): { A: string; B: string } {
  const name = (id: string) => scenario.strategies.find((s) => s.id === id)?.name ?? id;
  return { A: name(scenario.compare[0]), B: name(scenario.compare[1]) };
}

/** What `compute` returns, or undefined when it throws (a plan the scenario cannot make yet). */
export function unlessThrows<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch {
    return undefined;
  }
}
