/**
 * A one-page printable report of the results on screen: the scenario, the headline numbers, the
 * main charts, and what it takes to reproduce them (seed, trials, app version, a link). Shown
 * over the app; the print stylesheet prints only the report.
 */
import { type RunSummary, type Stat, verdictSentence } from '@sweetspot/analysis';
import { mechanismsUsed, type Scenario } from '@sweetspot/scenario';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { hours, LOCALE, MISSING, money, number, percent, probability } from '../format.ts';
import { horizonLabel } from '../library/logic.ts';
import { bookingsSplitClause } from '../results/attribution.ts';
import { bookingsDiff, bookingsRows, diffRows, fanRows, pairOf } from '../results/derive.ts';
import type { DisplayedResult, RunController, RunState } from '../run/controller.ts';
import { useRunState } from '../run/useRunState.ts';
import { shareUrl } from '../share/urlState.ts';
import { TableHead } from '../ui/TableHead.tsx';
import { bookingsFigure, diffFigure, fanFigure } from './reportCharts.ts';
import { APP_VERSION } from './version.ts';

const PRIORITY_TEXT: Record<string, string> = {
  'expected-value-per-hour': 'best expected value per hour first',
  'oldest-first': 'oldest deals first',
  'closest-to-close': 'deals closest to closing first',
  'largest-first': 'biggest deals first',
};

const selectResult = (s: RunState) => s.result;
const selectLatestKey = (s: RunState) => s.latestKey;

function StaticPlot({ build, label }: { build: () => Element; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const figure = build();
    figure.setAttribute('aria-hidden', 'true');
    host.replaceChildren(figure);
    return () => host.replaceChildren();
  }, [build]);
  return <div ref={ref} className="report-plot" role="img" aria-label={label} />;
}

function pursueText(scenario: Scenario, pursue: Scenario['strategies'][number]['pursue']): string {
  if (pursue === 'sweet-spot') return 'the sweet spot';
  if (pursue === 'all') return 'everything';
  return pursue.map((id) => scenario.segments.find((s) => s.id === id)?.name ?? id).join(', ');
}

function strategyLine(scenario: Scenario, id: string): string {
  const st = scenario.strategies.find((s) => s.id === id);
  if (!st) return id;
  const push = st.quarterEndPush
    ? `; from week ${st.quarterEndPush.fromWeek}, reps below ${percent(st.quarterEndPush.belowAttainment)} of quota push (chase ${pursueText(scenario, st.quarterEndPush.pursue)}, pull deals in at ${percent(st.quarterEndPush.extraDiscount, 1)} extra discount, ${percent(st.quarterEndPush.overtime - 1)} overtime)`
    : '';
  const prospecting = st.prospecting
    ? `; ${st.prospecting.when === 'always' ? 'every week' : 'in push weeks'}, spare hours go to prospecting ${pursueText(scenario, st.prospecting.pursue)}`
    : '';
  return `${st.name}: pursues ${pursueText(scenario, st.pursue)}, works the ${PRIORITY_TEXT[st.priority] ?? st.priority}${push}${prospecting}.`;
}

const median = (s: Stat, currency: string) => money(s.p50, currency);
const range = (s: Stat, currency: string) => `${money(s.p10, currency)}–${money(s.p90, currency)}`;

