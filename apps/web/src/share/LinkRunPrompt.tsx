/**
 * Asked before a link's run that is estimated over a minute (linkBudget.ts): run it as the link
 * asks, or with fewer trials. Nothing runs until one is chosen.
 */
import { number } from '../format.ts';
import { describeDuration, type LinkRunAsk } from './linkBudget.ts';

export function LinkRunPrompt({
  ask,
  onRun,
  onFewer,
}: {
  ask: LinkRunAsk;
  onRun: () => void;
  onFewer: (trials: number) => void;
}) {
  return (
    <div
      className="link-run-prompt"
      role="alertdialog"
      aria-labelledby="link-run-question"
      data-testid="link-run-prompt"
    >
      <p id="link-run-question">
        <strong>
          This link asks for {number(ask.trials)} trials ({describeDuration(ask.seconds)}). Run it?
        </strong>
      </p>
      <p className="link-run-detail">
        About {number(Math.round(ask.dealsPerTrial))} deals per trial. Nothing runs until you
        choose.
      </p>
      <div className="link-run-actions">
        <button
          type="button"
          className="primary"
          onClick={() => onFewer(ask.fewerTrials)}
          data-testid="link-run-fewer"
        >
          Run fewer ({number(ask.fewerTrials)} trials)
        </button>
        <button type="button" onClick={onRun} data-testid="link-run-all">
          Run it
        </button>
      </div>
    </div>
  );
}
