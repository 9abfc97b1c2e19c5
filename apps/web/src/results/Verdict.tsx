/**
 * Above the cards: the verdict in one sentence (who books more, by how much, how sure, and why —
 * analysis `verdictSentence`, the CLI's and the report's first line too), what differs between
 * A and B, and — when more than one rule differs — how much of the bookings gap each rule
 * accounts for (docs/model.md §11).
 */
import { type RunSummary, verdictSentence } from '@sweetspot/analysis';
import { bookingsSplitClause } from './attribution.ts';
import type { Period } from './derive.ts';

export function Verdict({
  summary,
  period,
  periodLabel,
  currency,
}: {
  summary: RunSummary;
  period: Period;
  periodLabel: string;
  currency: string;
}) {
  const difference = summary.comparison.difference;
  const clause = bookingsSplitClause(summary, period, currency);
  if (!difference) return null;
  const sentence = verdictSentence(summary, period, currency);
  return (
    <div className="verdict" data-testid="verdict">
      {sentence ? (
        <p className="verdict-sentence" data-testid="verdict-sentence">
          {sentence}
        </p>
      ) : null}
      <p className="verdict-difference" data-testid="verdict-difference">
        <strong>What differs:</strong> {difference}
      </p>
      {clause ? (
        <p className="verdict-attribution" data-testid="verdict-attribution">
          <strong>Bookings, {periodLabel}:</strong> {clause}.{' '}
          <a href="#chart-why-title">Why A and B differ</a> shows each share with its 95% interval.
        </p>
      ) : null}
    </div>
  );
}
