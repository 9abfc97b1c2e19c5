/**
 * Fit diagnostics as Observable Plot charts: won amounts against the fitted lognormal (log-spaced
 * histogram, expected counts of the fit as a line), and the sales cycle's Kaplan–Meier curve
 * against the closed-only curve and the scenario's lognormal.
 */
import * as Plot from '@observablehq/plot';
import { type Backtest, normalCdf, type SegmentFit } from '@sweetspot/calibration';
import { lognormalOfQuantiles } from '@sweetspot/scenario';
import { useCallback, useMemo } from 'react';
import { number, percent } from '../format.ts';
import { PlotChart } from '../ui/PlotChart.tsx';
import { CHART_STYLE, COLORS } from '../ui/palette.ts';
import { chartQuarters, type QuarterPoint, quarterPoints } from './backtest-view.ts';

/** Bars of the data and the fit's expected count per bin (log-spaced bins). */
export function dealSizeRows(fit: SegmentFit['dealSize']) {
  const { edges, counts } = fit.histogram;
  const cdf = (x: number) =>
    fit.sigma > 0 ? normalCdf((Math.log(x) - fit.mu) / fit.sigma) : x >= fit.median ? 1 : 0;
  return counts.map((count, i) => {
    const x0 = edges[i] as number;
    const x1 = edges[i + 1] as number;
    return {
      x0,
      x1,
      mid: Math.sqrt(x0 * x1),
      count,
      expected: fit.n * (cdf(x1) - cdf(x0)),
    };
  });
}

/** Log-axis ticks at 1, 2 and 5 × powers of ten inside [lo, hi] (at most about 8). */
export function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  if (!(lo > 0) || !(hi >= lo)) return ticks;
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** e;
      if (t >= lo && t <= hi) ticks.push(t);
    }
  return ticks.length > 8 ? ticks.filter((t) => String(t).startsWith('1')) : ticks;
}

function compact(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Math.abs(value) >= 1e6) return `${number(value / 1e6, 1)}M`;
  if (Math.abs(value) >= 1e3) {
    const k = value / 1e3;
    return `${number(k, Number.isInteger(k) || k >= 10 ? 0 : 1)}K`;
  }
  return number(value, value < 10 ? 1 : 0);
}

/** The frame of each fit chart (two side by side per segment). */
const FIT_FRAME = { height: 210, marginLeft: 48, marginBottom: 40, style: CHART_STYLE } as const;

export function DealSizeChart({ fit }: { fit: SegmentFit }) {
  const d = fit.dealSize;
  const build = useCallback(
    (width: number) => {
      const rows = dealSizeRows(d);
      const lo = rows[0]?.x0 ?? d.median;
      const hi = rows[rows.length - 1]?.x1 ?? d.median;
      return Plot.plot({
        width,
        ...FIT_FRAME,
        x: {
          type: 'log',
          domain: [lo, hi],
          label: 'Won amount (log scale) →',
          tickFormat: compact,
          ticks: logTicks(lo, hi),
        },
        y: { label: '↑ Won deals', grid: true },
        marks: [
          Plot.rectY(rows, {
            x1: 'x0',
            x2: 'x1',
            y: 'count',
            fill: COLORS.A,
            fillOpacity: 0.45,
            inset: 0.5,
          }),
          Plot.lineY(rows, {
            x: 'mid',
            y: 'expected',
            stroke: COLORS.B,
            strokeWidth: 2.5,
          }),
          Plot.ruleX([d.median], { stroke: COLORS.B, strokeDasharray: '5,4' }),
          Plot.ruleX([d.empiricalMedian], { stroke: COLORS.A, strokeDasharray: '2,3' }),
          Plot.ruleY([0]),
          Plot.tip(
            rows,
            Plot.pointerX({
              x: 'mid',
              y: 'count',
              title: (r: ReturnType<typeof dealSizeRows>[number]) =>
                `${compact(r.x0)}–${compact(r.x1)}\nwon deals: ${number(r.count)}\nfit expects: ${number(r.expected, 1)}`,
            }),
          ),
        ],
      });
    },
    [d],
  );
  return (
    <figure className="crm-chart" aria-labelledby={`crm-chart-size-${fit.id}`}>
      <figcaption id={`crm-chart-size-${fit.id}`}>
        <strong>Deal size</strong>: won amounts (bars) and the fitted lognormal (line); dashed:
        fitted median, dotted: observed median
      </figcaption>
      <PlotChart
        build={build}
        minHeight={210}
        label={`Histogram of ${number(d.n)} won amounts in ${fit.name} on a log scale, with the fitted lognormal's expected counts: fitted median ${compact(d.median)}, observed median ${compact(d.empiricalMedian)}, Kolmogorov–Smirnov distance ${number(d.ks, 3)}.`}
      />
    </figure>
  );
}

