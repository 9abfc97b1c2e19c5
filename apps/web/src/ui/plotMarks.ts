/** Plot marks several charts draw alike: labels on a white halo, histograms as steps. */
import * as Plot from '@observablehq/plot';
import { CHART_STYLE, COLORS } from './palette.ts';

/**
 * The frame of a chart with one labelled row per item (tornado bars, waterfall steps): `height`
 * is [fixed, per row]; the row labels take 30% of the width, kept within `labels` [min, max].
 */
export function rowChartFrame(
  width: number,
  rows: number,
  height: readonly [number, number],
  labels: readonly [number, number],
) {
  return {
    width,
    height: height[0] + rows * height[1],
    marginLeft: Math.min(labels[1], Math.max(labels[0], Math.floor(width * 0.3))),
    style: CHART_STYLE,
  };
}

/**
 * Labels beside horizontal bars, `gap` px from the bar's end: right of the bars `toRight` picks,
 * left of the others. `options(right)` gives the rest of each side's text options.
 */
export function besideBars<T>(
  rows: readonly T[],
  toRight: (row: T) => boolean,
  gap: number,
  options: (right: boolean) => Plot.TextOptions,
): Plot.Text[] {
  return [true, false].map((right) =>
    Plot.text(
      rows.filter((row) => toRight(row) === right),
      {
        textAnchor: right ? 'start' : 'end',
        dx: right ? gap : -gap,
        fill: COLORS.ink,
        stroke: 'white',
        strokeWidth: 3,
        ...options(right),
      },
    ),
  );
}

/** Bold ink text on a white halo, so a label stays readable over bars, bands and lines. */
export const HALO_TEXT = {
  fontWeight: 600,
  stroke: 'white',
  strokeWidth: 4,
  fill: COLORS.ink,
} as const;

/** A label at the top of the frame, just right of a vertical rule at `x` (quota, A = B). */
export function ruleLabelX(x: number, text: string, dy?: number): Plot.Text {
  return Plot.text([x], {
    x: (d: number) => d,
    frameAnchor: 'top',
    ...(dy === undefined ? {} : { dy }),
    dx: 4,
    textAnchor: 'start',
    text: () => text,
    ...HALO_TEXT,
  });
}

/** Bins of a paired difference (A − B) drawn as bars, each from its left to its right edge. */
export const DIFF_BARS = {
  x1: 'x0',
  x2: 'x1',
  y: 'share',
  fill: COLORS.diff,
  fillOpacity: 0.85,
  insetLeft: 0.5,
  insetRight: 0.5,
} as const;

/** An x axis of quarters (Q1, Q2, …) with `pad` of room on each side of the first and last. */
export function quarterAxis(quarters: number, pad: number) {
  return {
    label: 'Quarter →',
    domain: [1 - pad, quarters + pad],
    ticks: Array.from({ length: quarters }, (_, i) => i + 1),
    tickFormat: (d: number) => `Q${d}`,
  };
}

/** One point of a step-after line; `key` names the series (its colour). */
export interface StepPoint {
  key: string;
  x: number;
  y: number;
}

/** A histogram bin: its edges and the share of the whole it holds. */
export interface ShareBin {
  x0: number;
  x1: number;
  share: number;
}

/** Histogram bins as points of a step-after line, closed at the last bin's right edge. */
export function stepPoints(rows: readonly ShareBin[], key: string): StepPoint[] {
  const points = rows.map((r) => ({ key, x: r.x0, y: r.share }));
  const last = rows[rows.length - 1];
  if (last) points.push({ key, x: last.x1, y: last.share });
  return points;
}

/** The step points of A's bins then B's, each series keyed by `keyOf(side)`. */
export function sideStepPoints(
  rows: readonly (ShareBin & { side: 'A' | 'B' })[],
  keyOf: (side: 'A' | 'B') => string,
): StepPoint[] {
  return (['A', 'B'] as const).flatMap((side) =>
    stepPoints(
      rows.filter((r) => r.side === side),
      keyOf(side),
    ),
  );
}

/** Step histograms, one per key: a light fill under a line of `strokeWidth`. */
export function stepMarks(points: readonly StepPoint[], strokeWidth: number): Plot.Markish[] {
  return [
    Plot.areaY(points, { x: 'x', y: 'y', fill: 'key', fillOpacity: 0.16, curve: 'step-after' }),
    Plot.lineY(points, { x: 'x', y: 'y', stroke: 'key', strokeWidth, curve: 'step-after' }),
  ];
}

/** The smallest and largest bin edges, with `extra` (a quota, zero) always inside. */
export function binExtent(rows: readonly ShareBin[], extra: number): [number, number] {
  const xs = rows.flatMap((r) => [r.x0, r.x1]).concat(extra);
  return [Math.min(...xs), Math.max(...xs)];
}
