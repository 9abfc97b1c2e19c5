/**
 * Break-even: the value of one input at which A and B tie on a mean difference, with its Monte
 * Carlo uncertainty, or the clear message that there is no crossing in the range searched. The
 * evaluated points are drawn as they finish.
 */
import * as Plot from '@observablehq/plot';
import {
  type BreakEvenResult,
  breakEven,
  type DiffMetric,
  defaultInputPaths,
  defaultRange,
  type Evaluation,
  type ParamRule,
  resolveParam,
} from '@sweetspot/decision';
import type { Scenario } from '@sweetspot/scenario';
import { useCallback, useMemo, useState } from 'react';
import { PlotChart } from '../ui/PlotChart.tsx';
import { CHART_STYLE, COLORS } from '../ui/palette.ts';

import { RunControls, SelectControl, TrialsField, useTrialsText } from './controls.tsx';
import {
  count,
  METRIC_NAMES,
  metricChoices,
  metricTitle,
  metricValue,
  paramValue,
  periodWords,
  plainLabel,
} from './format.ts';
import { MeasureControls, useMeasure } from './measure.tsx';
import type { ChartOf, PanelProps } from './panel.ts';
import { blockedReason, metricSpec, pairNames, unlessThrows, usePanelAnalysis } from './panel.ts';

const BREAKEVEN_METRICS = metricChoices<DiffMetric>(['bookings', 'margin', 'retained']);

interface Settings {
  param: string;
  label: string;
  unit: ParamRule['unit'];
  base: number;
  metric: DiffMetric;
  quarter: number | undefined;
  trials: number;
  range: [number, number];
}

/** The inputs offered: the decision package's default inputs, in plain words. */
export function breakEvenInputs(
  scenario: Scenario,
): Array<{ path: string; label: string; unit: ParamRule['unit']; base: number }> {
  return defaultInputPaths(scenario).map((path) => {
    const p = resolveParam(scenario, path);
    return { path: p.path, label: plainLabel(p.label), unit: p.rule.unit, base: p.value };
  });
}

/** Default input: the first out-of-profile segment's win rate, else the first input. */
function defaultParam(scenario: Scenario): string {
  const i = scenario.segments.findIndex((s) => !s.sweetSpot);
  return i >= 0 ? `segments[${i}].winRate` : (defaultInputPaths(scenario)[0] ?? '');
}

/** The sentence for a result, in plain words. */
export function breakEvenSentence(
  result: BreakEvenResult,
  settings: Settings,
  names: { A: string; B: string },
  currency: string,
): string {
  const v = (x: number) => paramValue(settings.unit, x, currency);
  const what = METRIC_NAMES[settings.metric];
  if (!result.crossing) {
    const range = `[${v(result.range[0])}, ${v(result.range[1])}]`;
    if (result.signAtLow === 0 && result.signAtHigh === 0)
      return `No crossing in ${range}: A and B tie on ${what} at every value tried.`;
    const wins = result.signAtLow > 0 || (result.signAtLow === 0 && result.signAtHigh > 0);
    return `No crossing in ${range}: A (${names.A}) always ${wins ? 'wins' : 'loses'} on mean ${what} — it is ${wins ? 'ahead' : 'behind'} at every value of ${settings.label} tried (${result.evaluations.length} values).`;
  }
  const below = result.signBelow > 0 ? `A (${names.A})` : `B (${names.B})`;
  const above = result.signBelow > 0 ? `B (${names.B})` : `A (${names.A})`;
  return `A and B break even on mean ${what} at ${settings.label} = ${v(result.root)} (95%: ${v(result.interval[0])} to ${v(result.interval[1])}). Below it ${below} is ahead; above it ${above}.`;
}