interface CurvePoint {
  key: string;
  weeks: number;
  open: number;
}

/** Survival curves: KM, closed deals only (from the histogram), and the scenario's lognormal. */
export function cycleCurves(fit: SegmentFit['cycle']): CurvePoint[] {
  const km: CurvePoint[] = [{ key: 'Kaplan–Meier', weeks: 0, open: 1 }];
  for (const p of fit.curve) km.push({ key: 'Kaplan–Meier', weeks: p.weeks, open: p.survival });
  const closed: CurvePoint[] = [];
  const { edges, counts } = fit.histogram;
  const n = counts.reduce((a, b) => a + b, 0);
  let done = 0;
  closed.push({ key: 'Closed deals only', weeks: Math.min(0, edges[0] ?? 0), open: 1 });
  counts.forEach((c, i) => {
    done += c;
    closed.push({ key: 'Closed deals only', weeks: edges[i + 1] as number, open: 1 - done / n });
  });
  const sigma = Math.max(0, lognormalOfQuantiles(fit).sigma);
  const maxWeeks = Math.max(fit.p90 * 1.3, ...km.map((p) => p.weeks), ...edges);
  const model: CurvePoint[] = [];
  for (let k = 0; k <= 80; k++) {
    const weeks = (maxWeeks * k) / 80;
    const open =
      weeks <= 0
        ? 1
        : sigma > 0
          ? 1 - normalCdf(Math.log(weeks / fit.median) / sigma)
          : weeks < fit.median
            ? 1
            : 0;
    model.push({ key: 'Scenario (lognormal)', weeks, open });
  }
  return [...km, ...closed, ...model];
}

const CURVE_COLORS = {
  domain: ['Kaplan–Meier', 'Closed deals only', 'Scenario (lognormal)'],
  range: [COLORS.A, COLORS.diff, COLORS.B],
};

export function CycleChart({ fit }: { fit: SegmentFit }) {
  const c = fit.cycle;
  const build = useCallback(
    (width: number) => {
      const points = cycleCurves(c);
      return Plot.plot({
        width,
        ...FIT_FRAME,
        x: { label: 'Weeks since created →', ticks: 6 },
        y: {
          label: '↑ Share still open',
          domain: [0, 1],
          tickFormat: (v: number) => percent(v),
          grid: true,
        },
        color: CURVE_COLORS,
        marks: [
          Plot.lineY(
            points.filter((p) => p.key === 'Kaplan–Meier'),
            { x: 'weeks', y: 'open', stroke: 'key', curve: 'step-after', strokeWidth: 2.5 },
          ),
          // Closed-only: from the duration histogram, so straight between bin edges.
          Plot.lineY(
            points.filter((p) => p.key === 'Closed deals only'),
            { x: 'weeks', y: 'open', stroke: 'key', strokeWidth: 2.5 },
          ),
          Plot.lineY(
            points.filter((p) => p.key === 'Scenario (lognormal)'),
            { x: 'weeks', y: 'open', stroke: 'key', strokeWidth: 2, strokeDasharray: '6,4' },
          ),
          Plot.ruleY([0.5], { stroke: '#999', strokeDasharray: '2,3' }),
          Plot.ruleY([0]),
        ],
      });
    },
    [c],
  );
  return (
    <figure className="crm-chart" aria-labelledby={`crm-chart-cycle-${fit.id}`}>
      <figcaption id={`crm-chart-cycle-${fit.id}`}>
        <strong>Sales cycle</strong>: share of deals still open after t weeks
      </figcaption>
      <Swatches colors={CURVE_COLORS} />
      <PlotChart
        build={build}
        minHeight={210}
        label={`Share of ${fit.name} deals still open by weeks since created: Kaplan–Meier median ${c.km.median === undefined ? 'not reached' : `${number(c.km.median, 1)} weeks`}, closed deals only ${number(c.naive.median, 1)} weeks; the scenario's lognormal has median ${number(c.median, 1)} and 90th percentile ${number(c.p90, 1)} weeks.`}
      />
    </figure>
  );
}

