/**
 * Distribution charts: bookings of A and B overlaid, the paired difference A − B, and
 * individual reps' attainment. All are histograms drawn as steps (no smoothing).
 */
import * as Plot from '@observablehq/plot';
import { useCallback } from 'react';
import { money, percent, probability } from '../format.ts';
import { ChartFrame } from '../ui/ChartFrame.tsx';
import { PlotChart } from '../ui/PlotChart.tsx';
import { CHART_STYLE, COLORS } from '../ui/palette.ts';
import { binExtent, DIFF_BARS, ruleLabelX, sideStepPoints, stepMarks } from '../ui/plotMarks.ts';
import type { BinRow } from './derive.ts';

export interface SideNames {
  A: string;
  B: string;
}

/** "A · Focus on the sweet spot": unique even when two strategies share a name. */
export function sideKey(side: 'A' | 'B', names: SideNames): string {
  return `${side} · ${names[side]}`;
}

/** The frame every distribution chart shares, and its y axis: a share of trials or reps. */
const FRAME = { height: 280, marginLeft: 56, marginBottom: 44, style: CHART_STYLE } as const;
const shareAxis = (of: string) =>
  ({ label: `↑ Share of ${of}`, tickFormat: (d: number) => percent(d), grid: true }) as const;

function colorScale(names: SideNames) {
  return { domain: [sideKey('A', names), sideKey('B', names)], range: [COLORS.A, COLORS.B] };
}

/** An HTML legend for A and B (readable at projector size, unlike Plot's 10px swatches). */
export function SideLegend({ names }: { names: SideNames }) {
  return (
    <ul className="swatches" aria-label="Strategies">
      <li>
        <span className="swatch" style={{ background: COLORS.A }} aria-hidden="true" />A · {names.A}
      </li>
      <li>
        <span className="swatch" style={{ background: COLORS.B }} aria-hidden="true" />B · {names.B}
      </li>
    </ul>
  );
}

/** How an overlay of A and B is drawn: its x axis, what a share is of, the quota line and tip. */
interface OverlayChart {
  x: Plot.ScaleOptions;
  of: 'trials' | 'reps';
  quota: number;
  quotaText: string;
  /** A bin in words ("$100K – $120K"), for the tip. */
  binText: (bin: BinRow) => string;
}

/** A and B overlaid as step histograms, with the quota dashed and a tip per bin. */
function overlayPlot(width: number, rows: BinRow[], names: SideNames, chart: OverlayChart) {
  const keyed = rows.map((r) => ({ ...r, key: sideKey(r.side, names) }));
  const points = sideStepPoints(rows, (side) => sideKey(side, names));
  return Plot.plot({
    width,
    ...FRAME,
    x: chart.x,
    y: shareAxis(chart.of),
    color: colorScale(names),
    marks: [
      ...stepMarks(points, 2.5),
      Plot.ruleY([0]),
      Plot.ruleX([chart.quota], { stroke: COLORS.quota, strokeWidth: 1.5, strokeDasharray: '5,4' }),
      ruleLabelX(chart.quota, chart.quotaText, -2),
      Plot.tip(
        keyed,
        Plot.pointerX({
          x: 'mid',
          y: 'share',
          stroke: 'key',
          title: (d: (typeof keyed)[number]) =>
            `${d.key}\n${chart.binText(d)}\n${percent(d.share, 1)} of ${chart.of}`,
        }),
      ),
    ],
  });
}

/** What every distribution chart draws: histogram rows for a period. */
interface DistributionProps {
  rows: BinRow[];
  periodLabel: string;
}

interface BookingsProps extends DistributionProps {
  names: SideNames;
  currency: string;
  quota: number;
}

