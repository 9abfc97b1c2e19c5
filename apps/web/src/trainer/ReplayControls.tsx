/**
 * The replay's controls: which trial (typical, heroic save, heroic failure), which quarter, play,
 * pause, step, jump and speed, and the week shown. Stepping waits while the trial is traced.
 */
import { useId } from 'react';
import { PICK_HINTS, PICK_LABELS, type TrialPick } from './pickTrial.ts';
import { type Playback, type PlaybackAction, SPEEDS } from './playback.ts';

interface Props {
  pick: TrialPick;
  onPick: (pick: TrialPick) => void;
  quarters: number;
  quarter: number;
  onQuarter: (quarter: number) => void;
  playback: Playback;
  weeks: number;
  /** False while the trial is being traced: nothing to play yet. */
  ready: boolean;
  dispatch: (action: PlaybackAction) => void;
}

export function ReplayControls({
  pick,
  onPick,
  quarters,
  quarter,
  onQuarter,
  playback,
  weeks,
  ready,
  dispatch,
}: Props) {
  const id = useId();
  const { shown, playing, speed } = playback;
  const step = (delta: number) => dispatch({ type: 'step', delta });
  return (
    <div className="replay-controls">
      <fieldset className="replay-pick">
        <legend className="visually-hidden">Which trial</legend>
        {(Object.keys(PICK_LABELS) as TrialPick[]).map((p) => (
          <label key={p} className={pick === p ? 'on' : undefined} title={PICK_HINTS[p]}>
            <input
              type="radio"
              name={`${id}-pick`}
              value={p}
              checked={pick === p}
              onChange={() => onPick(p)}
            />
            {PICK_LABELS[p]}
            <span className="visually-hidden">: {PICK_HINTS[p]}</span>
          </label>
        ))}
      </fieldset>
      {quarters > 1 ? (
        <label className="replay-quarter">
          Quarter{' '}
          <select
            value={quarter}
            onChange={(e) => onQuarter(Number(e.target.value))}
            data-testid="replay-quarter"
          >
            {Array.from({ length: quarters }, (_, q) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: quarters are positions.
              <option key={q} value={q}>
                Q{q + 1}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="replay-buttons">
        <button
          type="button"
          onClick={() => step(-weeks)}
          disabled={!ready}
          aria-label="Back to the start of the quarter"
          title="Back to the start of the quarter"
        >
          ◀◀
        </button>
        <button
          type="button"
          onClick={() => step(-1)}
          disabled={!ready}
          aria-label="Step back one week (j)"
        >
          ◀ Week
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => dispatch({ type: 'toggle' })}
          disabled={!ready}
          data-testid="replay-play"
          aria-label={playing ? 'Pause (k)' : 'Play (k)'}
        >
          {playing ? '▮▮ Pause' : '▶ Play'}
        </button>
        <button
          type="button"
          onClick={() => step(1)}
          disabled={!ready}
          aria-label="Step forward one week (l)"
          data-testid="replay-step"
        >
          Week ▶
        </button>
        <button
          type="button"
          onClick={() => step(weeks)}
          disabled={!ready}
          aria-label="Jump to the end of the quarter"
          title="Jump to the end of the quarter"
        >
          ▶▶
        </button>
        <label>
          <span className="visually-hidden">Speed</span>
          <select
            value={speed}
            onChange={(e) => dispatch({ type: 'speed', speed: Number(e.target.value) })}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      </div>
      <span className="replay-week" aria-live="polite" data-testid="replay-week">
        Week {shown} of {weeks}
      </span>
    </div>
  );
}
