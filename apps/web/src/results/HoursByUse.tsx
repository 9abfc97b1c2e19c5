/** Where the team's selling hours went, by segment and use, one stacked-bar chart per strategy. */
import * as Plot from '@observablehq/plot';
import { useCallback } from 'react';
import { hours, percent } from '../format.ts';
import { ChartFrame } from '../ui/ChartFrame.tsx';
import { PlotChart } from '../ui/PlotChart.tsx';
import { CHART_STYLE, COLORS, USE_COLORS } from '../ui/palette.ts';
import { SideHeading } from '../ui/SideBadge.tsx';
import { HOUR_USES, type HoursRow, type HourUse, type Side } from './derive.ts';
import type { SideNames } from './distributionCharts.tsx';

const USE_LABELS: Record<string, string> = {
  won: 'Won',
  lost: 'Lost',
  stalled: 'Stalled',
  qualification: 'Qualification',
  overhead: 'Overhead',
  prospecting: 'Prospecting',
  idle: 'Idle',
};

const DEFAULT_USES: readonly HourUse[] = HOUR_USES.filter((u) => u !== 'prospecting');

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function SideBars({
  side,
  rows,
  name,
  maxHours,
  periodLabel,
  uses,
}: {
  side: Side;
  rows: HoursRow[];
  name: string;
  maxHours: number;
  periodLabel: string;
  uses: readonly HourUse[];
}) {
  const build = useCallback(
    (width: number) => {
      const segments = [...new Set(rows.map((r) => r.segment))];
      return Plot.plot({
        width,
        height: 40 + segments.length * 34,
        marginLeft: 170,
        marginRight: 16,
        marginBottom: 40,
        style: CHART_STYLE,
        x: {
          label: `Hours, ${periodLabel} (team, mean per trial) →`,
          domain: [0, maxHours],
          grid: true,
        },
        y: { label: null, domain: segments, tickFormat: (d: string) => truncate(d, 22) },
        color: {
          domain: [...uses],
          range: uses.map((u) => USE_COLORS[u] ?? COLORS.neutral),
        },
        marks: [
          Plot.barX(rows, {
            y: 'segment',
            x: 'hours',
            fill: 'use',
            order: [...uses],
            inset: 0.5,
            tip: true,
            title: (d: HoursRow) =>
              `${d.segment}: ${USE_LABELS[d.use]}\n${hours(d.hours)} (${percent(d.share, 1)} of capacity)`,
          }),
          Plot.ruleX([0]),
        ],
      });
    },
    [rows, maxHours, periodLabel, uses],
  );
  return (
    <div className="hours-side">
      <SideHeading side={side} name={name} />
      <PlotChart
        build={build}
        label={`Hours by segment and use for ${name}, ${periodLabel}`}
        minHeight={120}
      />
    </div>
  );
}

export function HoursByUse({
  rows,
  names,
  periodLabel,
  uses = DEFAULT_USES,
}: {
  rows: HoursRow[];
  names: SideNames;
  periodLabel: string;
  /** The uses shown, in stacking order (prospecting only when A or B prospects). */
  uses?: readonly HourUse[];
}) {
  const totals = new Map<string, number>();
  for (const r of rows)
    totals.set(`${r.side}|${r.segment}`, (totals.get(`${r.side}|${r.segment}`) ?? 0) + r.hours);
  const maxHours = Math.max(1, ...totals.values());
  const wasted = (side: Side) =>
    rows
      .filter((r) => r.side === side && (r.use === 'lost' || r.use === 'stalled'))
      .reduce((s, r) => s + r.share, 0);
  return (
    <ChartFrame
      id="chart-hours"
      wide
      title={`Where the hours went (${periodLabel})`}
      note={`Share of selling hours spent on deals that were lost or stalled: A ${percent(wasted('A'))}, B ${percent(wasted('B'))}.`}
    >
      <ul className="swatches" aria-label="Hour uses">
        {uses.map((u) => (
          <li key={u}>
            <span className="swatch" style={{ background: USE_COLORS[u] }} aria-hidden="true" />
            {USE_LABELS[u]}
          </li>
        ))}
      </ul>
      {(['A', 'B'] as const).map((side) => (
        <SideBars
          key={side}
          side={side}
          name={names[side]}
          rows={rows.filter((r) => r.side === side)}
          maxHours={maxHours}
          periodLabel={periodLabel}
          uses={uses}
        />
      ))}
    </ChartFrame>
  );
}
