/**
 * Strictness frontier: expected bookings, gross margin and P(hit quota) as a strategy pursues
 * more of the out-of-profile demand, from none (the sweet spot only) to all of it.
 */
import * as Plot from '@observablehq/plot';
import {
  FRONTIER_METRICS,
  type FrontierMetric,
  type FrontierPoint,
  type FrontierResult,
  frontier,
} from '@sweetspot/decision';
import { useCallback, useMemo, useState } from 'react';
import { money, percent } from '../format.ts';
import { PlotChart } from '../ui/PlotChart.tsx';
import { CHART_STYLE, COLORS } from '../ui/palette.ts';
import { RunControls, SelectControl, TrialsField, useTrialsText } from './controls.tsx';
import { count } from './format.ts';
import { blockedReason, type PanelProps, usePanelAnalysis } from './panel.ts';

/** The points handed over so far (each final), by their place on the frontier. */
interface LivePoints {
  points: Array<FrontierPoint | undefined>;
  /** Points in all. */
  total: number;
}

interface Settings {
  strategy: string;
  strategyName: string;
  steps: number;
  trials: number;
}

const STEP_CHOICES = [
  { value: 5, label: '5 (every 20%)' },
  { value: 10, label: '10 (every 10%)' },
];

const SHORT: Record<FrontierMetric, string> = {
  bookings: 'bookings',
  margin: 'gross margin',
  pHitQuota: 'P(hit quota)',
};

/** A measure's title: "Expected bookings", "P(team hits quota)". */
const title = (metric: FrontierMetric) =>
  metric === 'pHitQuota' ? 'P(team hits quota)' : `Expected ${SHORT[metric]}`;

export const FRONTIER_COLORS: Record<FrontierMetric, string> = {
  bookings: COLORS.A,
  margin: COLORS.diff,
  pHitQuota: '#CC79A7',
};

function MetricChart({
  metric,
  points,
  best,
  currency,
  periodWords,
}: {
  metric: FrontierMetric;
  points: FrontierPoint[];
  best: number;
  currency: string;
  periodWords: string;
}) {
  const build = useCallback(
    (width: number) => {
      const rows = points.map((p, i) => ({
        share: p.share,
        label: p.label,
        y: p[metric].estimate,
        lo: p[metric].lo,
        hi: p[metric].hi,
        best: i === best,
        near: p.nearBest?.[metric] ?? false,
      }));
      const fy = (v: number) => (metric === 'pHitQuota' ? percent(v) : money(v, currency));
      const top = rows[best];
      const color = FRONTIER_COLORS[metric];
      return Plot.plot({
        width,
        height: 230,
        marginLeft: 56,
        marginRight: 14,
        marginTop: 26,
        marginBottom: 44,
        style: CHART_STYLE,
        x: {
          label: 'Out-of-profile demand pursued →',
          domain: [0, 1],
          tickFormat: (d: number) => percent(d),
          ticks: width < 300 ? [0, 0.5, 1] : 5,
        },
        y: {
          label: `↑ ${metric === 'pHitQuota' ? 'Probability' : currency}`,
          tickFormat: fy,
          grid: true,
          nice: true,
          ...(metric === 'pHitQuota' ? { domain: [0, 1] } : {}),
        },
        marks: [
          Plot.areaY(rows, { x: 'share', y1: 'lo', y2: 'hi', fill: color, fillOpacity: 0.18 }),
          Plot.line(rows, { x: 'share', y: 'y', stroke: color, strokeWidth: 2.5 }),
          Plot.dot(rows, {
            x: 'share',
            y: 'y',
            r: 3.5,
            fill: color,
            stroke: 'white',
            tip: true,
            title: (d: (typeof rows)[number]) =>
              `${d.label}\n${title(metric)}: ${fy(d.y)}\n95% CI ${fy(d.lo)} to ${fy(d.hi)}${d.best ? '\nBest point' : d.near ? '\nNot distinguishable from the best' : ''}`,
          }),
          ...(top
            ? [
                Plot.dot([top], {
                  x: 'share',
                  y: 'y',
                  r: 8,
                  symbol: 'diamond',
                  fill: COLORS.ink,
                  stroke: 'white',
                  strokeWidth: 1.5,
                }),
                Plot.text([top], {
                  x: 'share',
                  y: 'y',
                  text: () => `Best: ${percent(top.share)}`,
                  dy: -14,
                  textAnchor: top.share > 0.7 ? 'end' : top.share < 0.3 ? 'start' : 'middle',
                  fontWeight: 700,
                  fill: COLORS.ink,
                  stroke: 'white',
                  strokeWidth: 3,
                }),
              ]
            : []),
        ],
      });
    },
    [metric, points, best, currency],
  );
  const top = points[best];
  return (
    <figure className="frontier-chart" aria-labelledby={`frontier-${metric}-title`}>
      <h4 id={`frontier-${metric}-title`}>
        {title(metric)}, {periodWords}
      </h4>
      <PlotChart
        build={build}
        minHeight={230}
        label={`${title(metric)} against the share of out-of-profile demand pursued; ${top ? `best at ${percent(top.share)}` : 'the best is marked when every point is in'}`}
      />
    </figure>
  );
}

