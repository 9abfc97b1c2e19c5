/**
 * A forecast's figures (docs/calibration.md "Forecast"): where each quarter lands under each
 * strategy, in the words sales leaders use — commit (P10), most likely (P50), best case (P90) —
 * and each strategy against the baseline (what the team does), paired trial by trial.
 */
import { layoutOf, type SimulationChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';
import { ChunkColumns, strategyIndex } from './chunk.ts';
import { pairedDiff } from './diff.ts';
import { summarize } from './summarize.ts';
import type { Diff, RunSummary, StrategySummary } from './types.ts';

/** One strategy's quarter, as a forecast says it. */
export interface ForecastQuarter {
  /** Team bookings: P10 (commit), P50 (most likely), P90 (best case), mean. */
  commit: number;
  mostLikely: number;
  bestCase: number;
  mean: number;
  /** P(team bookings ≥ team quota). */
  pHitQuota: number;
  /** Reps at quota (mean per trial). */
  repsAtQuota: number;
  /** Deals pulled in from the next quarter, and deals still open at the quarter's end (means). */
  pulledIn: number;
  openDealsAtEnd: number;
}

export interface ForecastStrategy {
  id: string;
  name: string;
  quarters: ForecastQuarter[];
}

/** A strategy against the baseline: bookings A − B per quarter, paired over the same worlds. */
export interface ForecastVersus {
  id: string;
  name: string;
  quarters: Diff[];
}

export interface ForecastSummary {
  baseline: string;
  strategies: ForecastStrategy[];
  versus: ForecastVersus[];
  /** The full summary (the compared pair's waterfall and attribution among it). */
  summary: RunSummary;
}

/** The forecast's figures from a run of a started scenario (model §16). */
export function summarizeForecast(
  scenario: Scenario,
  chunk: SimulationChunk,
  baseline: string,
): ForecastSummary {
  const summary = summarize(scenario, chunk);
  const cols = new ChunkColumns(chunk, layoutOf(chunk));
  const b = strategyIndex(scenario, baseline);
  const strategies = summary.strategyOrder
    .map((id) => summary.strategies[id] as StrategySummary)
    .map((st) => ({
      id: st.id,
      name: st.name,
      quarters: st.quarters.map((q) => ({
        commit: q.bookings.p10,
        mostLikely: q.bookings.p50,
        bestCase: q.bookings.p90,
        mean: q.bookings.mean,
        pHitQuota: q.pHitQuota,
        repsAtQuota: q.repsAtQuota.mean,
        pulledIn: q.pulledIn,
        openDealsAtEnd: q.openDealsAtEnd,
      })),
    }));
  const versus = scenario.strategies.flatMap((st, s) =>
    s === b
      ? []
      : [
          {
            id: st.id,
            name: st.name,
            quarters: Array.from({ length: scenario.horizon.quarters }, (_, q) =>
              pairedDiff(cols.quarter(s, q, 'bookings'), cols.quarter(b, q, 'bookings')),
            ),
          },
        ],
  );
  return { baseline, strategies, versus, summary };
}