function HeadlineTable({ scenario, summary }: { scenario: Scenario; summary: RunSummary }) {
  const pair = pairOf(summary);
  if (!pair) return <p>{MISSING}</p>;
  const { a, b } = pair;
  const c = summary.comparison.horizon;
  const cur = summary.currency;
  const rows: Array<[string, ReactNode, ReactNode, ReactNode]> = [
    [
      'Bookings (median; P10–P90)',
      <>
        <strong>{median(a.horizon.bookings, cur)}</strong>{' '}
        <small>{range(a.horizon.bookings, cur)}</small>
      </>,
      <>
        <strong>{median(b.horizon.bookings, cur)}</strong>{' '}
        <small>{range(b.horizon.bookings, cur)}</small>
      </>,
      <strong key="d">{money(c.bookings.meanDiff, cur, { signed: true })}</strong>,
    ],
    [
      'Gross margin (median)',
      median(a.horizon.margin, cur),
      median(b.horizon.margin, cur),
      money(c.margin.meanDiff, cur, { signed: true }),
    ],
    // Cost of sale and contribution only when the scenario prices hours (docs/model.md §13).
    ...(mechanismsUsed(scenario).pricesHours
      ? ([
          [
            'Cost of sale (median)',
            median(a.horizon.costOfSale, cur),
            median(b.horizon.costOfSale, cur),
            money(c.costOfSale.meanDiff, cur, { signed: true }),
          ],
          [
            'Contribution: margin − cost of sale (median)',
            median(a.horizon.contribution, cur),
            median(b.horizon.contribution, cur),
            money(c.contribution.meanDiff, cur, { signed: true }),
          ],
        ] as Array<[string, ReactNode, ReactNode, ReactNode]>)
      : []),
    [
      'Retained recurring revenue (median)',
      median(a.horizon.retainedRecurringRevenue, cur),
      median(b.horizon.retainedRecurringRevenue, cur),
      money(c.retainedRecurringRevenue.meanDiff, cur, { signed: true }),
    ],
    [
      'P(team hits its quota)',
      probability(a.horizon.pHitQuota),
      probability(b.horizon.pHitQuota),
      '',
    ],
    [
      'Hours wasted on lost or stalled deals (mean)',
      hours(a.quarters.reduce((s, q) => s + q.hoursWasted.mean, 0)),
      hours(b.quarters.reduce((s, q) => s + q.hoursWasted.mean, 0)),
      '',
    ],
  ];
  return (
    <table className="report-table" data-testid="report-headlines">
      <thead>
        <tr>
          <th scope="col">{horizonLabel(a.quarters.length)}</th>
          <th scope="col">
            <span className="badge badge-a">A</span> {a.name}
          </th>
          <th scope="col">
            <span className="badge badge-b">B</span> {b.name}
          </th>
          {/* The mean, as the verdict above says it: one figure for "how much more" (issue 18). */}
          <th scope="col">A − B (same trial, mean)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, va, vb, d]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{va}</td>
            <td>{vb}</td>
            <td>{d}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">P(A books more than B)</th>
          <td colSpan={3} data-testid="report-beats">
            <strong>{probability(c.bookings.pABeatsB)}</strong> of trials (95% CI{' '}
            {probability(c.bookings.pABeatsBCi95[0])}–{probability(c.bookings.pABeatsBCi95[1])}); on
            margin {probability(c.margin.pABeatsB)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function Report({ result, stale }: { result: DisplayedResult; stale: boolean }) {
  const { scenario, summary } = result;
  const cur = summary.currency;
  const quarters = summary.strategies[summary.comparison.a]?.quarters.length ?? 1;
  const label = horizonLabel(quarters);
  const period = quarters > 1 ? 'year' : 0;
  const teamQuota = scenario.team.reps * scenario.team.quotaPerRepPerQuarter;
  const link = useMemo(() => shareUrl(window.location.href, scenario), [scenario]);
  const builds = useMemo(() => {
    const bRows = bookingsRows(summary, period);
    const dRows = diffRows(summary, period);
    const fRows = fanRows(summary);
    const med = bookingsDiff(summary, period)?.p50 ?? 0;
    return {
      bookings: () => bookingsFigure(bRows, cur, teamQuota * quarters, label, 340),
      diff: () => diffFigure(dRows, cur, med, label, 340),
      fan: () => fanFigure(fRows, cur, teamQuota, 700),
    };
  }, [summary, period, cur, teamQuota, quarters, label]);
  const a = scenario.compare[0];
  const b = scenario.compare[1];
  const split = bookingsSplitClause(summary, 'year', cur);
  // The verdict, as the app's results and the CLI's first line say it (analysis verdict.ts).
  const sentence = verdictSentence(summary, 'year', cur);
  const now = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(),
  );
  return (
    <article className="report-page" data-testid="report">
      <header className="report-header">
        <div>
          <p className="report-kicker">Sweetspot · Monte Carlo sales-strategy report</p>
          <h1>{scenario.name}</h1>
        </div>
        <p className="report-date">{now}</p>
      </header>
      {sentence ? (
        <p className="report-verdict" data-testid="report-verdict">
          {sentence}
        </p>
      ) : null}
      {stale || !result.final ? (
        <p className="report-warning">
          {result.final
            ? 'These results are for an earlier version of the scenario being edited.'
            : `Partial results: ${number(result.done)} of ${number(result.total)} trials.`}
        </p>
      ) : null}
      <section className="report-scenario">
        <h2>Scenario</h2>
        <p>
          {scenario.team.reps} reps × {scenario.team.sellingHoursPerWeek} selling hours a week,
          quota {money(scenario.team.quotaPerRepPerQuarter, cur)} per rep per quarter (team{' '}
          {money(teamQuota, cur)}); {quarters} {quarters === 1 ? 'quarter' : 'quarters'} of{' '}
          {scenario.horizon.weeksPerQuarter} weeks.
        </p>
        <table className="report-segments">
          <TableHead
            columns={[
              'Segment',
              'Deals / rep-week',
              'Win rate',
              'Deal size (median)',
              'Cycle (median)',
              'Effort (median)',
            ]}
          />
          <tbody>
            {scenario.segments.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.name}
                  {s.sweetSpot ? ' ★' : ''}
                </th>
                <td>{number(s.opportunitiesPerRepPerWeek, 1)}</td>
                <td>{percent(s.winRate)}</td>
                <td>{money(s.dealSize.median, cur)}</td>
                <td>{number(s.salesCycleWeeks.median)} wk</td>
                <td>{number(s.effortHours.median)} h</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="report-strategy">
          <span className="badge badge-a">A</span> {strategyLine(scenario, a)}
        </p>
        <p className="report-strategy">
          <span className="badge badge-b">B</span> {strategyLine(scenario, b)}
        </p>
        {summary.comparison.difference ? (
          <p className="report-difference" data-testid="report-difference">
            <strong>What differs:</strong> {summary.comparison.difference}
          </p>
        ) : null}
        {split ? (
          <p className="report-difference" data-testid="report-split">
            <strong>Bookings, {label}:</strong> {split}.
          </p>
        ) : null}
      </section>
      <section>
        <h2>Headline numbers</h2>
        <HeadlineTable scenario={scenario} summary={summary} />
      </section>
      <section className="report-charts">
        <figure>
          <figcaption>Bookings, {label}: A (blue) and B (orange); dashed: quota</figcaption>
          <StaticPlot build={builds.bookings} label={`Distribution of bookings, ${label}`} />
        </figure>
        <figure>
          <figcaption>A − B in the same trial; dashed: median</figcaption>
          <StaticPlot build={builds.diff} label={`Distribution of A minus B, ${label}`} />
        </figure>
        <figure className="wide">
          <figcaption>
            Quarter by quarter: median (dot), P25–P75 (thick), P10–P90 (thin); dashed: quota
          </figcaption>
          <StaticPlot build={builds.fan} label="Quarterly bookings of A and B" />
        </figure>
      </section>
      <footer className="report-footer" data-testid="report-reproduce">
        <strong>Reproduce:</strong> seed <span className="mono">{scenario.seed}</span>,{' '}
        {number(summary.trials)} trials, Sweetspot {APP_VERSION}. Same scenario, seed and version
        give the same numbers. <a href={link}>Open this exact scenario</a> (the link holds the whole
        scenario).
      </footer>
    </article>
  );
}

export function ReportView({
  controller,
  onClose,
}: {
  controller: RunController;
  onClose: () => void;
}) {
  const result = useRunState(controller, selectResult);
  const latestKey = useRunState(controller, selectLatestKey);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    document.body.classList.add('report-open');
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      document.body.classList.remove('report-open');
      window.removeEventListener('keydown', onKey);
    };
  }, []);
  return createPortal(
    <div className="report-overlay" role="dialog" aria-modal="true" aria-label="Printable report">
      <div className="report-toolbar">
        <button type="button" onClick={() => window.print()} data-testid="report-print">
          Print or save as PDF
        </button>
        <button type="button" onClick={onClose} data-testid="report-close">
          Close report
        </button>
        <span className="hint">One page; your browser’s print dialog can save it as PDF.</span>
      </div>
      {result ? (
        <Report result={result} stale={result.key !== latestKey} />
      ) : (
        <p className="report-page">No results yet: the report needs a finished run.</p>
      )}
    </div>,
    document.body,
  );
}
