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
import type { BinRow } from './derive.ts';

interface StepPoint {
  key: string;
  x: number;
  y: number;
}

/** Histogram bins as points of a step-after line, closed at the last bin's right edge. */
export function stepPoints(rows: readonly BinRow[], key: string): StepPoint[] {
  const points = rows.map((r) => ({ key, x: r.x0, y: r.share }));
  const last = rows[rows.length - 1];
  if (last) points.push({ key, x: last.x1, y: last.share });
  return points;
}

export interface SideNames {
  A: string;
  B: string;
}

/** "A · Focus on the sweet spot": unique even when two strategies share a name. */
export function sideKey(side: 'A' | 'B', names: SideNames): string {
  return `${side} · ${names[side]}`;
}

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

interface BookingsProps {
  rows: BinRow[];
  names: SideNames;
  currency: string;
  quota: number;
  periodLabel: string;
}

export function BookingsDistribution({ rows, names, currency, quota, periodLabel }: BookingsProps) {
  const build = useCallback(
    (width: number) => {
      const keyed = rows.map((r) => ({ ...r, key: sideKey(r.side, names) }));
      const points = (['A', 'B'] as const).flatMap((side) =>
        stepPoints(
          rows.filter((r) => r.side === side),
          sideKey(side, names),
        ),
      );
      const xs = rows.flatMap((r) => [r.x0, r.x1]).concat(quota);
      return Plot.plot({
        width,
        height: 280,
        marginLeft: 56,
        marginBottom: 44,
        style: CHART_STYLE,
        x: {
          label: `Bookings, ${periodLabel} (${currency}) →`,
          tickFormat: (d: number) => money(d, currency),
          domain: [Math.min(...xs), Math.max(...xs)],
          ticks: Math.max(3, Math.floor(width / 110)),
        },
        y: { label: '↑ Share of trials', tickFormat: (d: number) => percent(d), grid: true },
        color: colorScale(names),
        marks: [
          Plot.areaY(points, {
            x: 'x',
            y: 'y',
            fill: 'key',
            fillOpacity: 0.16,
            curve: 'step-after',
          }),
          Plot.lineY(points, {
            x: 'x',
            y: 'y',
            stroke: 'key',
            strokeWidth: 2.5,
            curve: 'step-after',
          }),
          Plot.ruleY([0]),
          Plot.ruleX([quota], { stroke: COLORS.quota, strokeWidth: 1.5, strokeDasharray: '5,4' }),
          Plot.text([quota], {
            x: (d: number) => d,
            frameAnchor: 'top',
            dy: -2,
            dx: 4,
            textAnchor: 'start',
            text: () => `Quota ${money(quota, currency)}`,
            fontWeight: 600,
            stroke: 'white',
            strokeWidth: 4,
            fill: COLORS.ink,
          }),
          Plot.tip(
            keyed,
            Plot.pointerX({
              x: 'mid',
              y: 'share',
              stroke: 'key',
              title: (d: (typeof keyed)[number]) =>
                `${d.key}\n${money(d.x0, currency)} – ${money(d.x1, currency)}\n${percent(d.share, 1)} of trials`,
            }),
          ),
        ],
      });
    },
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

interface DiffProps {
  rows: BinRow[];
  currency: string;
  periodLabel: string;
  median: number;
  pABeatsB: number;
}

export function DiffDistribution({ rows, currency, periodLabel, median, pABeatsB }: DiffProps) {
  const build = useCallback(
    (width: number) => {
      const xs = rows.flatMap((r) => [r.x0, r.x1]).concat(0);
      const positive = rows.map((r) => ({ ...r, better: r.mid >= 0 ? 'A ahead' : 'B ahead' }));
      return Plot.plot({
        width,
        height: 280,
        marginLeft: 56,
        marginBottom: 44,
        style: CHART_STYLE,
        x: {
          label: `A − B bookings in the same trial, ${periodLabel} (${currency}) →`,
          tickFormat: (d: number) => money(d, currency, { signed: true }),
          domain: [Math.min(...xs), Math.max(...xs)],
          ticks: Math.max(3, Math.floor(width / 110)),
        },
        y: { label: '↑ Share of trials', tickFormat: (d: number) => percent(d), grid: true },
        marks: [
          Plot.rectY(positive, {
            x1: 'x0',
            x2: 'x1',
            y: 'share',
            fill: COLORS.diff,
            fillOpacity: 0.85,
            insetLeft: 0.5,
            insetRight: 0.5,
            tip: true,
            title: (d: (typeof positive)[number]) =>
              `A − B from ${money(d.x0, currency, { signed: true })} to ${money(d.x1, currency, { signed: true })}\n${percent(d.share, 1)} of trials`,
          }),
          Plot.ruleY([0]),
          Plot.ruleX([0], { stroke: COLORS.ink, strokeWidth: 2 }),
          Plot.text([0], {
            x: () => 0,
            frameAnchor: 'top',
            dy: -2,
            dx: 4,
            textAnchor: 'start',
            text: () => 'A = B',
            fontWeight: 600,
            stroke: 'white',
            strokeWidth: 4,
            fill: COLORS.ink,
          }),
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

interface AttainmentProps {
  rows: BinRow[];
  names: SideNames;
  periodLabel: string;
}

export function RepAttainment({ rows, names, periodLabel }: AttainmentProps) {
  const build = useCallback(
    (width: number) => {
      const keyed = rows.map((r) => ({ ...r, key: sideKey(r.side, names) }));
      const points = (['A', 'B'] as const).flatMap((side) =>
        stepPoints(
          rows.filter((r) => r.side === side),
          sideKey(side, names),
        ),
      );
      return Plot.plot({
        width,
        height: 280,
        marginLeft: 56,
        marginBottom: 44,
        style: CHART_STYLE,
        x: {
          label: 'Attainment, % of quota (last bin: 300% or more) →',
          tickFormat: (d: number) => percent(d),
          domain: [0, 3.05],
          ticks: [0, 0.5, 1, 1.5, 2, 2.5, 3],
        },
        y: { label: '↑ Share of reps', tickFormat: (d: number) => percent(d), grid: true },
        color: colorScale(names),
        marks: [
          Plot.areaY(points, {
            x: 'x',
            y: 'y',
            fill: 'key',
            fillOpacity: 0.16,
            curve: 'step-after',
          }),
          Plot.lineY(points, {
            x: 'x',
            y: 'y',
            stroke: 'key',
            strokeWidth: 2.5,
            curve: 'step-after',
          }),
          Plot.ruleY([0]),
          Plot.ruleX([1], { stroke: COLORS.quota, strokeWidth: 1.5, strokeDasharray: '5,4' }),
          Plot.text([1], {
            x: () => 1,
            frameAnchor: 'top',
            dy: -2,
            dx: 4,
            textAnchor: 'start',
            text: () => 'Quota',
            fontWeight: 600,
            stroke: 'white',
            strokeWidth: 4,
            fill: COLORS.ink,
          }),
          Plot.tip(
            keyed,
            Plot.pointerX({
              x: 'mid',
              y: 'share',
              stroke: 'key',
              title: (d: (typeof keyed)[number]) =>
                `${d.key}\n${d.x0 >= 3 ? '300% or more' : `${percent(d.x0)} – ${percent(d.x1)} of quota`}\n${percent(d.share, 1)} of reps`,
            }),
          ),
        ],
      });
    },
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
