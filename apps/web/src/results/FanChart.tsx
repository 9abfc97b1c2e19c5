/** Quarterly bookings over the horizon: median with P25–P75 and P10–P90 bands, per strategy. */
import * as Plot from '@observablehq/plot';
import { useCallback, useMemo } from 'react';
import { money } from '../format.ts';
import { ChartFrame } from '../ui/ChartFrame.tsx';
import { PlotChart } from '../ui/PlotChart.tsx';
import { CHART_STYLE, COLORS } from '../ui/palette.ts';
import { HALO_TEXT, quarterAxis } from '../ui/plotMarks.ts';
import { SideHeading } from '../ui/SideBadge.tsx';
import type { FanRow, Side } from './derive.ts';
import type { SideNames } from './distributionCharts.tsx';

interface SideProps {
  side: Side;
  name: string;
  rows: FanRow[];
  currency: string;
  quota: number;
  yDomain: [number, number];
}

function SideFan({ side, name, rows, currency, quota, yDomain }: SideProps) {
  const color = side === 'A' ? COLORS.A : COLORS.B;
  const build = useCallback(
    (width: number) => {
      const quarters = Math.max(1, ...rows.map((r) => r.quarter));
      return Plot.plot({
        width,
        height: 260,
        marginLeft: 64,
        marginTop: 24,
        marginBottom: 40,
        style: CHART_STYLE,
        x: quarterAxis(quarters, 0.3),
        y: {
          label: `↑ Bookings per quarter (${currency})`,
          tickFormat: (d: number) => money(d, currency),
          domain: yDomain,
          grid: true,
        },
        marks: [
          Plot.areaY(rows, { x: 'quarter', y1: 'p10', y2: 'p90', fill: color, fillOpacity: 0.14 }),
          Plot.areaY(rows, { x: 'quarter', y1: 'p25', y2: 'p75', fill: color, fillOpacity: 0.3 }),
          // Whiskers, so that a one-quarter horizon still shows its bands.
          Plot.ruleX(rows, {
            x: 'quarter',
            y1: 'p10',
            y2: 'p90',
            stroke: color,
            strokeOpacity: 0.6,
          }),
          Plot.ruleX(rows, {
            x: 'quarter',
            y1: 'p25',
            y2: 'p75',
            stroke: color,
            strokeWidth: 6,
            strokeOpacity: 0.45,
          }),
          Plot.lineY(rows, { x: 'quarter', y: 'p50', stroke: color, strokeWidth: 2.5 }),
          Plot.dot(rows, { x: 'quarter', y: 'p50', fill: color, r: 4 }),
          Plot.ruleY([quota], { stroke: COLORS.quota, strokeDasharray: '5,4', strokeWidth: 1.5 }),
          Plot.text([quota], {
            y: (d: number) => d,
            frameAnchor: 'right',
            dy: -8,
            text: () => 'Quota',
            ...HALO_TEXT,
          }),
          Plot.tip(
            rows,
            Plot.pointerX({
              x: 'quarter',
              y: 'p50',
              title: (d: FanRow) =>
                `${side} · ${name}, Q${d.quarter}\nMedian ${money(d.p50, currency)}\nP25–P75 ${money(d.p25, currency)} – ${money(d.p75, currency)}\nP10–P90 ${money(d.p10, currency)} – ${money(d.p90, currency)}`,
            }),
          ),
        ],
      });
    },
    [rows, currency, quota, yDomain, color, side, name],
  );
  return (
    <div className="fan-side">
      <SideHeading side={side} name={name} />
      <PlotChart
        build={build}
        label={`Quarterly bookings of ${name}: median with P25–P75 and P10–P90 bands`}
        minHeight={260}
      />
    </div>
  );
}

interface Props {
  rows: FanRow[];
  names: SideNames;
  currency: string;
  quota: number;
}

export function FanChart({ rows, names, currency, quota }: Props) {
  const bySide = useMemo(
    () => ({ A: rows.filter((r) => r.side === 'A'), B: rows.filter((r) => r.side === 'B') }),
    [rows],
  );
  const lo = Math.min(0, ...rows.map((r) => r.p10));
  const hi = Math.max(quota, ...rows.map((r) => r.p90));
  // A shared scale, so that the two panels compare at a glance.
  const yDomain = useMemo<[number, number]>(() => [lo, hi * 1.05], [lo, hi]);
  return (
    <ChartFrame
      id="chart-fan"
      wide
      title="Quarter by quarter"
      note={`Line: median bookings. Dark band: middle half of trials (P25–P75); light band: P10–P90. Dashed: team quota (${money(quota, currency)}).`}
    >
      <div className="fan-pair">
        {(['A', 'B'] as const).map((side) => (
          <SideFan
            key={side}
            side={side}
            name={names[side]}
            rows={bySide[side]}
            currency={currency}
            quota={quota}
            yDomain={yDomain}
          />
        ))}
      </div>
    </ChartFrame>
  );
}
