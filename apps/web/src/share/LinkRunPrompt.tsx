/**
 * Asked before a run estimated over a minute (linkBudget.ts) — a link's, or one an edit asks for:
 * run it as asked, or with fewer trials. Nothing runs until one is chosen. A precision-stopped
 * run is asked about its cap, the most it may use.
 */
import { number } from '../format.ts';
import { describeDuration, type LinkRunAsk } from './linkBudget.ts';

/** "This link asks for 1,000,000 trials (about 9 minutes). Run it?" and its variants. */
export function question(ask: LinkRunAsk): string {
  const what = ask.source === 'link' ? 'This link' : 'This run';
  const duration = describeDuration(ask.seconds);
  return ask.precise
    ? `${what} needs at least ${number(ask.planned)} trials (${duration}) and may use up to ${number(ask.trials)} before it is as precise as asked. Run it?`
    : `${what} asks for ${number(ask.trials)} trials (${duration}). Run it?`;
}

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
        <strong>{question(ask)}</strong>
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
