/**
 * Predict-then-reveal: the audience picks which strategy wins over the horizon and by how much,
 * then the actual run answers. "By how much" is the winner's mean bookings over the loser's,
 * minus one ("A books 53% more than B"). Pure TS.
 */
import type { RunSummary } from '@sweetspot/analysis';

export type ChoiceId = 'a-big' | 'a-some' | 'close' | 'b-some' | 'b-big';

/** Within this relative gap the strategies are "too close to call". */
export const CLOSE_GAP = 0.1;
/** Beyond this relative gap a strategy wins "big". */
export const BIG_GAP = 0.4;

export interface Choice {
  id: ChoiceId;
  label: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function choices(names: { A: string; B: string }): Choice[] {
  return [
    { id: 'a-big', label: `${names.A} books over ${pct(BIG_GAP)} more` },
    { id: 'a-some', label: `${names.A} books ${pct(CLOSE_GAP)}–${pct(BIG_GAP)} more` },
    { id: 'close', label: `Too close to call: within ${pct(CLOSE_GAP)} of each other` },
    { id: 'b-some', label: `${names.B} books ${pct(CLOSE_GAP)}–${pct(BIG_GAP)} more` },
    { id: 'b-big', label: `${names.B} books over ${pct(BIG_GAP)} more` },
  ];
}

export interface Answer {
  choice: ChoiceId;
  winner: 'A' | 'B' | 'tie';
  /** Winner's mean bookings / loser's − 1 (0 for a tie). */
  gap: number;
  meanA: number;
  meanB: number;
  /** Median of the per-trial difference A − B. */
  medianDiff: number;
  pABeatsB: number;
  pBBeatsA: number;
  names: { A: string; B: string };
}

/** The choice a relative gap falls in (positive: A ahead). */
export function choiceFor(meanA: number, meanB: number): { choice: ChoiceId; gap: number } {
  const aAhead = meanA >= meanB;
  const hi = aAhead ? meanA : meanB;
  const lo = aAhead ? meanB : meanA;
  const gap = lo > 0 ? hi / lo - 1 : hi > 0 ? Number.POSITIVE_INFINITY : 0;
  if (gap < CLOSE_GAP) return { choice: 'close', gap };
  const big = gap > BIG_GAP;
  return { choice: aAhead ? (big ? 'a-big' : 'a-some') : big ? 'b-big' : 'b-some', gap };
}

/** The answer from a run's summary (bookings over the whole horizon). */
export function answerOf(summary: RunSummary): Answer | undefined {
  const { a, b } = summary.comparison;
  const sa = summary.strategies[a];
  const sb = summary.strategies[b];
  if (!sa || !sb) return undefined;
  const meanA = sa.horizon.bookings.mean;
  const meanB = sb.horizon.bookings.mean;
  const { choice, gap } = choiceFor(meanA, meanB);
  const d = summary.comparison.horizon.bookings;
  return {
    choice,
    winner: choice === 'close' ? 'tie' : meanA >= meanB ? 'A' : 'B',
    gap,
    meanA,
    meanB,
    medianDiff: d.p50,
    pABeatsB: d.pABeatsB,
    pBBeatsA: d.pBBeatsA,
    names: { A: sa.name, B: sb.name },
  };
}
