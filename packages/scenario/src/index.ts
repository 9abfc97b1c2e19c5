export {
  defaultScenario,
  PRESETS,
  quarterEndPanic,
  saasMidMarket,
  spareCapacity,
} from './presets.ts';
export { scenarioSchema } from './schema.ts';
export * from './types.ts';
export {
  formatError,
  formatPath,
  parseScenarioJson,
  type ValidationError,
  type ValidationResult,
  validateScenario,
} from './validate.ts';