function EvaluationsChart({
  evaluations,
  result,
  of: { settings, currency, quarters },
}: {
  evaluations: Evaluation[];
  result: BreakEvenResult | undefined;
  of: ChartOf<Settings>;
}) {
  const build = useCallback(
    (width: number) => {
      const rows = evaluations.map((e) => ({
        x: e.value,
        y: e.result.estimate,
        lo: e.result.lo,
        hi: e.result.hi,
      }));
      const fx = (x: number) => paramValue(settings.unit, x, currency);
      const fy = (y: number) => metricValue(settings.metric, y, currency);
      const marks: Plot.Markish[] = [];
      if (result?.crossing) {
        marks.push(
          Plot.rect([result.interval], {
            x1: (d: [number, number]) => d[0],
            x2: (d: [number, number]) => d[1],
            fill: COLORS.diff,
            fillOpacity: 0.18,
          }),
          Plot.ruleX([result.root], { stroke: COLORS.diff, strokeWidth: 2 }),
          Plot.text([result.root], {
            x: (d: number) => d,
            frameAnchor: 'top',
            dy: 8,
            dx: 8,
            textAnchor: 'start',
            text: () => `Break-even ${fx(result.root)}`,
            fontWeight: 700,
            fill: '#00664a',
            stroke: 'white',
            strokeWidth: 4,
          }),
        );
      }
      marks.push(
        Plot.ruleY([0], { stroke: COLORS.ink, strokeWidth: 1.5 }),
        Plot.ruleX([settings.base], { stroke: COLORS.neutral, strokeDasharray: '5,4' }),
        Plot.text([settings.base], {
          x: (d: number) => d,
          frameAnchor: 'bottom',
          dy: -4,
          dx: 4,
          textAnchor: 'start',
          text: () => `Now ${fx(settings.base)}`,
          fill: COLORS.ink,
          stroke: 'white',
          strokeWidth: 3,
        }),
        Plot.line(rows, { x: 'x', y: 'y', stroke: COLORS.neutral, strokeOpacity: 0.7 }),
        Plot.ruleX(rows, { x: 'x', y1: 'lo', y2: 'hi', stroke: COLORS.ink, strokeWidth: 2 }),
        Plot.dot(rows, {
          x: 'x',
          y: 'y',
          r: 4,
          fill: (d: (typeof rows)[number]) => (d.y >= 0 ? COLORS.diff : COLORS.B),
          stroke: 'white',
          tip: true,
          title: (d: (typeof rows)[number]) =>
            `${settings.label} = ${fx(d.x)}\n${metricTitle(settings.metric)}: ${fy(d.y)}\n95% CI ${fy(d.lo)} to ${fy(d.hi)}`,
        }),
      );
      return Plot.plot({
        width,
        height: 240,
        marginLeft: 64,
        marginRight: 20,
        marginTop: 28,
        marginBottom: 44,
        style: CHART_STYLE,
        x: {
          label: `${settings.label} →`,
          domain: settings.range,
          tickFormat: fx,
          ticks: Math.max(3, Math.floor(width / 120)),
        },
        y: {
          label: `↑ ${metricTitle(settings.metric)}, ${periodWords(settings.quarter, quarters)}`,
          tickFormat: fy,
          grid: true,
        },
        marks,
      });
    },
    [evaluations, result, settings, currency, quarters],
  );
  return (
    <PlotChart
      build={build}
      minHeight={240}
      label={`Evaluated points: ${metricTitle(settings.metric)} at ${evaluations.length} values of ${settings.label}`}
    />
  );
}

