export { type CompiledScenario, type CompiledStrategy, compileScenario } from './compile.ts';
export * from './layout.ts';
export * from './random/index.ts';
export { type SimulateOptions, Simulator, simulateChunk } from './simulate.ts';
export {
  EV_ARRIVED,
  EV_LOST,
  EV_PROSPECTED,
  EV_PULLED_IN,
  EV_QUALIFIED_IN,
  EV_QUALIFIED_OUT,
  EV_STALLED,
  EV_UNQUALIFIED,
  EV_WON,
  type RunObserver,
} from './strategy/observer.ts';
export * from './trace.ts';
export { transferableBuffers } from './transferable.ts';
export * from './waterfall.ts';
export { World } from './world.ts';
