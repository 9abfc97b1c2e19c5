/**
 * Tornado: every input lowered and raised by a swing, one at a time, with the same seed; the bars
 * show how far the comparison moves, ranked. Bars are drawn as their runs finish.
 */
import * as Plot from '@observablehq/plot';
import {
  defaultTornadoPrecision,
  type Estimate,
  type Metric,
  type ParamRule,
  planTornado,
  type TornadoBar,
  type TornadoResult,
  type TornadoSide,
  tornado,
} from '@sweetspot/decision';
import { useCallback, useMemo, useState } from 'react';
import { percent } from '../format.ts';
import { PlotChart } from '../ui/PlotChart.tsx';
import { COLORS } from '../ui/palette.ts';
import { besideBars, rowChartFrame } from '../ui/plotMarks.ts';
import { TableHead } from '../ui/TableHead.tsx';
import { RunControls, SelectControl, TrialsField, useTrialsText } from './controls.tsx';
import {
  count,
  METRIC_NAMES,
  metricChoices,
  metricHalfWidth,
  metricTitle,
  metricValue,
  paramValue,
  periodWords,
  plainLabel,
} from './format.ts';
import { MeasureControls, useMeasure } from './measure.tsx';
import type { ChartOf, PanelProps } from './panel.ts';
import { blockedReason, metricSpec, unlessThrows, usePanelAnalysis } from './panel.ts';

type TornadoMetric = Extract<Metric, 'bookings' | 'margin' | 'pABeatsB'>;

interface Settings {
  metric: TornadoMetric;
  quarter: number | undefined;
  swing: number;
  /** Trials per run, or 'auto': chosen by precision (defaultTornadoPrecision). */
  trials: number | 'auto';
}

/** A bar as drawn: the package's bar, its label in plain words and its input's unit. */
interface ShownBar extends TornadoBar {
  unit: ParamRule['unit'];
}

/** What a running tornado has handed over so far (every bar in it is final). */
interface LiveTornado {
  baseline: Estimate | undefined;
  trialsPerRun: number | undefined;
  bars: ShownBar[];
  /** Bars the tornado will have in all. */
  total: number;
}

interface Done {
  result: TornadoResult;
  bars: ShownBar[];
}

export const SIDE_COLORS = { low: '#CC79A7', high: COLORS.A } as const;
const SWINGS = [0.1, 0.25, 0.5];
const TORNADO_METRICS = metricChoices<TornadoMetric>(['bookings', 'margin', 'pABeatsB']);
const TOP = 12;

/** The auto precision in words: "±1% of quota" or "±5 points". */
function autoWords(metric: TornadoMetric, halfWidth: number): string {
  return metric === 'pABeatsB'
    ? `±${Math.round(halfWidth * 100)} points`
    : `±${Math.round(halfWidth * 1000) / 10}% of quota`;
}