export function BreakEvenSection(props: PanelProps) {
  const { scenario } = props;
  const inputs = useMemo(() => (scenario ? breakEvenInputs(scenario) : []), [scenario]);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const measure = useMeasure(BREAKEVEN_METRICS);
  const { metric, quarter } = measure;
  const trialsText = useTrialsText('2000', 'Enter the trials per evaluation.');
  const { trials } = trialsText;
  const analysis = usePanelAnalysis<BreakEvenResult, Evaluation[], Settings>(props);
  const { state } = analysis;
  const quarters = scenario?.horizon.quarters ?? 4;
  const currency = scenario?.currency ?? 'USD';
  const param =
    chosen && inputs.some((i) => i.path === chosen)
      ? chosen
      : scenario
        ? defaultParam(scenario)
        : '';
  const input = inputs.find((i) => i.path === param);
  const range = useMemo(
    () =>
      scenario && param
        ? unlessThrows(() => defaultRange(resolveParam(scenario, param)))
        : undefined,
    [scenario, param],
  );
  const blocked = blockedReason(props, trialsText.problem);

  const run = (settings: Settings) => {
    analysis.startOnRunner(settings, [], (pool, base, { signal, onProgress, setPartial }) =>
      breakEven(pool, base, {
        param: settings.param,
        ...metricSpec(settings),
        metric: settings.metric,
        trials: settings.trials,
        range: settings.range,
        signal,
        onProgress,
        // Each value as soon as its run is measured; drawn in order of value.
        onEvaluation: (evaluation) =>
          setPartial((prev) =>
            [...(prev ?? []).filter((e) => e.value !== evaluation.value), evaluation].sort(
              (x, y) => x.value - y.value,
            ),
          ),
      }),
    );
  };

  const settings = state.settings;
  const evaluations = state.result?.evaluations ?? state.partial ?? [];
  const names = scenario ? pairNames(scenario) : { A: 'A', B: 'B' };
  return (
    <section className="decision-section" aria-labelledby="breakeven-title" data-testid="breakeven">
      <h3 id="breakeven-title">Where A and B break even</h3>
      <p className="chart-note">
        Vary one input over its range, with everything else as it is, and find the value at which A
        and B tie. Every value is run with the same seed and trials.
      </p>
      <div className="decision-form">
        <SelectControl
          id="breakeven-param"
          label="Input"
          wide
          value={param}
          options={inputs.map((i) => ({
            value: i.path,
            label: `${i.label} (now ${paramValue(i.unit, i.base, currency)})`,
          }))}
          onChange={setChosen}
        />
        <MeasureControls id="breakeven" label="Tie on" measure={measure} quarters={quarters} />
        <TrialsField id="breakeven-trials" label="Trials per value" field={trialsText} />
      </div>
      {input && range ? (
        <p className="hint decision-note">
          Searches {input.label} from {paramValue(input.unit, range[0], currency)} to{' '}
          {paramValue(input.unit, range[1], currency)}: 5 values first, then narrows in on a sign
          change (about 15–20 runs in all).
        </p>
      ) : null}
      <RunControls
        name="break-even search"
        analysis={analysis}
        disabledReason={blocked ?? (input && range ? undefined : 'Choose an input.')}
        onRun={() =>
          input &&
          range &&
          trials !== undefined &&
          run({
            param: input.path,
            label: input.label,
            unit: input.unit,
            base: input.base,
            metric,
            quarter,
            trials,
            range,
          })
        }
        retry={run}
      />
      {settings && (state.result || evaluations.length > 0) ? (
        <div className="decision-result" data-testid="breakeven-result">
          {state.result ? (
            <p
              className={`decision-summary breakeven-message ${state.result.crossing ? 'crossing' : 'no-crossing'}`}
              data-testid="breakeven-message"
              data-crossing={state.result.crossing}
            >
              <strong className={state.result.crossing ? 'breakeven-crossing' : undefined}>
                {breakEvenSentence(state.result, settings, names, currency)}
              </strong>
              {state.result.crossing && state.result.signChanges > 1
                ? ` The difference changes sign ${state.result.signChanges} times in the range; this is the lowest crossing.`
                : ''}
              {state.result.crossing && !state.result.converged
                ? ' The search stopped at its evaluation limit before it converged.'
                : ''}
            </p>
          ) : null}
          <EvaluationsChart
            evaluations={evaluations}
            result={state.result}
            of={{ settings, currency, quarters }}
          />
          <p className="hint">
            Dots: the mean A − B {METRIC_NAMES[settings.metric]} (
            {periodWords(settings.quarter, quarters)}) at each value tried, with its 95% interval;{' '}
            {count(evaluations.length)} values, {count(settings.trials)} trials each.
            {state.result?.crossing
              ? ' Shaded: the values at which the interval of the difference contains 0 (the Monte Carlo uncertainty of the break-even; more trials narrow it).'
              : ''}
          </p>
        </div>
      ) : null}
    </section>
  );
}
