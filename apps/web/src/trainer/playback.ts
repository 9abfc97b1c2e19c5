/**
 * The replay's playback without React: the week shown, playing or paused, the speed, and what
 * Play, Pause, Step, the clock's ticks and the keys k / j / l do to them. Pure TS.
 */

/** The speeds offered (× real time). */
export const SPEEDS = [0.5, 1, 2, 4] as const;
/** Milliseconds per week at 1×. */
export const WEEK_MS = 900;

export interface Playback {
  /** Weeks of the quarter shown so far (0: the quarter has not started). */
  shown: number;
  playing: boolean;
  speed: number;
}

/** A quarter before it starts, at 1×. */
export const START: Playback = { shown: 0, playing: false, speed: 1 };

export type PlaybackAction =
  /** Pause and move by `delta` weeks (−weeks: back to the start; +weeks: to the end). */
  | { type: 'step'; delta: number }
  /** Play or pause; Play at the end of the quarter starts it again. */
  | { type: 'toggle' }
  /** The clock: one more week while playing, pausing at the end. */
  | { type: 'tick' }
  | { type: 'speed'; speed: number }
  /** Another trial or quarter: back to week 0, paused (the speed stays). */
  | { type: 'restart' };

/** The playback after `action`, in a quarter of `weeks` weeks. */
export function play(state: Playback, action: PlaybackAction, weeks: number): Playback {
  switch (action.type) {
    case 'step':
      return {
        ...state,
        playing: false,
        shown: Math.max(0, Math.min(weeks, state.shown + action.delta)),
      };
    case 'toggle':
      return {
        ...state,
        playing: !state.playing,
        shown: state.shown >= weeks ? 0 : state.shown,
      };
    case 'tick': {
      if (!state.playing) return state;
      const shown = Math.min(weeks, state.shown + 1);
      return { ...state, shown, playing: shown < weeks };
    }
    case 'speed':
      return { ...state, speed: action.speed };
    case 'restart':
      return { ...state, shown: 0, playing: false };
  }
}

/** Milliseconds until the next tick, or undefined when nothing is due (paused, or at the end). */
export function tickDelay(state: Playback, weeks: number): number | undefined {
  return state.playing && state.shown < weeks ? WEEK_MS / state.speed : undefined;
}

/**
 * What a key does to the replay: k play/pause, j / l a week back / forward (the arrows and
 * space belong to the presentation). Keys typed into a form field are the browser's.
 */
export function replayKey(key: string, targetTag?: string): PlaybackAction | undefined {
  if (targetTag && /^(INPUT|SELECT|TEXTAREA)$/.test(targetTag)) return undefined;
  if (key === 'k') return { type: 'toggle' };
  if (key === 'j') return { type: 'step', delta: -1 };
  if (key === 'l') return { type: 'step', delta: 1 };
  return undefined;
}
