/**
 * "How sure": run the main comparison to a precision target (P(A beats B) within ±1 point, or the
 * mean difference within ±1% of quota) instead of a fixed trial count, with a cap; the
 * convergence plot shows the running estimate and its 95% interval as batches arrive.
 */
import * as Plot from '@observablehq/plot';
import {
  type PrecisionResult,
  quotaOver,
  runToPrecision,
  type TracePoint,
} from '@sweetspot/decision';
import { useCallback, useState } from 'react';
import { money, percent } from '../format.ts';
import { PlotChart } from '../ui/PlotChart.tsx';
import { CHART_STYLE, COLORS } from '../ui/palette.ts';
import { RunControls, SelectControl } from './controls.tsx';
import {
  count,
  metricChoices,
  metricHalfWidth,
  metricTitle,
  metricValue,
  periodWords,
  trimmed,
} from './format.ts';
import { MeasureControls, useMeasure } from './measure.tsx';
import type { ChartOf, PanelProps } from './panel.ts';
import { blockedReason, metricSpec, usePanelAnalysis } from './panel.ts';

type PrecisionMetric = 'pABeatsB' | 'bookings' | 'margin';

interface Settings {
  metric: PrecisionMetric;
  quarter: number | undefined;
  /** ±points (P(A beats B)) or ±% of quota, as a fraction: 0.01. */
  halfWidth: number;
  maxTrials: number;
  batchTrials: number;
  /** Target half-width in the metric's unit (probability or money). */
  goal: number;
}

const CAPS = [10_000, 20_000, 50_000, 100_000, 200_000];
const TARGETS = [0.0025, 0.005, 0.01, 0.02];
const PRECISION_METRICS = metricChoices<PrecisionMetric>(['pABeatsB', 'bookings', 'margin']);
export const BATCH_TRIALS = 1000;

function targetWords(metric: PrecisionMetric, half: number): string {
  const value = trimmed(half * 100, 2);
  return metric === 'pABeatsB'
    ? `± ${value} point${half === 0.01 ? '' : 's'}`
    : `± ${value}% of quota`;
}

function ConvergenceChart({
  trace,
  of: { settings, currency, quarters },
}: {
  trace: TracePoint[];
  of: ChartOf<Settings>;
}) {
  const build = useCallback(
    (width: number) => {
      const fy = (v: number) =>
        settings.metric === 'pABeatsB' ? percent(v, 1) : money(v, currency, { signed: true });
      const last = trace[trace.length - 1];
      const bounded = (y: number) =>
        settings.metric === 'pABeatsB' ? Math.min(1, Math.max(0, y)) : y;
      const band = last
        ? [
            { y: bounded(last.estimate - settings.goal), key: 'lo' },
            { y: bounded(last.estimate + settings.goal), key: 'hi' },
          ]
        : [];
      const maxX = Math.max(settings.maxTrials, last?.trials ?? 0);
      return Plot.plot({
        width,
        height: 250,
        marginLeft: 64,
        marginRight: 20,
        marginTop: 20,
        marginBottom: 44,
        style: CHART_STYLE,
        x: {
          label: 'Trials run →',
          domain: [0, Math.min(maxX, Math.max(BATCH_TRIALS * 4, (last?.trials ?? 0) * 1.15))],
          tickFormat: (d: number) => count(d),
          ticks: Math.max(3, Math.floor(width / 120)),
        },
        y: {
          label: `↑ ${metricTitle(settings.metric)}, ${periodWords(settings.quarter, quarters)}`,
          tickFormat: fy,
          grid: true,
        },
        marks: [
          Plot.areaY(trace, {
            x: 'trials',
            y1: 'lo',
            y2: 'hi',
            fill: COLORS.A,
            fillOpacity: 0.18,
            curve: 'step-before',
          }),
          Plot.ruleY(band, {
            y: 'y',
            stroke: COLORS.ink,
            strokeDasharray: '5,4',
          }),
          Plot.ruleX(trace, {
            x: 'trials',
            y1: 'lo',
            y2: 'hi',
            stroke: COLORS.A,
            strokeWidth: 1.5,
          }),
          Plot.line(trace, { x: 'trials', y: 'estimate', stroke: COLORS.A, strokeWidth: 2.5 }),
          Plot.dot(trace, {
            x: 'trials',
            y: 'estimate',
            r: 3,
            fill: COLORS.A,
            tip: true,
            title: (d: TracePoint) =>
              `${count(d.trials)} trials\n${fy(d.estimate)} (95% CI ${fy(d.lo)} to ${fy(d.hi)})\nHalf-width ${metricHalfWidth(settings.metric, d.halfWidth, currency)}`,
          }),
        ],
      });
    },
    [trace, settings, currency, quarters],
  );
  const last = trace[trace.length - 1];
  return (
    <PlotChart
      build={build}
      minHeight={250}
      label={`Convergence: running estimate of ${metricTitle(settings.metric)} with its 95% interval against trials run${last ? `; after ${count(last.trials)} trials ${metricValue(settings.metric, last.estimate, currency)} ${metricHalfWidth(settings.metric, last.halfWidth, currency)}` : ''}`}
    />
  );
}

