/**
 * The import dialog's foot: the problems that keep Next from going on (on the columns step, each
 * a link to the control that fixes it), then Start over, Back, Open as scenario and Next.
 */
import { STEPS, type Step, stepIndex } from './dialog-state.ts';

interface Props {
  step: Step;
  /** The problems to list (none until Next was pressed on a step that has some). */
  problems: readonly string[];
  /** The id of the control that fixes each columns-step problem. */
  columnIssues: ReadonlyMap<string, string>;
  canStartOver: boolean;
  /** Open as scenario is enabled (the backtest passed or its gaps were accepted). */
  canOpen: boolean;
  onStartOver(): void;
  onBack(): void;
  onNext(): void;
  onOpen(): void;
}

export function DialogFoot(props: Props) {
  const { step, problems } = props;
  const index = stepIndex(step);
  const nextLabel = `Next: ${STEPS[index + 1]?.label}`;
  return (
    <div className="crm-foot">
      {problems.length > 0 ? (
        <div className="crm-step-error" role="alert">
          <ul>
            {problems.map((e) => {
              const target = step === 'columns' ? props.columnIssues.get(e) : undefined;
              return (
                <li key={e}>
                  {target ? (
                    <button
                      type="button"
                      className="link-like crm-error-link"
                      onClick={() => document.getElementById(target)?.focus()}
                    >
                      {e}
                    </button>
                  ) : (
                    e
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <div className="crm-foot-buttons">
        <button type="button" onClick={props.onStartOver} disabled={!props.canStartOver}>
          Start over
        </button>
        <span className="crm-foot-spacer" />
        <button type="button" onClick={props.onBack} disabled={index === 0}>
          Back
        </button>
        {step === 'backtest' || step === 'forecast' ? (
          <button
            type="button"
            className="crm-primary"
            onClick={props.onOpen}
            disabled={!props.canOpen}
            aria-describedby="crm-backtest-heading"
          >
            Open as scenario
          </button>
        ) : null}
        {step === 'forecast' ? null : step === 'backtest' ? (
          <button type="button" onClick={props.onNext}>
            {nextLabel}
          </button>
        ) : (
          <button type="button" className="crm-primary" onClick={props.onNext}>
            {nextLabel}
          </button>
        )}
      </div>
    </div>
  );
}
