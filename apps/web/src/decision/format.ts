/** Plain-words labels and formatting for the decision panels (inputs, metrics, their values). */
import type { Metric, ParamRule } from '@sweetspot/decision';
import { LOCALE, MISSING, money, percent, points } from '../format.ts';

/** "Out of profile: win rate" → "Out of profile · win rate" (the decision package's labels). */
export function plainLabel(label: string): string {
  const at = label.lastIndexOf(': ');
  return at < 0 ? label : `${label.slice(0, at)} · ${label.slice(at + 2)}`;
}

// Building an Intl.NumberFormat costs far more than formatting with one: keep them.
const formats = new Map<number, Intl.NumberFormat>();

/** A number with at most `maxDigits` decimals: 1.35, 8, 0.25. */
export function trimmed(value: number, maxDigits: number): string {
  let f = formats.get(maxDigits);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: maxDigits });
    formats.set(maxDigits, f);
  }
  return f.format(value);
}

/** Digits a share needs: 30% → 0, 22.5% → 1, 31.27% → 2. */
function shareDigits(value: number): number {
  const pct = value * 100;
  if (Math.abs(pct - Math.round(pct)) < 1e-9) return 0;
  if (Math.abs(pct * 10 - Math.round(pct * 10)) < 1e-9) return 1;
  return 2;
}

/** An input's value in its own unit: "22.5%", "$22,000", "8 wk", "14 h", "1.35", "×1.5". */
export function paramValue(
  unit: ParamRule['unit'],
  value: number,
  currency: string,
  digits?: number,
): string {
  if (!Number.isFinite(value)) return MISSING;
  switch (unit) {
    case 'share':
      return percent(value, digits ?? shareDigits(value));
    case 'money':
      return Math.abs(value) >= 100_000
        ? money(value, currency)
        : money(value, currency, { compact: false });
    case 'weeks':
      return `${trimmed(value, digits ?? 1)} wk`;
    case 'hours':
      return `${trimmed(value, digits ?? 1)} h`;
    case 'count':
      return trimmed(value, digits ?? 1);
    case 'rate':
      return trimmed(value, digits ?? 2);
    case 'multiplier':
      return `×${trimmed(value, digits ?? 2)}`;
  }
}

/** A whole number with grouping: 10,000 (cheap: a kept formatter). */
export function count(value: number): string {
  return Number.isFinite(value) ? trimmed(Math.round(value), 0) : MISSING;
}

export const METRIC_NAMES: Record<Metric, string> = {
  bookings: 'bookings',
  margin: 'gross margin',
  retained: 'retained recurring revenue',
  pABeatsB: 'P(A beats B) on bookings',
};

/** A mean difference's words: "Mean A − B bookings". */
const meanDiff = (words: string) => `Mean A − B ${words}`;

/** The options of a select of metrics ("Measure" or "Tie on"), in the order given. */
export function metricChoices<M extends Metric>(
  metrics: readonly M[],
): { value: M; label: string }[] {
  return metrics.map((m) => ({
    value: m,
    label:
      m === 'pABeatsB'
        ? METRIC_NAMES[m]
        : meanDiff(m === 'retained' ? 'retained revenue' : METRIC_NAMES[m]),
  }));
}

/** What a metric measures, for axis labels: "Mean A − B bookings", "P(A books more than B)". */
export function metricTitle(metric: Metric): string {
  return metric === 'pABeatsB' ? 'P(A books more than B)' : meanDiff(METRIC_NAMES[metric]);
}

/** A metric's value: signed money for a mean difference, a percentage for P(A beats B). */
export function metricValue(metric: Metric, value: number, currency: string): string {
  if (!Number.isFinite(value)) return MISSING;
  return metric === 'pABeatsB' ? percent(value, 1) : money(value, currency, { signed: true });
}

/** A half-width of a metric: "± $16K", "± 0.8 pp". */
export function metricHalfWidth(metric: Metric, value: number, currency: string): string {
  if (!Number.isFinite(value)) return MISSING;
  return metric === 'pABeatsB'
    ? `± ${points(value, 1).replace(/^\+/, '')}`
    : `± ${money(value, currency)}`;
}

/** "the year" / "Q2", for sentences; `quarter` is 1-based, undefined for the whole horizon. */
export function periodWords(quarter: number | undefined, quarters: number): string {
  if (quarter !== undefined) return `Q${quarter}`;
  return quarters === 4 ? 'the year' : `the ${quarters} quarters`;
}
