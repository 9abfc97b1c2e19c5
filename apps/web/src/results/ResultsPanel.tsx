/** The results screen: A and B side by side, the paired difference, and the charts. */
import { memo, useDeferredValue, useMemo, useState } from 'react';
import { number } from '../format.ts';
import type { DisplayedResult, RunController, RunPhase, RunState } from '../run/controller.ts';
import { useRunState } from '../run/useRunState.ts';
import {
  bookingsDiff,
  bookingsRows,
  diffRows,
  fanRows,
  headlines,
  hoursRows,
  hourUses,
  mechanismsOf,
  type Period,
  pairOf,
  periodLabel,
  poolRows,
  quarterCount,
  quotaFor,
  repAttainmentRows,
  segmentRows,
} from './derive.ts';
import { BookingsDistribution, DiffDistribution, RepAttainment } from './distributionCharts.tsx';
import { FanChart } from './FanChart.tsx';
import { HeadlineCards } from './HeadlineCards.tsx';
import { HoursByUse } from './HoursByUse.tsx';
import { PeriodSelector } from './PeriodSelector.tsx';
import { PoolTable } from './PoolTable.tsx';
import { SegmentTable } from './SegmentTable.tsx';
import { Verdict } from './Verdict.tsx';
import { WhyPanel } from './WhyPanel.tsx';

interface Props {
  controller: RunController;
  /** The draft does not validate. */
  invalid: boolean;
  /** A link's long run waits for the person's answer (LinkRunPrompt). */
  awaitingAnswer?: boolean;
}

/** The period if this summary has it, else Q1 (a one-quarter horizon has no "Year"). */
function validPeriod(period: Period, quarters: number): Period {
  return (period === 'year' && quarters > 1) || (period !== 'year' && period < quarters)
    ? period
    : 0;
}

type Freshness = 'stale' | 'updating' | 'partial' | 'stopped' | 'final';

interface Status {
  latestKey: string | undefined;
  scheduled: boolean;
  phase: RunPhase;
}

function freshness(status: Status, result: DisplayedResult, invalid: boolean): Freshness {
  if (invalid) return 'stale';
  if (result.key !== status.latestKey || status.scheduled)
    return status.phase === 'stopped' || status.phase === 'error' ? 'stale' : 'updating';
  if (status.phase === 'stopped' && !result.final) return 'stopped';
  return result.final ? 'final' : 'partial';
}

const selectResult = (s: RunState) => s.result;
const selectLatestKey = (s: RunState) => s.latestKey;
const selectScheduled = (s: RunState) => s.scheduled;
const selectPhase = (s: RunState) => s.phase;

function FreshnessBadge({
  kind,
  result,
  invalid,
}: {
  kind: Freshness;
  result: DisplayedResult;
  invalid: boolean;
}) {
  const trials = `${number(result.done)} of ${number(result.total)} trials`;
  const text: Record<Freshness, string> = {
    stale: invalid
      ? 'Stale: these results are for the last valid scenario. Fix the highlighted fields to update them.'
      : 'Stale: these results are for an earlier version of the scenario.',
    updating: 'Stale: updating for your latest edit…',
    partial: `Refining: ${trials} so far`,
    stopped: `Stopped: based on ${trials}`,
    final: `${number(result.total)} trials`,
  };
  return (
    <p
      className={`freshness freshness-${kind}`}
      data-testid="results-freshness"
      data-freshness={kind}
    >
      {text[kind]}
    </p>
  );
}

