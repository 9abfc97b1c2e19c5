/** The import's numbered step list: the current step marked; steps not reached yet disabled. */
import { STEPS, type Step } from './dialog-state.ts';

interface Props {
  step: Step;
  /** Index of the furthest step reached. */
  reached: number;
  onGoTo(index: number): void;
}

export function StepList({ step, reached, onGoTo }: Props) {
  return (
    <nav className="crm-steps" aria-label="Import steps">
      <ol>
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              className="crm-step"
              aria-current={s.id === step ? 'step' : undefined}
              disabled={i > reached}
              onClick={() => onGoTo(i)}
            >
              <span className="crm-step-number" aria-hidden="true">
                {i + 1}
              </span>
              {s.label}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