function TornadoChart({
  bars,
  baseline,
  of: { settings, currency, quarters },
}: {
  bars: ShownBar[];
  baseline: Estimate;
  of: ChartOf<Settings>;
}) {
  const build = useCallback(
    (width: number) => {
      const b = baseline.estimate;
      const segments = bars.flatMap((bar) =>
        (['low', 'high'] as const).flatMap((which) => {
          const side: TornadoSide = bar[which];
          if (!side.result || side.atBase) return [];
          return [
            {
              path: bar.path,
              label: bar.label,
              which,
              x1: b,
              x2: side.result.estimate,
              text: paramValue(bar.unit, side.value, currency),
              title: `${bar.label}\n${which === 'low' ? 'Lowered' : 'Raised'} to ${paramValue(bar.unit, side.value, currency)} (base ${paramValue(bar.unit, bar.base, currency)})\n${metricTitle(settings.metric)}: ${metricValue(settings.metric, side.result.estimate, currency)} (95% CI ${metricValue(settings.metric, side.result.lo, currency)} to ${metricValue(settings.metric, side.result.hi, currency)})`,
            },
          ];
        }),
      );
      const xs = segments.flatMap((s) => [s.x1, s.x2]).concat(b);
      const lo = Math.min(...xs);
      const hi = Math.max(...xs);
      const pad = (hi - lo || Math.abs(b) || 1) * 0.16;
      const labelOf = new Map(bars.map((bar) => [bar.path, bar.label]));
      const fmt = (v: number) =>
        settings.metric === 'pABeatsB' ? percent(v) : metricValue(settings.metric, v, currency);
      return Plot.plot({
        ...rowChartFrame(width, bars.length, [70, 38], [140, 240]),
        marginRight: 20,
        marginTop: 28,
        marginBottom: 44,
        x: {
          label: `${metricTitle(settings.metric)}, ${periodWords(settings.quarter, quarters)} →`,
          tickFormat: fmt,
          domain: [lo - pad, hi + pad],
          ticks: Math.max(3, Math.floor(width / 150)),
          grid: true,
        },
        y: {
          label: null,
          domain: bars.map((bar) => bar.path),
          tickFormat: (path: string) => labelOf.get(path) ?? path,
          padding: 0.3,
        },
        color: { domain: ['low', 'high'], range: [SIDE_COLORS.low, SIDE_COLORS.high] },
        marks: [
          Plot.axisY({
            lineWidth: 16,
            tickSize: 0,
            tickFormat: (path: string) => labelOf.get(path) ?? path,
          }),
          Plot.barX(segments, {
            y: 'path',
            x1: 'x1',
            x2: 'x2',
            fill: 'which',
            tip: true,
            title: 'title',
          }),
          // The input's value at the end of each bar, outside it.
          ...besideBars(
            segments,
            (d) => d.x2 >= d.x1,
            4,
            () => ({ y: 'path', x: 'x2', text: 'text', fontSize: 13 }),
          ),
          Plot.ruleX([b], { stroke: COLORS.ink, strokeWidth: 2 }),
          Plot.text([b], {
            x: (d: number) => d,
            frameAnchor: 'top',
            dy: -16,
            text: () => `Baseline ${metricValue(settings.metric, b, currency)}`,
            fontWeight: 600,
            fill: COLORS.ink,
          }),
        ],
      });
    },
    [bars, baseline, settings, currency, quarters],
  );
  return (
    <PlotChart
      build={build}
      minHeight={160}
      label={`Tornado diagram of ${metricTitle(settings.metric)}: inputs ranked by swing. ${bars
        .slice(0, 5)
        .map(
          (bar) =>
            `${bar.label} moves it by ${metricHalfWidth(settings.metric, bar.swing, currency).replace('± ', '')}`,
        )
        .join('; ')}`}
    />
  );
}

