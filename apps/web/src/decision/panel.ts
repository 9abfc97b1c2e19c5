/** What every decision panel gets from its host. */
import type { Scenario } from '@sweetspot/scenario';
import type { DecisionRunner } from './runner.ts';

export interface PanelProps {
  /** The latest valid scenario (what the main results are, or are about to be, for). */
  scenario: Scenario | undefined;
  /** Its JSON: an analysis started on another key is cancelled, its results marked stale. */
  scenarioKey: string | undefined;
  /** The draft in the editor does not validate. */
  invalid: boolean;
  runner: DecisionRunner;
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
