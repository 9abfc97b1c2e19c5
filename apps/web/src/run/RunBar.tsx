/** Run status: progress with trials done, Stop, and a readable error with Retry. */
import { describeSeconds } from '@sweetspot/runner';
import { number } from '../format.ts';
import { RunError } from '../ui/RunError.tsx';
import type { RunController, RunState } from './controller.ts';
import { useRunState } from './useRunState.ts';

interface Props {
  controller: RunController;
  /** The draft does not validate: no new run until it does. */
  invalid: boolean;
  /** A link's long run waits for the person's answer (LinkRunPrompt). */
  awaitingAnswer?: boolean;
}

const whole = (s: RunState) => s;

/** The status of a precision-stopped run (docs/model.md §17): how precise, in the same numbers as the bar. */
function precisionText(state: RunState): string | undefined {
  if (!state.precise) return undefined;
  const p = state.precision;
  switch (state.phase) {
    case 'running':
      return p
        ? `Refining: ${p.reached} after ${number(p.trials)} trials (about ${number(p.expected)} needed)`
        : 'Simulating the first trials…';
    case 'done':
      return p ? `${p.line.charAt(0).toUpperCase()}${p.line.slice(1)}.` : undefined;
    case 'stopped':
      return p ? `Stopped after ${number(p.trials)} trials, at ${p.reached}.` : undefined;
    default:
      return undefined;
  }
}

function statusText(state: RunState, invalid: boolean, awaitingAnswer: boolean): string {
  const p = state.progress;
  const trials = p ? `${number(p.done)} of ${number(p.total)} trials` : '';
  if (state.phase === 'error') return 'The simulation failed.';
  if (invalid) return 'Fix the highlighted fields to run again.';
  if (awaitingAnswer) return 'Waiting for your answer above before running.';
  if (state.scheduled) return 'Edit received — running shortly…';
  const precise = precisionText(state);
  if (precise) return precise;
  switch (state.phase) {
    case 'idle':
      return 'Starting…';
    case 'running':
      return `Simulating: ${trials}`;
    case 'done':
      return `Done: ${trials}`;
    case 'stopped': {
      const shown = state.result && state.result.runId === state.runId ? state.result.done : 0;
      return `Stopped after ${number(shown)} of ${number(p?.total ?? 0)} trials.`;
    }
  }
}

/** " — about 25 s left" for a run estimated over ten seconds (controller.secondsLeft). */
function timeLeft(state: RunState): string {
  const left = state.secondsLeft;
  if (state.phase !== 'running' || left === undefined) return '';
  return ` — about ${describeSeconds(left)} left`;
}

export function RunBar({ controller, invalid, awaitingAnswer = false }: Props) {
  const state = useRunState(controller, whole);
  const onStop = () => controller.stop();
  const onRetry = () => controller.retry();
  const p = state.progress;
  const running = state.phase === 'running';
  return (
    <div className="run-bar" data-phase={state.phase}>
      <div className="run-status">
        <label htmlFor="run-progress" className="visually-hidden">
          Simulation progress
        </label>
        <progress
          id="run-progress"
          max={p?.total || 1}
          value={p ? p.done : 0}
          aria-valuetext={p ? `${number(p.done)} of ${number(p.total)} trials` : undefined}
        />
        <span className="run-text" role="status" aria-live="polite" data-testid="run-status">
          {statusText(state, invalid, awaitingAnswer)}
          {invalid || awaitingAnswer || state.scheduled ? '' : timeLeft(state)}
        </span>
      </div>
      <div className="run-actions">
        {running && !invalid ? (
          <button type="button" onClick={onStop} data-testid="stop">
            Stop
          </button>
        ) : null}
        {state.phase === 'stopped' && !invalid ? (
          <button type="button" onClick={onRetry}>
            Run again
          </button>
        ) : null}
      </div>
      {state.phase === 'error' && state.error ? (
        <RunError
          title={
            state.error.kind === 'crash'
              ? 'A simulation worker crashed.'
              : state.error.kind === 'scenario'
                ? 'The simulation rejected the scenario.'
                : 'Something went wrong while simulating.'
          }
          detail={state.error.message.replace(/^Simulation worker crashed:\s*/, '')}
          onRetry={onRetry}
          testId="run-error"
        />
      ) : null}
    </div>
  );
}