/** One chart per measure, side by side; `best` marks each measure's best point once all are in. */
function MetricCharts({
  points,
  best,
  currency,
  periodWords,
}: {
  points: FrontierPoint[];
  best?: Record<FrontierMetric, number>;
  currency: string;
  periodWords: string;
}) {
  return (
    <div className="frontier-charts">
      {FRONTIER_METRICS.map((m) => (
        <MetricChart
          key={m}
          metric={m}
          points={points}
          best={best ? best[m] : -1}
          currency={currency}
          periodWords={periodWords}
        />
      ))}
    </div>
  );
}

export function FrontierPanel(props: PanelProps) {
  const { scenario } = props;
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [steps, setSteps] = useState(10);
  const trialsText = useTrialsText('2000', 'Enter the trials per run.');
  const { trials } = trialsText;
  const analysis = usePanelAnalysis<FrontierResult, LivePoints, Settings>(props);
  const { state } = analysis;
  const currency = scenario?.currency ?? 'USD';
  const strategies = scenario?.strategies ?? [];
  const strategy =
    chosen && strategies.some((s) => s.id === chosen) ? chosen : (scenario?.compare[0] ?? '');
  const outSegments = scenario?.segments.filter((s) => !s.sweetSpot) ?? [];
  const blocked = blockedReason(
    props,
    trialsText.problem ??
      (scenario && !scenario.segments.some((s) => s.sweetSpot)
        ? 'Mark a segment as the sweet spot: the frontier starts from it.'
        : scenario && outSegments.length === 0
          ? 'There is no out-of-profile segment to pursue.'
          : undefined),
  );
  const quarters = scenario?.horizon.quarters ?? 4;
  const horizonWords = quarters === 4 ? 'year' : `${quarters} quarters`;

  const run = (settings: Settings) => {
    const initial = { points: [], total: 0 };
    analysis.startOnRunner(settings, initial, (pool, base, { signal, onProgress, setPartial }) =>
      frontier(pool, base, {
        strategy: settings.strategy,
        steps: settings.steps,
        trials: settings.trials,
        signal,
        onProgress,
        onPoint: (point, index, progress) =>
          setPartial((prev) => {
            const points = [...(prev?.points ?? [])];
            points[index] = point;
            return { points, total: progress.points };
          }),
      }),
    );
  };

  const settings = state.settings;
  const result = state.result;
  // While running: the points measured so far, in order of share; the best is marked at the end.
  const partial = state.partial;
  const live = useMemo(
    () => partial?.points.filter((p): p is FrontierPoint => p !== undefined) ?? [],
    [partial],
  );
  return (
    <section className="decision-section" aria-labelledby="frontier-title" data-testid="frontier">
      <h3 id="frontier-title">How much out-of-profile demand to chase</h3>
      <p className="chart-note">
        The chosen strategy, with its priority and quarter-end push, pursues a growing share of the
        out-of-profile demand: from none (the sweet spot only) to all of it. A share means a random
        share of the arrivals, not the best ones. All points are played on the same simulated worlds
        where the scenario allows.
      </p>
      <div className="decision-form">
        <SelectControl
          id="frontier-strategy"
          label="Strategy"
          value={strategy}
          options={strategies.map((s) => ({
            value: s.id,
            label: `${s.id === scenario?.compare[0] ? 'A · ' : s.id === scenario?.compare[1] ? 'B · ' : ''}${s.name}`,
          }))}
          onChange={setChosen}
        />
        <SelectControl
          id="frontier-steps"
          label="Steps"
          value={steps}
          options={STEP_CHOICES}
          onChange={setSteps}
          disabled={outSegments.length > 1}
          describedBy={outSegments.length > 1 ? 'frontier-steps-note' : undefined}
        >
          {outSegments.length > 1 ? (
            <p id="frontier-steps-note" className="hint">
              Several out-of-profile segments: one step per segment.
            </p>
          ) : null}
        </SelectControl>
        <TrialsField id="frontier-trials" field={trialsText} />
      </div>
      <RunControls
        name="frontier"
        analysis={analysis}
        disabledReason={blocked}
        onRun={() =>
          trials !== undefined &&
          run({
            strategy,
            strategyName: strategies.find((s) => s.id === strategy)?.name ?? strategy,
            steps,
            trials,
          })
        }
        retry={run}
      />
      {!result && settings && live.length > 0 ? (
        <div className="decision-result" data-testid="frontier-partial">
          <p className="decision-summary">
            {settings.strategyName}: {live.length} of {partial?.total ?? live.length} points so far;
            the best of each measure is marked when every point is in.
          </p>
          <MetricCharts points={live} currency={currency} periodWords={horizonWords} />
        </div>
      ) : null}
      {result && settings ? (
        <div className="decision-result" data-testid="frontier-result">
          <p className="decision-summary">
            {settings.strategyName}, {count(result.trialsPerRun)} trials per point
            {result.runs > 1 ? ` (${result.runs} runs)` : ''}. Best:{' '}
            {FRONTIER_METRICS.map((m, i) => {
              const p = result.points[result.best[m]];
              return (
                <span key={m} data-testid={`frontier-best-${m}`}>
                  {i > 0 ? '; ' : ''}
                  {SHORT[m]} at <strong>{p ? percent(p.share) : '—'}</strong>
                </span>
              );
            })}
            .
          </p>
          <MetricCharts
            points={result.points}
            best={result.best}
            currency={currency}
            periodWords={horizonWords}
          />
          <p className="hint">
            Shaded: 95% intervals. ◆ the best point for each measure
            {result.design === 'shared-world'
              ? '; points whose paired difference from the best is within noise say so in their tooltip.'
              : '.'}
          </p>
          {result.notes.length > 0 ? (
            <ul className="hint">
              {result.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
