export { type CompiledScenario, type CompiledStrategy, compileScenario } from './compile.ts';
export * from './layout.ts';
export * from './random/index.ts';
export { type SimulateOptions, Simulator, simulateChunk } from './simulate.ts';
export * from './trace.ts';
export * from './waterfall.ts';
export { World } from './world.ts';
