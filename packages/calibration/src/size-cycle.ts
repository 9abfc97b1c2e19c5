/**
 * How deal size and sales cycle go together in a segment (docs/calibration.md, "Size and
 * cycle"): the correlation of ln(won amount) and ln(won-deal cycle) — the scenario's
 * `sizeCycleCorrelation`, the Gaussian copula of docs/model.md §2 — with its uncertainty by
 * Fisher's z transform (Fisher 1921, *Metron* 1:3–32): atanh(r) is about normal with standard
 * error 1/√(n − 3).
 */
import { sampleCorrelation } from 'simple-statistics';

/** The scenario's bound on a correlation (docs/scenario-format.md): √(1 − ρ²) stays above 0. */
const MAX_RHO = 0.95;

export interface SizeCycleFit {
  /** Won deals with an amount and a cycle. */
  n: number;
  /** Pearson correlation of the logs (NaN with fewer than 4 deals or no spread). */
  r: number;
  /** 90% interval by Fisher's z. */
  low: number;
  high: number;
  /** The value written to the scenario: r rounded to 2 decimals, within ±0.95; 0 without r. */
  value: number;
}

/** Fits the size–cycle correlation of won deals from (amount, weeks) pairs. */
export function fitSizeCycle(pairs: readonly (readonly [number, number])[]): SizeCycleFit {
  const usable = pairs.filter(([a, t]) => a > 0 && t > 0);
  const n = usable.length;
  const x = usable.map(([a]) => Math.log(a));
  const y = usable.map(([, t]) => Math.log(t));
  const r = n >= 4 ? sampleCorrelation(x, y) : Number.NaN;
  if (!Number.isFinite(r)) return { n, r: Number.NaN, low: -1, high: 1, value: 0 };
  const z = Math.atanh(Math.max(-0.999999, Math.min(0.999999, r)));
  const half = 1.6448536269514722 / Math.sqrt(n - 3);
  const value = Math.max(-MAX_RHO, Math.min(MAX_RHO, Math.round(r * 100) / 100));
  return {
    n,
    r,
    low: Math.tanh(z - half),
    high: Math.tanh(z + half),
    value: value === 0 ? 0 : value,
  };
}