/** The series of a chart and their colours, as a key above it (the chart itself names them). */
function Swatches({ colors }: { colors: { domain: string[]; range: string[] } }) {
  return (
    <ul className="swatches crm-swatches" aria-hidden="true">
      {colors.domain.map((k, i) => (
        <li key={k}>
          <span className="swatch" style={{ background: colors.range[i] }} />
          {k}
        </li>
      ))}
    </ul>
  );
}

const REPLAY_COLORS = { domain: ['History', 'Replay'], range: [COLORS.A, COLORS.B] };

/** The quarter's end date, short ("Dec 2017"), for the axis. */
function quarterTick(label: string | undefined): string {
  const to = label?.split(' – ')[1];
  if (!to || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return label ?? '';
  const d = new Date(`${to}T00:00:00Z`);
  return d.toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

function QuarterPanel({
  points,
  labels,
  field,
  title,
  format,
}: {
  points: QuarterPoint[];
  labels: string[];
  field: 'won' | 'bookings';
  title: string;
  format(x: number): string;
}) {
  const build = useCallback(
    (width: number) => {
      const step = Math.max(1, Math.ceil(labels.length / Math.max(2, Math.floor(width / 90))));
      return Plot.plot({
        width,
        height: 200,
        marginLeft: 56,
        marginBottom: 36,
        style: CHART_STYLE,
        x: {
          label: 'Quarter ending →',
          domain: labels.map((_, i) => i),
          type: 'point',
          padding: 0.3,
          ticks: labels.map((_, i) => i).filter((i) => (labels.length - 1 - i) % step === 0),
          tickFormat: (i: number) => quarterTick(labels[i]),
        },
        y: { label: `↑ ${title}`, grid: true, tickFormat: format, zero: true, ticks: 4 },
        color: REPLAY_COLORS,
        marks: [
          Plot.lineY(points, { x: 'index', y: field, stroke: 'series', strokeWidth: 2.5 }),
          Plot.dot(points, { x: 'index', y: field, fill: 'series', r: 3.5 }),
          Plot.ruleY([0]),
          Plot.tip(
            points,
            Plot.pointerX({
              x: 'index',
              y: field,
              title: (p: QuarterPoint) => `${p.label}\n${p.series}: ${format(p[field])}`,
            }),
          ),
        ],
      });
    },
    [points, labels, field, title, format],
  );
  const hist = points.filter((p) => p.series === 'History').map((p) => p[field]);
  const rep = points.filter((p) => p.series === 'Replay').map((p) => p[field]);
  const mean = (xs: number[]) =>
    xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
  return (
    <PlotChart
      build={build}
      minHeight={200}
      label={`${title} per quarter, history vs replay, over ${labels.length} quarters: history averages ${format(mean(hist))}, the replay ${format(mean(rep))}.`}
    />
  );
}

/** History vs the as-is replay per quarter: won deals and bookings. */
export function BacktestQuarterChart({
  backtest,
  money,
}: {
  backtest: Backtest;
  money(x: number): string;
}) {
  const points = useMemo(() => quarterPoints(backtest), [backtest]);
  const labels = useMemo(() => chartQuarters(backtest).map((q) => q.label), [backtest]);
  const won = useCallback((x: number) => number(x, Number.isInteger(x) || x >= 10 ? 0 : 1), []);
  if (points.length === 0) return null;
  return (
    <figure className="crm-chart crm-backtest-chart" data-testid="crm-backtest-chart">
      <figcaption>
        <strong>Per quarter</strong>: your history and the replay of what the team did (the replay
        is a mean over {number(backtest.trials)} simulated histories)
      </figcaption>
      <Swatches colors={REPLAY_COLORS} />
      <div className="crm-charts">
        <QuarterPanel points={points} labels={labels} field="won" title="Won deals" format={won} />
        <QuarterPanel
          points={points}
          labels={labels}
          field="bookings"
          title="Bookings"
          format={money}
        />
      </div>
    </figure>
  );
}
