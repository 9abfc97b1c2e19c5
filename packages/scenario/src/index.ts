export * from './budget.ts';
export { type MechanismsUsed, mechanismsUsed } from './mechanisms.ts';
export {
  formatMoney,
  formatNumber,
  formatValue,
  fullLabel,
  listItemName,
  type ParamLabel,
  type ParamMessages,
  PERCENT_IN_FILE,
  paramLabel,
  paramMessages,
  paramSpecAt,
  unitScale,
} from './param-messages.ts';
export {
  type CataloguedParam,
  GROUP_PATHS,
  PARAMETER_LIST,
  PARAMETERS,
  type ParamGroup,
  type ParamMatch,
  type ParamSpec,
  type ParamUnit,
  paramAt,
  type QuantilePart,
} from './parameters.ts';
export {
  behindPlanDoubleDown,
  chaseTheBigOnes,
  defaultScenario,
  PRESETS,
  quarterEndPanic,
  saasMidMarket,
  spareCapacity,
  specialistBottleneck,
} from './presets.ts';
export { lognormalOfQuantiles, Z90 } from './quantiles.ts';
export * from './rule-groups.ts';
export { BOUNDS, type NumberRule, scenarioSchema, scenarioSchemaFor } from './schema.ts';
export {
  decodeShareCode,
  encodeShareCode,
  MAX_SHARE_JSON_BYTES,
  MAX_SHARE_LENGTH,
  migrateScenario,
  SCENARIO_VERSION,
  SHARE_PREFIX,
  type ShareDecodeResult,
} from './share.ts';
export { quarterWeeks } from './start.ts';
export * from './types.ts';
export * from './validate.ts';
export { listInWords } from './words.ts';