export function BookingsDistribution({ rows, names, currency, quota, periodLabel }: BookingsProps) {
  const build = useCallback(
    (width: number) =>
      overlayPlot(width, rows, names, {
        x: {
          label: `Bookings, ${periodLabel} (${currency}) →`,
          tickFormat: (d: number) => money(d, currency),
          domain: binExtent(rows, quota),
          ticks: Math.max(3, Math.floor(width / 110)),
        },
        of: 'trials',
        quota,
        quotaText: `Quota ${money(quota, currency)}`,
        binText: (d) => `${money(d.x0, currency)} – ${money(d.x1, currency)}`,
      }),
    [rows, names, currency, quota, periodLabel],
  );
  return (
    <ChartFrame
      id="chart-bookings"
      title={`Bookings: A and B (${periodLabel})`}
      note="How often each strategy books each amount over the simulated trials. Dashed line: team quota."
    >
      <SideLegend names={names} />
      <PlotChart
        build={build}
        label={`Distribution of bookings for ${names.A} and ${names.B}, ${periodLabel}`}
      />
    </ChartFrame>
  );
}

interface DiffProps extends DistributionProps {
  currency: string;
  median: number;
  pABeatsB: number;
}

export function DiffDistribution({ rows, currency, periodLabel, median, pABeatsB }: DiffProps) {
  const build = useCallback(
    (width: number) => {
      const positive = rows.map((r) => ({ ...r, better: r.mid >= 0 ? 'A ahead' : 'B ahead' }));
      return Plot.plot({
        width,
        ...FRAME,
        x: {
          label: `A − B bookings in the same trial, ${periodLabel} (${currency}) →`,
          tickFormat: (d: number) => money(d, currency, { signed: true }),
          domain: binExtent(rows, 0),
          ticks: Math.max(3, Math.floor(width / 110)),
        },
        y: shareAxis('trials'),
        marks: [
          Plot.rectY(positive, {
            ...DIFF_BARS,
            tip: true,
            title: (d: (typeof positive)[number]) =>
              `A − B from ${money(d.x0, currency, { signed: true })} to ${money(d.x1, currency, { signed: true })}\n${percent(d.share, 1)} of trials`,
          }),
          Plot.ruleY([0]),
          Plot.ruleX([0], { stroke: COLORS.ink, strokeWidth: 2 }),
          ruleLabelX(0, 'A = B', -2),
          Plot.ruleX([median], { stroke: COLORS.ink, strokeDasharray: '5,4' }),
        ],
      });
    },
    [rows, currency, periodLabel, median],
  );
  return (
    <ChartFrame
      id="chart-diff"
      title={`A − B, trial by trial (${periodLabel})`}
      note={
        <>
          Both strategies face the same deals in each trial. Right of zero: A booked more (
          {probability(pABeatsB)} of trials). Dashed: median difference{' '}
          {money(median, currency, { signed: true })}.
        </>
      }
    >
      <PlotChart
        build={build}
        label={`Distribution of the difference in bookings A minus B, ${periodLabel}`}
      />
    </ChartFrame>
  );
}

interface AttainmentProps extends DistributionProps {
  names: SideNames;
}

export function RepAttainment({ rows, names, periodLabel }: AttainmentProps) {
  const build = useCallback(
    (width: number) =>
      overlayPlot(width, rows, names, {
        x: {
          label: 'Attainment, % of quota (last bin: 300% or more) →',
          tickFormat: (d: number) => percent(d),
          domain: [0, 3.05],
          ticks: [0, 0.5, 1, 1.5, 2, 2.5, 3],
        },
        of: 'reps',
        quota: 1,
        quotaText: 'Quota',
        binText: (d) =>
          d.x0 >= 3 ? '300% or more' : `${percent(d.x0)} – ${percent(d.x1)} of quota`,
      }),
    [rows, names],
  );
  return (
    <ChartFrame
      id="chart-reps"
      title={`Individual reps' attainment (${periodLabel})`}
      note="Each rep's bookings as a share of their own quota, pooled over trials and reps."
    >
      <SideLegend names={names} />
      <PlotChart
        build={build}
        label={`Distribution of reps' attainment for ${names.A} and ${names.B}, ${periodLabel}`}
      />
    </ChartFrame>
  );
}