export function PrecisionPanel(
  props: PanelProps & {
    onUseTrials?: (trials: number) => void;
    /** The main run's own precision, in words (a precision-stopped run), to start from. */
    mainRun?: string | undefined;
  },
) {
  const { scenario, onUseTrials } = props;
  const measure = useMeasure(PRECISION_METRICS);
  const { metric, quarter } = measure;
  const [half, setHalf] = useState(0.01);
  const [cap, setCap] = useState(50_000);
  const analysis = usePanelAnalysis<PrecisionResult, TracePoint[], Settings>(props);
  const { state } = analysis;
  const currency = scenario?.currency ?? 'USD';
  const quarters = scenario?.horizon.quarters ?? 4;
  const blocked = blockedReason(props);

  const run = (settings: Settings) => {
    analysis.startOnRunner(settings, [], async (pool, base, { signal, onProgress, setPartial }) => {
      const result = await runToPrecision(
        pool,
        base,
        { ...metricSpec(settings), halfWidth: settings.halfWidth },
        {
          maxTrials: settings.maxTrials,
          batchTrials: settings.batchTrials,
          signal,
          onProgress,
          // The package's own trace point, drawn as each batch is merged.
          onTrace: (point) => setPartial((prev) => [...(prev ?? []), point]),
        },
      );
      // The merged trials are not kept: the panel shows the trace and what was achieved.
      return { ...result, chunk: { ...result.chunk, columns: new Float64Array(0) } };
    });
  };

  const settings = state.settings;
  const result = state.result;
  const trace = result?.trace ?? state.partial ?? [];
  const last = trace[trace.length - 1];
  const needed =
    result && !result.reached && settings
      ? Math.ceil(result.trials * (result.halfWidth / result.target) ** 2)
      : undefined;
  return (
    <section className="decision-section" aria-labelledby="precision-title" data-testid="precision">
      <h3 id="precision-title">How sure is the answer?</h3>
      {props.mainRun ? (
        <p className="chart-note" data-testid="precision-main">
          <strong>The main run:</strong> {props.mainRun}. Ask below for one figure more precisely.
        </p>
      ) : null}
      <p className="chart-note">
        Instead of a fixed number of trials, keep adding batches of {count(BATCH_TRIALS)} trials
        until the 95% interval is as narrow as you ask, or the cap is reached. Trials are seeded by
        their number, as in the main run: trial 1,234 is the same simulated world here and there.
      </p>
      <div className="decision-form">
        <MeasureControls id="precision" measure={measure} quarters={quarters} />
        <SelectControl
          id="precision-target"
          label="Precision (95%)"
          value={half}
          options={TARGETS.map((t) => ({ value: t, label: targetWords(metric, t) }))}
          onChange={setHalf}
        />
        <SelectControl
          id="precision-cap"
          label="At most"
          value={cap}
          options={CAPS.map((c) => ({ value: c, label: `${count(c)} trials` }))}
          onChange={setCap}
        />
      </div>
      <RunControls
        name="precision run"
        analysis={analysis}
        disabledReason={blocked}
        onRun={() => {
          if (!scenario) return;
          const goal =
            metric === 'pABeatsB' ? half : half * quotaOver(scenario, metricSpec(measure));
          run({
            metric,
            quarter,
            halfWidth: half,
            maxTrials: cap,
            batchTrials: BATCH_TRIALS,
            goal,
          });
        }}
        retry={run}
      />
      {settings && last ? (
        <div className="decision-result" data-testid="precision-result">
          <p className="decision-summary" data-testid="precision-message">
            {result ? (
              result.reached ? (
                <strong>
                  Reached {metricHalfWidth(settings.metric, result.halfWidth, currency)} after{' '}
                  {count(result.trials)} trials (target{' '}
                  {targetWords(settings.metric, settings.halfWidth)}).
                </strong>
              ) : (
                <strong>
                  Not reached: stopped at the cap of {count(result.trials)} trials with{' '}
                  {metricHalfWidth(settings.metric, result.halfWidth, currency)} (target{' '}
                  {targetWords(settings.metric, settings.halfWidth)})
                  {needed ? `; about ${count(needed)} trials would do` : ''}.
                </strong>
              )
            ) : (
              <>So far: </>
            )}{' '}
            {metricTitle(settings.metric)}, {periodWords(settings.quarter, quarters)}:{' '}
            {metricValue(settings.metric, last.estimate, currency)} (95% CI{' '}
            {metricValue(settings.metric, last.lo, currency)} to{' '}
            {metricValue(settings.metric, last.hi, currency)}) after {count(last.trials)} trials.
          </p>
          <ConvergenceChart trace={trace} of={{ settings, currency, quarters }} />
          <p className="hint">
            Line: the estimate after each batch; shaded: its 95% interval, which narrows like
            1/√trials; dashed: the target precision around the latest estimate. Stopping at the
            first batch that meets the target makes the interval very slightly optimistic.
          </p>
          {/* A main run that stops when precise (docs/model.md §17) needs no trial count from
              here; a fixed one may take the count this precision needed. */}
          {result?.reached &&
          onUseTrials &&
          scenario &&
          !scenario.precision &&
          result.trials !== scenario.trials ? (
            <button type="button" onClick={() => onUseTrials(result.trials)}>
              Use {count(result.trials)} trials for the main run (the precision asked for)
            </button>
          ) : null}
          {result && scenario?.precision ? (
            <p className="hint" data-testid="precision-main-run">
              The main run already stops when its headline is precise (Run settings: “Stop when the
              headline is precise”), so it needs no trial count from here.
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
