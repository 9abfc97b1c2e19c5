/** The shape of the engine's `traceTrial` (packages/engine/src/trace.ts), for the replay. */
export {
  type StrategyTrace,
  TRACE_USES,
  type TraceEvent,
  type TraceEventKind,
  type TrialTrace,
} from '@sweetspot/engine';
export type TraceUse = typeof import('@sweetspot/engine').TRACE_USES[number];
