/**
 * @sweetspot/testing: what the workspaces' tests would otherwise each write again. Test files
 * only (scripts/check-deps.mjs refuses it in production code). DOM-free and Node-free; the CRM
 * sample is `@sweetspot/testing/sample` (Node), the browser tests' checks
 * `@sweetspot/testing/browser`.
 */
export { renderCell } from './csv.ts';
export {
  argv,
  type FakeIo,
  type FakeIoOptions,
  type FakeIoOutput,
  fakeIo,
} from './fake-io.ts';
export {
  effortlessSegment,
  pipelineOf,
  smallDefaultScenario,
  startedFrom,
  unlimitedScenario,
  validScenario,
} from './scenarios.ts';
export {
  chiSquareQuantile,
  erfc,
  ksStatistic,
  meanVar,
  normalCdf,
  upperTail,
} from './stats.ts';