/** Re-renders only when the displayed result or the period changes (not on progress ticks). */
const Results = memo(function Results({
  result,
  period,
}: {
  result: DisplayedResult;
  period: Period;
}) {
  const { summary, scenario } = result;
  const currency = summary.currency;
  const quarters = quarterCount(summary);
  const pair = pairOf(summary);
  const label = periodLabel(period, quarters);
  const teamQuota = scenario.team.reps * scenario.team.quotaPerRepPerQuarter;
  const names = useMemo(
    () => ({ A: pair?.a.name ?? 'A', B: pair?.b.name ?? 'B' }),
    [pair?.a.name, pair?.b.name],
  );
  const mechanisms = useMemo(() => mechanismsOf(scenario), [scenario]);
  const data = useMemo(
    () => ({
      headlines: headlines(summary, period, mechanisms),
      bookings: bookingsRows(summary, period),
      diff: diffRows(summary, period),
      diffStats: bookingsDiff(summary, period),
      fan: fanRows(summary),
      reps: repAttainmentRows(summary, period),
      hours: hoursRows(summary, period, mechanisms),
      segments: segmentRows(summary, period),
      pools: mechanisms.pools ? poolRows(summary, period) : [],
      uses: hourUses(mechanisms),
    }),
    [summary, period, mechanisms],
  );
  if (!pair || !data.headlines) return <p>No results for this period.</p>;
  return (
    <>
      <Verdict summary={summary} period={period} periodLabel={label} currency={currency} />
      <HeadlineCards headlines={data.headlines} names={names} currency={currency} />
      <div className="charts">
        <WhyPanel result={result} period={period} names={names} mechanisms={mechanisms} />
        <BookingsDistribution
          rows={data.bookings}
          names={names}
          currency={currency}
          quota={quotaFor(teamQuota, period, quarters)}
          periodLabel={label}
        />
        <DiffDistribution
          rows={data.diff}
          currency={currency}
          periodLabel={label}
          median={data.diffStats?.p50 ?? 0}
          pABeatsB={data.diffStats?.pABeatsB ?? Number.NaN}
        />
        <FanChart rows={data.fan} names={names} currency={currency} quota={teamQuota} />
        <RepAttainment rows={data.reps} names={names} periodLabel={label} />
        <SegmentTable
          rows={data.segments}
          names={names}
          currency={currency}
          periodLabel={label}
          prospects={mechanisms.prospects}
        />
        {data.pools.length > 0 ? (
          <PoolTable rows={data.pools} names={names} periodLabel={label} />
        ) : null}
        <HoursByUse rows={data.hours} names={names} periodLabel={label} uses={data.uses} />
      </div>
    </>
  );
});

export function ResultsPanel({ controller, invalid, awaitingAnswer = false }: Props) {
  // The year first: the verdict a leader reads is about the year; the quarters are one click away.
  const [period, setPeriod] = useState<Period>('year');
  const result = useRunState(controller, selectResult);
  const latestKey = useRunState(controller, selectLatestKey);
  const scheduled = useRunState(controller, selectScheduled);
  const phase = useRunState(controller, selectPhase);
  // The figures re-render in a transition: React renders them in small slices between which the
  // browser can handle input, instead of in the task that delivered the summary.
  const shownResult = useDeferredValue(result);
  const shownPeriod = useDeferredValue(period);
  const quarters = result ? quarterCount(result.summary) : 0;
  const effective = validPeriod(period, quarters);
  if (!result) {
    return (
      <div className="results-empty" data-testid="results-empty">
        <p>
          {phase === 'error' || awaitingAnswer ? 'No results yet.' : 'Simulating the first trials…'}
        </p>
      </div>
    );
  }
  const pair = pairOf(result.summary);
  const kind = freshness({ latestKey, scheduled, phase }, result, invalid);
  return (
    <div className={`results results-${kind}`} data-testid="results" data-run-id={result.runId}>
      <div className="results-head">
        <h2 className="versus">
          <span className="side-name side-a">
            <span className="badge badge-a">A</span> {pair?.a.name}
          </span>
          <span className="vs">vs</span>
          <span className="side-name side-b">
            <span className="badge badge-b">B</span> {pair?.b.name}
          </span>
        </h2>
        <PeriodSelector quarters={quarters} value={effective} onChange={setPeriod} />
      </div>
      <FreshnessBadge kind={kind} result={result} invalid={invalid} />
      <div className="results-body">
        {shownResult ? (
          <Results
            result={shownResult}
            period={validPeriod(shownPeriod, quarterCount(shownResult.summary))}
          />
        ) : null}
      </div>
    </div>
  );
}
