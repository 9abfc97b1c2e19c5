import type { CompiledScenario, CompiledStrategy } from '../compile.ts';
import { numbers } from './arrays.ts';

/**
 * The rules that decide a deal (docs/model.md §4, §7, §8), with their powers tabulated once per
 * scenario: the same expressions, so the same numbers.
 */
export class DecisionRules {
  private readonly c: CompiledScenario;
  /** keepPower[L] = (1 − delayPenaltyPerWeek)^L, for every possible lateness L (0 … T). */
  private readonly keepPower: number[];
  /**
   * retention[s · T + w] = (1 − annualChurn_s)^((T − 1 − w)/52): a deal of segment s won in week
   * w is still a customer at the end when its churn draw is below this (docs/model.md §8).
   */
  private readonly retention: number[];

  constructor(c: CompiledScenario) {
    this.c = c;
    const T = c.totalWeeks;
    const keep = 1 - c.delayPenalty;
    this.keepPower = numbers(T + 1);
    for (let late = 0; late <= T; late++) this.keepPower[late] = keep ** late;
    this.retention = numbers(c.segments * T);
    for (let s = 0; s < c.segments; s++) {
      for (let w = 0; w < T; w++) {
        this.retention[s * T + w] = (1 - (c.churn[s] as number)) ** ((T - 1 - w) / 52);
      }
    }
  }

  /** Weeks a deal decided at `age` weeks is past its natural cycle (docs/model.md §4). */
  lateness(age: number, cycle: number): number {
    return age > cycle ? age - cycle : 0;
  }

  /**
   * The chance of a win for a deal of segment s with win rate `p`, decided `late` weeks late
   * (docs/model.md §4: p · (1 − delay penalty)^late), times the pull-in factor if pulled in (§7).
   * The quarter-end push projects with the same rule (× (1 − d)^0 = × 1 changes no bit).
   */
  winProbability(p: number, late: number, pulledIn: boolean, st: CompiledStrategy): number {
    let q = p;
    // Beyond the table only while settling after the horizon (docs/model.md §6).
    if (late > 0) q *= this.keepPower[late] ?? (1 - this.c.delayPenalty) ** late;
    if (pulledIn) q *= st.pullInWinFactor;
    return q;
  }

  /** Booked value of a won deal of segment s (docs/model.md §4, §7): list × (1 − discounts). */
  bookedValue(list: number, s: number, pulledIn: boolean, st: CompiledStrategy): number {
    let value = list * (1 - (this.c.discount[s] as number));
    if (pulledIn) value *= 1 - st.extraDiscount;
    return value;
  }

  /** Whether a deal of segment s won in week w is still a customer at the end (§8). */
  retained(s: number, w: number, churnDraw: number): boolean {
    return churnDraw < (this.retention[s * this.c.totalWeeks + w] as number);
  }
}
