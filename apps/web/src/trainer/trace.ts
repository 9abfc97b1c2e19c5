/** The engine's trace of one trial, for the replay (see traceTypes.ts for its shape). */
import type { Scenario } from '@sweetspot/scenario';
import type { TrialTrace } from './traceTypes.ts';

export function traceTrial(_scenario: Scenario, _trial: number): TrialTrace {
  throw new Error('This build of the engine cannot trace a trial yet.');
}
