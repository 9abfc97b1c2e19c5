/**
 * The report's charts: compact versions of the results' main figures, drawn at a fixed width
 * for a printed page (the on-screen charts draw lazily, only when scrolled into view).
 */
import * as Plot from '@observablehq/plot';
import { money, percent } from '../format.ts';
import type { BinRow, FanRow } from '../results/derive.ts';
import { CHART_STYLE, COLORS } from '../ui/palette.ts';
import {
  binExtent,
  DIFF_BARS,
  quarterAxis,
  ruleLabelX,
  sideStepPoints,
  stepMarks,
} from '../ui/plotMarks.ts';

const STYLE = { ...CHART_STYLE, fontSize: '12px' };
/** The frame both distribution figures share, and their y axis. */
const FRAME = { height: 172, marginLeft: 48, marginBottom: 38, style: STYLE } as const;
const SHARE_AXIS = {
  label: '↑ Share of trials',
  tickFormat: (d: number) => percent(d),
  grid: true,
} as const;

export function bookingsFigure(
  rows: readonly BinRow[],
  currency: string,
  quota: number,
  label: string,
  width: number,
): SVGSVGElement | HTMLElement {
  const points = sideStepPoints(rows, (side) => side);
  return Plot.plot({
    width,
    ...FRAME,
    x: {
      label: `Bookings, ${label} →`,
      tickFormat: (d: number) => money(d, currency),
      domain: binExtent(rows, quota),
      ticks: 4,
    },
    y: SHARE_AXIS,
    color: { domain: ['A', 'B'], range: [COLORS.A, COLORS.B] },
    marks: [
      ...stepMarks(points, 2),
      Plot.ruleY([0]),
      Plot.ruleX([quota], { stroke: COLORS.quota, strokeDasharray: '5,4' }),
      ruleLabelX(quota, 'Quota'),
    ],
  });
}

export function diffFigure(
  rows: readonly BinRow[],
  currency: string,
  median: number,
  label: string,
  width: number,
): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width,
    ...FRAME,
    x: {
      label: `A − B bookings, same trial, ${label} →`,
      tickFormat: (d: number) => money(d, currency, { signed: true }),
      domain: binExtent(rows, 0),
      ticks: 4,
    },
    y: SHARE_AXIS,
    marks: [
      Plot.rectY(rows, DIFF_BARS),
      Plot.ruleY([0]),
      Plot.ruleX([0], { stroke: COLORS.ink, strokeWidth: 2 }),
      Plot.ruleX([median], { stroke: COLORS.ink, strokeDasharray: '5,4' }),
    ],
  });
}

export function fanFigure(
  rows: readonly FanRow[],
  currency: string,
  quota: number,
  width: number,
): SVGSVGElement | HTMLElement {
  const quarters = Math.max(1, ...rows.map((r) => r.quarter));
  const hi = Math.max(quota, ...rows.map((r) => r.p90)) * 1.05;
  const lo = Math.min(0, ...rows.map((r) => r.p10));
  // A and B side by side at each quarter (offset), so the bands do not hide each other.
  const shifted = rows.map((r) => ({ ...r, x: r.quarter + (r.side === 'A' ? -0.12 : 0.12) }));
  return Plot.plot({
    width,
    // Shorter than the distributions, so that the report (with the what-differs lines) stays one page.
    height: 140,
    marginLeft: 56,
    marginBottom: 34,
    style: STYLE,
    x: quarterAxis(quarters, 0.4),
    y: {
      label: '↑ Bookings per quarter',
      domain: [lo, hi],
      grid: true,
      tickFormat: (d: number) => money(d, currency),
    },
    color: { domain: ['A', 'B'], range: [COLORS.A, COLORS.B] },
    marks: [
      Plot.ruleX(shifted, { x: 'x', y1: 'p10', y2: 'p90', stroke: 'side', strokeOpacity: 0.5 }),
      Plot.ruleX(shifted, {
        x: 'x',
        y1: 'p25',
        y2: 'p75',
        stroke: 'side',
        strokeWidth: 7,
        strokeOpacity: 0.45,
      }),
      Plot.dot(shifted, { x: 'x', y: 'p50', fill: 'side', r: 3.5 }),
      Plot.ruleY([quota], { stroke: COLORS.quota, strokeDasharray: '5,4' }),
    ],
  });
}
