/**
 * "Why": the mean A − B difference of the selected period, split first among the rules that
 * differ between A and B (model §11, Shapley values over the intermediate strategies), then deal
 * by deal into the deals each bar counts (model §10), as a waterfall from 0 to the total. Drawn
 * from the displayed summary, so it refines as partial results arrive.
 */

import * as Plot from '@observablehq/plot';
import type { Attribution } from '@sweetspot/analysis';
import { RULE_GROUP_LABELS } from '@sweetspot/scenario';
import { useCallback, useMemo, useState } from 'react';
import { money, number } from '../format.ts';
import type { DisplayedResult } from '../run/controller.ts';
import { ChartFrame } from '../ui/ChartFrame.tsx';
import { PlotChart } from '../ui/PlotChart.tsx';
import { COLORS } from '../ui/palette.ts';
import { besideBars, rowChartFrame } from '../ui/plotMarks.ts';
import {
  periodLabel as labelOf,
  type Mechanisms,
  NO_MECHANISMS,
  type Period,
  quarterCount,
} from './derive.ts';
import type { SideNames } from './distributionCharts.tsx';
import './why.css';
import { TableHead } from '../ui/TableHead.tsx';
import { attributionOf } from './attribution.ts';
import {
  MECHANISMS,
  partsSum,
  shownWaterfall,
  type WaterfallRow,
  type WhyMetric,
  waterfallOf,
  waterfallRows,
  whyMetrics,
} from './waterfall.ts';

export const WATERFALL_COLORS = {
  up: COLORS.diff, // #009E73: in A's favour
  down: COLORS.B, // #D55E00: in B's favour
  total: '#4a5561',
} as const;

const METRIC_WORDS: Record<WhyMetric, string> = {
  bookings: 'bookings',
  margin: 'gross margin',
  contribution: 'contribution',
};

interface Props {
  /** The displayed result: its summary, and how many of its trials are in. */
  result: Pick<DisplayedResult, 'summary' | 'done' | 'total' | 'final'>;
  period: Period;
  names: SideNames;
  /** The optional mechanisms the pair plays (contribution view, prospected-deals bar). */
  mechanisms?: Mechanisms;
}

function WaterfallChart({
  rows,
  axis: { words, periodLabel, currency },
}: {
  rows: WaterfallRow[];
  /** What the axis and the description name: the metric in words, the period, the currency. */
  axis: { words: string; periodLabel: string; currency: string };
}) {
  const build = useCallback(
    (width: number) => {
      const labels = rows.map((r) => r.label);
      const xs = rows.flatMap((r) => [r.start, r.end]).concat(0);
      const lo = Math.min(...xs);
      const hi = Math.max(...xs);
      // All parts 0 (e.g. identical strategies): a small symmetric domain around 0.
      const span = hi - lo || Math.max(1, Math.abs(hi));
      const pad = span * 0.22;
      const links = rows.slice(0, -1).map((r, i) => ({
        x: r.end,
        from: r.label,
        to: (rows[i + 1] as WaterfallRow).label,
      }));
      const signed = (v: number) => money(v, currency, { signed: true });
      return Plot.plot({
        ...rowChartFrame(width, rows.length, [56, 36], [150, 250]),
        marginRight: 16,
        marginBottom: 44,
        x: {
          label: `Mean A − B ${words} per trial, ${periodLabel} (${currency}) →`,
          tickFormat: signed,
          domain: hi === lo ? [-span, span] : [lo - (lo < 0 ? pad : 0), hi + (hi > 0 ? pad : 0)],
          ticks: Math.max(3, Math.floor(width / 140)),
          grid: true,
        },
        y: { label: null, domain: labels, padding: 0.25 },
        color: {
          domain: ['up', 'down', 'total'],
          range: [WATERFALL_COLORS.up, WATERFALL_COLORS.down, WATERFALL_COLORS.total],
        },
        marks: [
          Plot.axisY({ lineWidth: 15, tickSize: 0 }),
          Plot.link(links, {
            x1: 'x',
            x2: 'x',
            y1: 'from',
            y2: 'to',
            stroke: COLORS.neutral,
            strokeDasharray: '3,3',
          }),
          Plot.barX(rows, {
            y: 'label',
            x1: 'start',
            x2: 'end',
            fill: 'kind',
            tip: true,
            title: (d: WaterfallRow) =>
              d.id === 'total'
                ? `A − B in all\n${signed(d.value)} per trial`
                : `${d.label}\n${signed(d.value)} per trial\nRunning total ${signed(d.end)}`,
          }),
          Plot.ruleX([0], { stroke: COLORS.ink, strokeWidth: 1.5 }),
          // Values beside the bars: right of a bar that goes up, left of one that goes down.
          ...besideBars(
            rows,
            (r) => r.value >= 0,
            5,
            (up) => ({
              y: 'label',
              x: (d: WaterfallRow) => (up ? Math.max(d.start, d.end) : Math.min(d.start, d.end)),
              text: (d: WaterfallRow) => signed(d.value),
              fontWeight: 600,
            }),
          ),
        ],
      });
    },
    [rows, currency, words, periodLabel],
  );
  return (
    <PlotChart
      build={build}
      label={`Waterfall of the mean difference in ${words} between A and B, ${periodLabel}: ${rows
        .map((r) => `${r.label} ${money(r.value, currency, { signed: true })}`)
        .join('; ')}`}
      minHeight={240}
    />
  );
}

