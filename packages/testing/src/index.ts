/**
 * @sweetspot/testing: what the workspaces' tests would otherwise each write again. Test files
 * only (scripts/check-deps.mjs refuses it in production code). DOM-free and Node-free; the CRM
 * sample is `@sweetspot/testing/sample` (Node), the browser tests' checks
 * `@sweetspot/testing/browser`.
 */
export {
  AMOUNT_SPELLINGS,
  EXPORT_HEADERS,
  HUBSPOT_MAPPING,
  renderCell,
  SALESFORCE_MAPPING,
  STAGE_WORDS,
  sixteenMonthExport,
} from './csv.ts';
export { fixedSegment, smallRealistic, unlimitedAB } from './decision-scenarios.ts';
export {
  argv,
  type CommandUnderTest,
  commandTester,
  type FakeIo,
  type FakeIoOptions,
  type FakeIoOutput,
  fakeIo,
  runCliCommand,
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
