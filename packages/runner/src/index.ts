export {
  type CrashKind,
  createSimulationApi,
  type SimulateFn,
  type SimulationApi,
  type SimulationApiOptions,
  type TestableSimulationApi,
} from './api.ts';
export * from './errors.ts';
export { regrowChunk } from './grow.ts';
export {
  createInThreadRunner,
  createInThreadWorker,
  type InThreadWorkerHandle,
  type InThreadWorkerOptions,
} from './in-thread.ts';
export {
  CHUNKS_PER_WORKER,
  createPool,
  defaultChunkSize,
  MAX_CHUNK_SIZE,
  MIN_CHUNK_SIZE,
} from './pool.ts';
export {
  ANNOUNCE_SECONDS,
  describeSeconds,
  PROGRESS_INTERVAL_MS,
  RunClock,
} from './progress.ts';
export type {
  AbortSignalLike,
  PartialResult,
  PoolOptions,
  Runner,
  RunOptions,
  RunProgress,
  SimulationEndpoint,
  StopRule,
  WorkerHandle,
} from './types.ts';
