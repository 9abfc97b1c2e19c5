import { integers, numbers } from './arrays.ts';

/**
 * The state of every pursued deal of a trial (docs/model.md §3), indexed by the world's deal
 * index. A deal's record is DEAL_STRIDE numbers in one array, deal d at d · DEAL_STRIDE
 * (= d << 3, so V8 needs no overflow checks on the index arithmetic), so that the week loop reads
 * and writes a single array. The functions that use the fields declare them as literal locals of
 * these names (V8 folds a literal local, but re-reads a module constant at every use):
 *
 *   PROGRESS = 0       hours worked so far
 *   EFFORT = 1         effort E, copied from the world when the deal is pursued
 *   RATE = 2           full-speed rate e = E / C, likewise
 *   QUARTER_HOURS = 3  hours worked in the current quarter (warm-up hours are dropped at its end)
 *   STARVED = 4        weeks starved in a row (a small whole number)
 *   KEY = 5            priority key: as of the last ranking if it moves with progress, else set once
 */
export const DEAL_STRIDE = 8;

/** Per-deal state, sized to the largest world seen and reused across trials and strategies. */
export class DealTable {
  /** Deal records, see DEAL_STRIDE. */
  deal: number[] = [];
  /** p_s · V · (1 − discount), the numerator of the expected-value-per-hour key. */
  evNumerator: number[] = [];
  /** 1 once the deal is pulled in (docs/model.md §7). */
  pulled: number[] = [];
  /** Hours worked on the deal in each reported quarter, [d · quarters + q]. */
  hoursByQuarter: number[] = [];
  /**
   * The week the deal arrived to its rep under this strategy: the world's week for drawn deals,
   * the strategy's own for prospected ones (docs/model.md §14).
   */
  arrived: number[] = [];
  /** The rep working the deal (kept for the team-wide allocation of specialists, §12). */
  repOf: number[] = [];
  private readonly quarters: number;

  constructor(quarters: number) {
    this.quarters = quarters;
  }

  /**
   * Makes room for a world of n deals, keeping the records held (a strategy's prospected deals
   * are added while it plays).
   */
  ensure(n: number): void {
    if (this.pulled.length >= n) return;
    const cap = Math.max(n, this.pulled.length * 2);
    this.deal = grown(this.deal, numbers(cap * DEAL_STRIDE));
    this.evNumerator = grown(this.evNumerator, numbers(cap));
    this.pulled = grown(this.pulled, integers(cap));
    this.hoursByQuarter = grown(this.hoursByQuarter, numbers(cap * this.quarters));
    this.arrived = grown(this.arrived, integers(cap));
    this.repOf = grown(this.repOf, integers(cap));
  }
}

/** `to` with `from`'s values copied to its start. */
function grown(from: number[], to: number[]): number[] {
  for (let i = 0; i < from.length; i++) to[i] = from[i] as number;
  return to;
}
