/**
 * The scenario a forecast plays (docs/calibration.md, "Forecast"): the calibrated team started
 * from today (model §16) over the rest of this quarter and the next, with the question a leader
 * who is behind asks — go on as is, double down in the sweet spot, or cast a wider net — as three
 * strategies that differ from as-is in only what their names say.
 */
import {
  formatError,
  quarterEndPanic,
  type Scenario,
  type Strategy,
  validateScenario,
} from '@sweetspot/scenario';
import { AS_IS_STRATEGY } from './build-scenario.ts';
import type { ForecastStart } from './forecast-start.ts';

export const DOUBLE_DOWN_ID = 'double-down';
export const WIDER_NET_ID = 'wider-net';

/**
 * The wider net's push: "Quarter-end panic"'s (from week 9, a rep below 90% of quota chases every
 * opportunity, pulls in deals due within 4 weeks at 34.5% extra discount and 49% of their odds,
 * and works 25% overtime), with that preset's sources.
 */
function panicPush(): NonNullable<Strategy['quarterEndPush']> {
  const push = quarterEndPanic.strategies.find((s) => s.quarterEndPush)?.quarterEndPush;
  if (!push) throw new Error('the "Quarter-end panic" preset has no push');
  return { ...push, pursue: 'all' };
}

/** The three strategies, defined against what the team did (the calibrated as-is strategy). */
export function forecastStrategies(scenario: Scenario): Strategy[] {
  const asIs = scenario.strategies.find((s) => s.id === AS_IS_STRATEGY.id) ?? { ...AS_IS_STRATEGY };
  const prospects = scenario.segments.some((s) => s.sweetSpot && s.prospecting);
  const doubleDown: Strategy = {
    ...asIs,
    id: DOUBLE_DOWN_ID,
    name: prospects
      ? 'Double down: sweet spot only, prospect it with spare hours'
      : 'Double down: sweet spot only',
    pursue: 'sweet-spot',
  };
  delete doubleDown.quarterEndPush;
  if (prospects) doubleDown.prospecting = { pursue: 'sweet-spot', when: 'always' };
  const widerNet: Strategy = {
    ...asIs,
    id: WIDER_NET_ID,
    name: 'Cast a wider net: when behind, chase and pull in',
    quarterEndPush: panicPush(),
  };
  delete widerNet.prospecting;
  return [{ ...asIs, id: AS_IS_STRATEGY.id }, doubleDown, widerNet];
}

/**
 * The calibrated scenario started from `start` over this quarter and the next, its strategies
 * the three of `forecastStrategies` (plus, with `keepStrategies`, the scenario's own — a base
 * scenario the user gave — except `focus`, which double-down replaces), compared double-down vs
 * as-is.
 */
export function forecastScenario(
  calibrated: Scenario,
  start: ForecastStart,
  options: { trials?: number; keepStrategies?: boolean } = {},
): { ok: true; scenario: Scenario } | { ok: false; errors: string[] } {
  const three = forecastStrategies(calibrated);
  const others = options.keepStrategies
    ? calibrated.strategies.filter(
        (s) => s.id !== 'focus' && s.id !== AS_IS_STRATEGY.id && !three.some((t) => t.id === s.id),
      )
    : [];
  const name = calibrated.name.replace(/ — (calibrated|forecast) from .*$/s, '');
  const scenario: Scenario = {
    ...calibrated,
    name: `${name} — forecast from ${start.start.asOf ?? 'today'}`.slice(0, 200),
    trials: options.trials ?? calibrated.trials,
    horizon: { ...calibrated.horizon, quarters: 2, warmupWeeks: 0 },
    strategies: [...three, ...others].slice(0, 8),
    compare: [DOUBLE_DOWN_ID, AS_IS_STRATEGY.id],
    start: start.start,
    provenance: {
      ...(calibrated.provenance ?? {}),
      description:
        `Forecast from ${start.start.asOf} (week ${start.quarter.week} of the quarter ${start.quarter.from} – ${start.quarter.to}): ${start.start.pipeline.length} open deals and ${start.booked.total.toLocaleString('en-US', { maximumFractionDigits: 0 })} booked so far. As is: what the team did. Double down: the same, pursuing only the sweet spot from today (open deals outside it are dropped). Wider net: the same, and when behind from week 9 the quarter-end push of "Quarter-end panic" (chase every opportunity, pull in deals due within 4 weeks at 34.5% extra discount and 49% of their odds, 25% overtime). ${calibrated.provenance?.description ?? ''}`.slice(
          0,
          5000,
        ),
      sources: [
        ...(quarterEndPanic.provenance?.sources ?? []).map((s) => `Wider net's push: ${s}`),
        ...(calibrated.provenance?.sources ?? []),
      ].slice(0, 100),
    },
  };
  const checked = validateScenario(scenario);
  return checked.ok
    ? { ok: true, scenario: checked.scenario }
    : { ok: false, errors: checked.errors.map(formatError) };
}
