import type { Scenario } from './types.ts';

/**
 * Which optional mechanisms of docs/model.md §12–§14 a scenario uses, so that the app and the CLI
 * show their figures only then (a scenario without them reads as it always did).
 */
export interface MechanismsUsed {
  /** A loaded rate is set (`team.costPerSellingHour` or a pool's `costPerHour`, even 0): cost of sale and contribution (§13). */
  pricesHours: boolean;
  /** Some segment needs a specialist pool the team has (§12). */
  specialists: boolean;
  /** Strategy A or B prospects some segment (§14). */
  prospects: boolean;
}

/** The optional mechanisms a (validated) scenario uses. */
export function mechanismsUsed(scenario: Scenario): MechanismsUsed {
  const pools = scenario.team.specialists ?? [];
  const compared = scenario.strategies.filter((st) => scenario.compare.includes(st.id));
  return {
    pricesHours:
      scenario.team.costPerSellingHour !== undefined ||
      pools.some((pool) => pool.costPerHour !== undefined),
    specialists: pools.some((pool) =>
      scenario.segments.some((seg) => (seg.specialistHoursPerSellingHour?.[pool.id] ?? 0) > 0),
    ),
    prospects: compared.some((st) => st.prospecting !== undefined),
  };
}