/** The gap split among the rules that differ, with each share's 95% interval. */
function AttributionTable({
  attribution,
  currency,
  metric,
}: {
  attribution: Attribution;
  currency: string;
  metric: WhyMetric;
}) {
  const signed = (v: number) => money(v, currency, { signed: true });
  if (attribution.parts.length === 0) {
    return (
      <p className="hint" data-testid="why-same-rules">
        A and B follow the same rules, so they cannot differ.
      </p>
    );
  }
  return (
    <table className="results-table why-attribution" data-testid="why-attribution">
      <caption>
        The gap by rule that differs ({METRIC_WORDS[metric]}, mean per trial)
        {attribution.parts.length === 1
          ? ': only this rule differs, so it accounts for the whole gap.'
          : ": each rule's share is its average effect over every order in which B's rules could be switched to A's, played on the same simulated world (Shapley values). The shares add up to the gap."}
      </caption>
      <TableHead columns={['Rule', 'A', 'B', 'Share of A − B', '95% interval']} />
      <tbody>
        {attribution.parts.map((p) => (
          <tr
            key={p.group}
            data-testid="why-attribution-row"
            data-group={p.group}
            data-value={p.mean}
          >
            <th scope="row">{RULE_GROUP_LABELS[p.group] ?? p.label}</th>
            <td>{p.a}</td>
            <td>{p.b}</td>
            <td>
              <strong>{signed(p.mean)}</strong>
            </td>
            <td>
              {signed(p.ci95[0])} to {signed(p.ci95[1])}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WhyPanel({ result, period, names, mechanisms = NO_MECHANISMS }: Props) {
  const { summary, done, total, final } = result;
  const currency = summary.currency;
  const periodLabel = labelOf(period, quarterCount(summary));
  const [chosen, setMetric] = useState<WhyMetric>('bookings');
  const metrics = whyMetrics(mechanisms.pricesHours);
  // Contribution is offered only while hours are priced; otherwise it equals gross margin.
  const metric = metrics.includes(chosen) ? chosen : 'bookings';
  const full = waterfallOf(summary, period, metric);
  const waterfall = useMemo(
    () => (full ? shownWaterfall(full, mechanisms.prospects) : undefined),
    [full, mechanisms.prospects],
  );
  const attribution = attributionOf(summary, period, metric);
  const rows = useMemo(() => (waterfall ? waterfallRows(waterfall) : []), [waterfall]);
  const signed = (v: number) => money(v, currency, { signed: true });
  const exact = (v: number) => money(v, currency, { signed: true, compact: false });
  return (
    <ChartFrame
      id="chart-why"
      wide
      title={`Why A and B differ (${periodLabel})`}
      note={
        <>
          First, how much of the gap each rule that differs between A ({names.A}) and B ({names.B})
          accounts for. Then the gap deal by deal: every deal is followed under both strategies in
          the same simulated world and counted in one bar. Green bars favour A, vermillion bars
          favour B.
        </>
      }
    >
      <div className="why-panel" data-testid="why-panel" data-metric={metric}>
        <fieldset className="period-selector why-toggle">
          <legend>Difference in</legend>
          {metrics.map((m) => (
            <span key={m} className="period-option">
              <input
                type="radio"
                id={`why-metric-${m}`}
                name="why-metric"
                value={m}
                checked={metric === m}
                onChange={() => setMetric(m)}
              />
              <label htmlFor={`why-metric-${m}`}>
                {METRIC_WORDS[m].replace(/^./, (c) => c.toUpperCase())}
              </label>
            </span>
          ))}
        </fieldset>
        {waterfall ? (
          <>
            <p className="why-total">
              A − B, mean {METRIC_WORDS[metric]} per trial:{' '}
              <strong
                className="why-total-value"
                data-testid="why-total"
                data-value={waterfall.total}
              >
                {signed(waterfall.total)}
              </strong>
              {final ? null : (
                <span className="why-refining">
                  {' '}
                  (refining: {number(done)} of {number(total)} trials so far)
                </span>
              )}
            </p>
            {attribution ? (
              <AttributionTable attribution={attribution} currency={currency} metric={metric} />
            ) : null}
            <h4 className="why-subhead">The gap deal by deal</h4>
            <p className="chart-note">
              Each bar counts a kind of deal (for example, out-of-profile deals won by only one of
              the two); it does not say which rule caused it. When more than one rule differs, any
              of them can move any bar: the table above says how much each rule accounts for.
            </p>
            <WaterfallChart
              rows={rows}
              axis={{ words: METRIC_WORDS[metric], periodLabel, currency }}
            />
            <p className="chart-note">
              The bars add up exactly to the total: starting at 0, each bar moves the running sum by
              its deals' mean contribution per trial ({signed(partsSum(waterfall))} in all). Deals
              are counted at list price; discounts have a bar of their own.
            </p>
            <details className="decision-details">
              <summary>What each bar means</summary>
              <dl className="why-mechanisms">
                {waterfall.parts.map((part) => (
                  <div key={part.id}>
                    <dt>{part.label}</dt>
                    <dd>{MECHANISMS[part.id]?.explain ?? ''}</dd>
                  </div>
                ))}
              </dl>
              <p className="hint">
                The accounting is in the model documentation, docs/model.md §10 “Why the gap arises:
                the exact waterfall”: {METRIC_WORDS[metric]} of A − {METRIC_WORDS[metric]} of B =
                the mechanisms at list value − the difference in discounts given
                {metric === 'bookings' ? '' : ' − the difference in cost to serve'}
                {metric === 'contribution' ? ' − the difference in cost of sale' : ''}. Each part is
                rounded to whole currency units per trial, so the total can differ from the mean
                difference in the cards by a few units.
              </p>
            </details>
            <details className="decision-details">
              <summary>Show as a table</summary>
              <table className="results-table why-table">
                <caption className="visually-hidden">
                  Mean contribution of each mechanism to A − B {METRIC_WORDS[metric]}
                </caption>
                <TableHead columns={['Mechanism', 'A − B per trial', 'Running total']} />
                <tbody>
                  {rows.map((r) => (
                    <tr
                      key={r.id}
                      data-testid={r.id === 'total' ? 'why-row-total' : 'why-row'}
                      data-value={r.value}
                    >
                      <th scope="row">{r.label}</th>
                      <td>{exact(r.value)}</td>
                      <td>{exact(r.end)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        ) : (
          <p className="hint" data-testid="why-missing">
            This run's summary has no breakdown of the difference yet. It appears with the next run
            once the engine records each deal under both strategies.
          </p>
        )}
      </div>
    </ChartFrame>
  );
}
