/**
 * The verdict in one sentence a VP could read aloud: who books more over a period, by how much,
 * how sure, and where the gap comes from. Computed once here; the CLI's table, the web app's
 * results, the printable report and the share preview all say this sentence.
 */
import { attributionClause } from './attribution.ts';
import { DEFAULT_LOCALE, formatMoney, formatPercent } from './format.ts';
import { type Period, periodComparison, periodSummary } from './period.ts';
import type { PeriodComparison, RunSummary } from './types.ts';

/** "a year", "over the 6 quarters", "in Q2": the period as the sentence says it. */
function periodWords(summary: RunSummary, period: Period): string {
  if (period !== 'year') return `in Q${period + 1}`;
  const quarters = quartersIn(summary);
  if (quarters === 4) return 'a year';
  if (quarters === 1) return 'in the quarter';
  return `over the ${quarters} quarters`;
}

function quartersIn(summary: RunSummary): number {
  return summary.comparison.quarters.length;
}

/** "simulated years", "simulated quarters", "simulated runs": what one trial of the period is. */
function trialsWord(summary: RunSummary, period: Period): string {
  if (period !== 'year') return 'simulated quarters';
  return quartersIn(summary) === 4 ? 'simulated years' : 'simulated runs';
}

/**
 * The verdict on bookings over `period` (a quarter index or 'year'), e.g. "Focus on the sweet
 * spot books $1.7M more a year than Chase everything (+53%, 95% CI +$1.6M to +$1.8M; more in
 * 99.9% of simulated years) — of +$1.7M, +$2.3M comes from … and −$0.6M from …". When the
 * interval of the gap holds zero, it says the two book about the same. "How much more" is the
 * mean gap (the expected gain, with its 95% interval) — the figure a VP can read aloud and the one
 * the web app's headline card leads its A − B with — never the median. The clause after the
 * dash: the attribution to the rules that differ (docs/model.md §11) when two or more differ,
 * else the waterfall's biggest bar in the gap's direction (§10), saying what deals it counts.
 *
 * @example verdictSentence(summary, 'year', 'USD')
 */
export function verdictSentence(
  summary: RunSummary,
  period: Period,
  currency: string,
  locale: string = DEFAULT_LOCALE,
): string {
  const { a, b } = summary.comparison;
  const A = summary.strategies[a];
  const B = summary.strategies[b];
  const gap = periodComparison(summary.comparison, period);
  if (!A || !B || !gap) return '';
  const money = (x: number, signed = false) =>
    formatMoney(x, currency, locale, { compact: true, ...(signed ? { signed: true } : {}) });
  const d = gap.bookings;
  const when = periodWords(summary, period);
  const trials = trialsWord(summary, period);
  const clear = d.ci95[0] > 0 || d.ci95[1] < 0;
  // The sentence speaks from the side that books more: its gap, interval and clause are that
  // side minus the other (B − A when B books more).
  const sign = clear && d.meanDiff < 0 ? -1 : 1;
  const [lo, hi] = sign > 0 ? d.ci95 : [-d.ci95[1], -d.ci95[0]];
  const interval = `95% CI ${money(lo, true)} to ${money(hi, true)}`;
  let sentence: string;
  if (!clear) {
    sentence =
      `${A.name} and ${B.name} book about the same ${when}: A − B = ${money(d.meanDiff, true)} ` +
      `(${interval}); A books more in ${share(d.pABeatsB, trials, locale)}, B in ` +
      `${share(d.pBBeatsA, trials, locale)}`;
  } else {
    const [winner, loser] = sign > 0 ? [A, B] : [B, A];
    const loserMean = periodSummary(loser, period)?.bookings.mean ?? Number.NaN;
    const more = Math.abs(d.meanDiff) / Math.abs(loserMean);
    const sure = sign > 0 ? d.pABeatsB : d.pBBeatsA;
    sentence =
      `${winner.name} books ${money(Math.abs(d.meanDiff))} more ${when} than ${loser.name} ` +
      `(+${formatPercent(more, more < 0.1 ? 1 : 0, locale)}, ${interval}; more in ` +
      `${share(sure, trials, locale)})`;
  }
  const why = whyClause(gap, (x) => money(sign * x, true));
  return why ? `${sentence} — ${why}.` : `${sentence}.`;
}

/** "every simulated year", "none of the simulated years", "99.8% of simulated years", "71% of …". */
function share(p: number, trials: string, locale: string): string {
  if (p === 1) return `every one of the ${trials}`;
  if (p === 0) return `none of the ${trials}`;
  const digits = p >= 0.995 || p <= 0.005 ? 1 : 0;
  return `${formatPercent(p, digits, locale)} of ${trials}`;
}

/** Where the bookings gap comes from, in a clause (see verdictSentence). */
function whyClause(gap: PeriodComparison, money: (x: number) => string): string {
  const split = attributionClause(gap.attribution.bookings, money);
  if (split) return split;
  const total = gap.waterfall.bookings.total;
  if (!(Math.abs(total) > 0)) return '';
  const biggest = [...gap.waterfall.bookings.parts]
    .filter((p) => Math.sign(p.value) === Math.sign(total))
    .sort((x, y) => Math.abs(y.value) - Math.abs(x.value))[0];
  if (!biggest) return '';
  return `the biggest part of the gap (${money(biggest.value)}): ${lowerFirst(biggest.label)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
