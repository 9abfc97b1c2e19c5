/** Q1 … Qn and the whole horizon ("Year"), as a radio group. */
import { type Period, periodLabel } from './derive.ts';

interface Props {
  quarters: number;
  value: Period;
  onChange(period: Period): void;
}

export function PeriodSelector({ quarters, value, onChange }: Props) {
  // With a one-quarter horizon, the whole horizon is Q1: no separate option.
  const options: Period[] = [
    ...Array.from({ length: quarters }, (_, i) => i),
    ...(quarters > 1 ? (['year'] as const) : []),
  ];
  return (
    <fieldset className="period-selector">
      <legend>Period</legend>
      {options.map((p) => {
        const id = `period-${p}`;
        return (
          <span key={String(p)} className="period-option">
            <input
              type="radio"
              id={id}
              name="period"
              value={String(p)}
              checked={value === p}
              onChange={() => onChange(p)}
            />
            <label htmlFor={id}>{periodLabel(p, quarters)}</label>
          </span>
        );
      })}
    </fieldset>
  );
}