function TornadoTable({
  bars,
  metric,
  currency,
}: {
  bars: ShownBar[];
  metric: TornadoMetric;
  currency: string;
}) {
  const side = (s: TornadoSide) =>
    s.skipped ? 'skipped' : s.result ? metricValue(metric, s.result.estimate, currency) : '…';
  return (
    <table className="results-table tornado-table">
      <caption className="visually-hidden">Tornado bars, largest swing first</caption>
      <TableHead
        columns={['Input', 'Low', 'A − B at low', 'Base', 'High', 'A − B at high', 'Swing']}
      />
      <tbody>
        {bars.map((bar) => (
          <tr
            key={bar.path}
            data-testid="tornado-row"
            data-swing={Number.isFinite(bar.swing) ? bar.swing : 0}
            data-path={bar.path}
          >
            <th scope="row">{bar.label}</th>
            <td>{paramValue(bar.unit, bar.low.value, currency)}</td>
            <td>{side(bar.low)}</td>
            <td>{paramValue(bar.unit, bar.base, currency)}</td>
            <td>{paramValue(bar.unit, bar.high.value, currency)}</td>
            <td>{side(bar.high)}</td>
            <td>
              {metricHalfWidth(metric, bar.swing, currency).replace('± ', '')}{' '}
              <span className="hint">
                ({metricHalfWidth(metric, bar.swingHalfWidth, currency)} at 95%)
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A bar of the package, with its label in plain words and its input's unit. */
function shownBar(bar: TornadoBar, units: ReadonlyMap<string, ParamRule['unit']>): ShownBar {
  return { ...bar, label: plainLabel(bar.label), unit: units.get(bar.path) ?? 'count' };
}

/** Largest swing first (bars handed over so far, or the result's). */
function ranked(bars: ShownBar[]): ShownBar[] {
  return [...bars].sort((x, y) => (y.swing || 0) - (x.swing || 0));
}

export function TornadoSection(props: PanelProps) {
  const { scenario } = props;
  const measure = useMeasure(TORNADO_METRICS);
  const { metric, quarter } = measure;
  const [swing, setSwing] = useState(0.25);
  const trialsText = useTrialsText('auto', 'Enter the trials per run, or auto.', true);
  const { trials } = trialsText;
  const [showAll, setShowAll] = useState(false);
  const analysis = usePanelAnalysis<Done, LiveTornado, Settings>(props);
  const { state } = analysis;
  const quarters = scenario?.horizon.quarters ?? 4;
  const currency = scenario?.currency ?? 'USD';
  // The package's plan: which inputs get a bar and how many runs that takes (no simulation).
  const plan = useMemo(
    () => (scenario ? unlessThrows(() => planTornado(scenario, { swing })) : undefined),
    [scenario, swing],
  );
  const auto = defaultTornadoPrecision(metric);
  const blocked = blockedReason(props, trialsText.problem);

  const run = (settings: Settings) => {
    if (!scenario) return;
    const planned = planTornado(scenario, { swing: settings.swing });
    const units = new Map(planned.inputs.map((i) => [i.param.path, i.param.rule.unit]));
    const total = planned.inputs.length;
    // The main run's trials of this scenario, when final: the baseline is read from them.
    const known = props.mainTrials();
    analysis.startOnRunner(
      settings,
      { baseline: undefined, trialsPerRun: undefined, bars: [], total },
      async (pool, base, { signal, onProgress, setPartial }) => {
        const result = await tornado(pool, base, {
          ...metricSpec(settings),
          swing: settings.swing,
          ...(settings.trials === 'auto'
            ? { precision: defaultTornadoPrecision(settings.metric) }
            : { trials: settings.trials }),
          signal,
          onProgress,
          ...(known ? { known } : {}),
          onBaseline: (baseline, trialsPerRun) =>
            setPartial((p) => ({ bars: [], total, ...p, baseline, trialsPerRun })),
          onBar: (bar) =>
            setPartial((p) => ({
              baseline: undefined,
              trialsPerRun: undefined,
              total,
              ...p,
              bars: [...(p?.bars ?? []), shownBar(bar, units)],
            })),
        });
        return { result, bars: result.bars.map((bar) => shownBar(bar, units)) };
      },
    );
  };

  const settings = state.settings;
  // Memoized: progress ticks re-render the section, and a new array would redraw the chart.
  const { result, partial } = state;
  const shown = useMemo((): {
    bars: ShownBar[];
    baseline: Estimate | undefined;
    trialsPerRun: number | undefined;
  } => {
    if (result)
      return {
        bars: result.bars,
        baseline: result.result.baseline,
        trialsPerRun: result.result.trialsPerRun,
      };
    if (!partial) return { bars: [], baseline: undefined, trialsPerRun: undefined };
    // While running: the bars handed over so far (each final), ranked among themselves.
    return {
      bars: ranked(partial.bars),
      baseline: partial.baseline,
      trialsPerRun: partial.trialsPerRun,
    };
  }, [result, partial]);
  const visible = useMemo(
    () => (showAll ? shown.bars : shown.bars.slice(0, TOP)),
    [shown, showAll],
  );
  const sideWords = (which: 'low' | 'high') =>
    `Input ${which === 'low' ? 'lowered' : 'raised'} by ${percent(settings?.swing ?? swing)}`;

  return (
    <section className="decision-section" aria-labelledby="tornado-title" data-testid="tornado">
      <h3 id="tornado-title">What the comparison is sensitive to</h3>
      <p className="chart-note">
        Each input is lowered and raised by the swing, one at a time, everything else at its base
        value, and the whole comparison is run again with the same seed. The longest bars are the
        inputs whose uncertainty matters most.
      </p>
      <div className="decision-form">
        <MeasureControls id="tornado" measure={measure} quarters={quarters} />
        <SelectControl
          id="tornado-swing"
          label="Swing"
          value={swing}
          options={SWINGS.map((s) => ({ value: s, label: `±${percent(s)}` }))}
          onChange={setSwing}
        />
        <TrialsField
          id="tornado-trials"
          field={trialsText}
          note={`auto: as many as the baseline needs for ${autoWords(metric, auto.halfWidth)}, ${count(auto.batchTrials ?? 250)} to ${count(auto.maxTrials ?? 2000)}`}
        />
      </div>
      <p className="hint decision-note">
        {plan?.inputs.length ?? 0} inputs, {count(plan?.runs ?? 0)} runs of{' '}
        {trials === 'auto'
          ? 'as many trials as that precision needs'
          : trials
            ? `${count(trials)} trials`
            : '…'}
        . Fewer trials than the main run keep it quick: every run faces the same simulated worlds,
        so the differences between bars are far more precise than each run's own interval.
      </p>
      <RunControls
        name="sensitivity analysis"
        analysis={analysis}
        disabledReason={blocked}
        onRun={() => trials !== undefined && run({ metric, quarter, swing, trials })}
        retry={run}
      />
      {settings && shown.baseline ? (
        <div className="decision-result" data-testid="tornado-result">
          <p className="decision-summary">
            Baseline: {METRIC_NAMES[settings.metric]}, {periodWords(settings.quarter, quarters)}:{' '}
            <strong>{metricValue(settings.metric, shown.baseline.estimate, currency)}</strong> (95%
            CI {metricValue(settings.metric, shown.baseline.lo, currency)} to{' '}
            {metricValue(settings.metric, shown.baseline.hi, currency)}),{' '}
            {count(shown.trialsPerRun ?? 0)} trials per run
            {settings.trials === 'auto' ? ' (chosen by precision)' : ''}.
            {state.result
              ? ''
              : ` ${shown.bars.length} of ${state.partial?.total ?? 0} inputs so far.`}
          </p>
          <ul className="swatches" aria-label="Bar colours">
            {(['low', 'high'] as const).map((which) => (
              <li key={which}>
                <span
                  className="swatch"
                  style={{ background: SIDE_COLORS[which] }}
                  aria-hidden="true"
                />
                {sideWords(which)}
              </li>
            ))}
          </ul>
          {visible.length > 0 ? (
            <TornadoChart
              bars={visible}
              baseline={shown.baseline}
              of={{ settings, currency, quarters }}
            />
          ) : (
            <p className="hint">No input has finished its runs yet.</p>
          )}
          {shown.bars.length > TOP ? (
            <button type="button" className="link-like" onClick={() => setShowAll((v) => !v)}>
              {showAll ? `Show the top ${TOP}` : `Show all ${shown.bars.length} inputs`}
            </button>
          ) : null}
          <details className="decision-details">
            <summary>Show as a table</summary>
            <TornadoTable bars={shown.bars} metric={settings.metric} currency={currency} />
          </details>
          {state.result && state.result.result.skipped.length > 0 ? (
            <details className="decision-details">
              <summary>{state.result.result.skipped.length} inputs not varied</summary>
              <ul className="hint">
                {state.result.result.skipped.map((s) => (
                  <li key={s.path}>
                    {plainLabel(s.label)}: {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
