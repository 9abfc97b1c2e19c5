/** What a decision panel measures (a metric and its period): its state and its two selects. */
import type { Metric } from '@sweetspot/decision';
import { type ReactNode, useState } from 'react';
import { PeriodSelect, SelectControl } from './controls.tsx';

/**
 * What a panel measures, kept as state: one of the metrics `options` offers (the first to start
 * with) and its period (undefined: the whole horizon).
 */
export function useMeasure<M extends Metric>(
  options: ReadonlyArray<{ value: M; label: ReactNode }>,
) {
  const [metric, setMetric] = useState<M>(() => (options[0] as { value: M }).value);
  const [chosen, setQuarter] = useState<number | undefined>(undefined);
  // Retained recurring revenue is measured over the whole horizon only.
  const quarter = metric === 'retained' ? undefined : chosen;
  return { options, metric, setMetric, quarter, setQuarter };
}

/** The metric select ("Measure", "Tie on") and the period select of a decision form. */
export function MeasureControls<M extends Metric>({
  id,
  label = 'Measure',
  measure,
  quarters,
}: {
  /** The panel's prefix: the selects are `${id}-metric` and `${id}-period`. */
  id: string;
  label?: string;
  measure: ReturnType<typeof useMeasure<M>>;
  quarters: number;
}) {
  return (
    <>
      <SelectControl
        id={`${id}-metric`}
        label={label}
        value={measure.metric}
        options={measure.options}
        onChange={measure.setMetric}
      />
      <PeriodSelect
        id={`${id}-period`}
        quarters={quarters}
        value={measure.quarter}
        onChange={measure.setQuarter}
        horizonOnly={measure.metric === 'retained'}
      />
    </>
  );
}
