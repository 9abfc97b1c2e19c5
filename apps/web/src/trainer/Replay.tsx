/**
 * Replay one quarter of one trial, week by week, both strategies side by side on the same world:
 * bookings climbing toward quota, each rep's hours by use (push weeks outlined), and the deals
 * arriving, qualified, pulled in, won, lost or stalled. Play, pause, step, speed; the trial is
 * picked from the run's per-trial columns (typical, heroic save, heroic failure) and traced by
 * the engine in a web worker. The logic lives in pickTrial.ts, traceLoader.ts, replay.ts,
 * playback.ts and replayFrame.ts; this file wires them to the screen.
 */
import type { SimulationChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { money, number } from '../format.ts';
import { COLORS } from '../ui/palette.ts';
import { pickTrial, type TrialPick } from './pickTrial.ts';
import {
  type Playback,
  type PlaybackAction,
  play,
  replayKey,
  START,
  tickDelay,
} from './playback.ts';
import { ReplayControls } from './ReplayControls.tsx';
import { ReplaySide } from './ReplaySide.tsx';
import { type QuarterReplay, replayQuarter } from './replay.ts';
import {
  bookedAt,
  CLIMB,
  climbLayout,
  LABEL_DROP,
  maxHoursOf,
  REPLAY_USES,
  shownUses,
  TICK_BASELINE,
} from './replayFrame.ts';
import { workerTraceSource } from './traceClient.ts';
import { TraceLoader, type TraceState } from './traceLoader.ts';

interface Props {
  scenario: Scenario;
  chunk: SimulationChunk;
}

function Climb({
  replay,
  shown,
  quota,
  currency,
}: {
  replay: QuarterReplay;
  shown: number;
  quota: number;
  currency: string;
}) {
  const { width: W, height: H, left, right, top } = CLIMB;
  const { weeks: K, x, y, lines } = climbLayout(replay, shown, quota);
  const colors = [COLORS.A, COLORS.B];
  return (
    <svg
      className="replay-climb"
      viewBox={`0 0 ${W} ${H}`}
      fontSize={CLIMB.font}
      role="img"
      aria-label={`Bookings so far this quarter, week ${shown} of ${K}, against the team quota`}
    >
      <line x1={left} x2={W - right} y1={y(0)} y2={y(0)} stroke="#8a96a3" />
      <line
        x1={left}
        x2={W - right}
        y1={y(quota)}
        y2={y(quota)}
        stroke={COLORS.quota}
        strokeDasharray="6 5"
        strokeWidth={1.5}
      />
      <text x={left - 6} y={y(quota) + LABEL_DROP} textAnchor="end" className="climb-label">
        Quota
      </text>
      <text x={left - 6} y={y(0) + LABEL_DROP} textAnchor="end" className="climb-label">
        0
      </text>
      {Array.from({ length: K }, (_, k) => (
        <text
          // biome-ignore lint/suspicious/noArrayIndexKey: weeks are positions.
          key={k}
          x={(x(k) + x(k + 1)) / 2}
          y={TICK_BASELINE}
          textAnchor="middle"
          className={`climb-tick${k < shown ? ' done' : ''}`}
        >
          {k + 1}
        </text>
      ))}
      <text x={x(K) + 10} y={TICK_BASELINE} className="climb-label">
        weeks
      </text>
      {shown > 0 && shown <= K ? (
        <rect
          x={x(shown - 1)}
          y={top}
          width={x(shown) - x(shown - 1)}
          height={y(0) - top}
          fill="#1a56db"
          opacity={0.08}
        />
      ) : null}
      {lines.map((line, i) => {
        const last = line.points[line.points.length - 1] as [number, number];
        const color = colors[i] ?? COLORS.neutral;
        return (
          <g key={line.id}>
            <polyline
              points={line.points.map((p) => p.join(',')).join(' ')}
              fill="none"
              stroke={color}
              strokeWidth={4}
              strokeLinejoin="round"
            />
            <circle cx={last[0]} cy={last[1]} r={5} fill={color} />
            <text
              x={line.labelX}
              y={line.labelY}
              className="climb-value"
              fill={i === 0 ? COLORS.A : '#9c3d00'}
            >
              {i === 0 ? 'A' : 'B'} {money(line.booked, currency)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The trace of `trial`, from a worker of this replay's own (ended when the replay goes). */
function useTrace(
  scenario: Scenario,
  trial: number,
): { state: TraceState | undefined; retry: () => void } {
  const [loader] = useState(() => new TraceLoader(workerTraceSource()));
  useEffect(() => () => loader.stop(), [loader]);
  useEffect(() => {
    loader.show(scenario, trial);
  }, [loader, scenario, trial]);
  const state = useSyncExternalStore(loader.subscribe, loader.getState);
  return { state, retry: () => loader.retry() };
}

export function Replay({ scenario, chunk }: Props) {
  const quarters = scenario.horizon.quarters;
  const [quarter, setQuarter] = useState(0);
  const [pick, setPick] = useState<TrialPick>('typical');
  const [playback, setPlayback] = useState<Playback>(START);
  const currency = scenario.currency;
  const quota = scenario.team.reps * scenario.team.quotaPerRepPerQuarter;

  const picked = useMemo(
    () => pickTrial(scenario, chunk, quarter, pick),
    [scenario, chunk, quarter, pick],
  );
  const traced = useTrace(scenario, picked.trial);
  // The trace on screen is the picked trial's only (another may still be on its way).
  const trace =
    traced.state?.status === 'ready' && traced.state.trial === picked.trial
      ? traced.state.trace
      : undefined;
  const failed =
    traced.state?.status === 'failed' && traced.state.trial === picked.trial
      ? traced.state.message
      : undefined;
  const replay = useMemo(
    () => (trace ? replayQuarter(trace, quarter, scenario.compare) : undefined),
    [trace, quarter, scenario.compare],
  );
  const K = replay?.weeks ?? scenario.horizon.weeksPerQuarter;
  const ready = replay !== undefined;
  const dispatch = (action: PlaybackAction) => setPlayback((p) => play(p, action, K));
  const { shown } = playback;

  // A new trial or quarter starts from week 0.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the replayed quarter changes.
  useEffect(() => {
    setPlayback((p) => play(p, { type: 'restart' }, K));
  }, [picked.trial, quarter]);

  // The clock: one week per tick while playing.
  useEffect(() => {
    const delay = tickDelay(playback, K);
    if (delay === undefined) return;
    const timer = window.setTimeout(() => setPlayback((p) => play(p, { type: 'tick' }, K)), delay);
    return () => window.clearTimeout(timer);
  }, [playback, K]);

  // Keys: k play/pause, j/l step (arrows and space belong to the presentation).
  const keys = useRef({ dispatch, ready });
  keys.current = { dispatch, ready };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = replayKey(e.key, (e.target as HTMLElement | null)?.tagName);
      if (action && keys.current.ready) keys.current.dispatch(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const maxHours = maxHoursOf(replay);
  const uses = shownUses(replay);
  const [a, b] = replay?.strategies ?? [];

  return (
    <div
      className="replay"
      data-testid="replay"
      data-trial={picked.trial}
      data-quarter={quarter}
      data-week={shown}
      data-weeks={K}
      data-booked-a={bookedAt(a, shown)}
      data-booked-b={bookedAt(b, shown)}
      data-run-a={picked.a}
      data-run-b={picked.b}
      aria-busy={!ready && failed === undefined}
    >
      <ReplayControls
        pick={pick}
        onPick={setPick}
        quarters={quarters}
        quarter={quarter}
        onQuarter={setQuarter}
        playback={playback}
        weeks={K}
        ready={ready}
        dispatch={dispatch}
      />
      <p className="replay-trial">
        Trial {number(picked.trial + 1)} of the run: Q{quarter + 1} booked{' '}
        <strong className="a-text">A {money(picked.a, currency)}</strong>,{' '}
        <strong className="b-text">B {money(picked.b, currency)}</strong> (A − B{' '}
        {money(picked.a - picked.b, currency, { signed: true })}; median of all trials{' '}
        {money(picked.medianDiff, currency, { signed: true })}).
      </p>
      {failed !== undefined ? (
        <p className="replay-error" role="alert">
          The replay is unavailable: {failed}{' '}
          <button type="button" onClick={traced.retry} data-testid="replay-retry">
            Try again
          </button>
        </p>
      ) : !replay ? (
        <p className="replay-loading" role="status" data-testid="replay-loading">
          Replaying trial {number(picked.trial + 1)} week by week…
        </p>
      ) : (
        <>
          <Climb replay={replay} shown={shown} quota={quota} currency={currency} />
          <div className="replay-sides">
            {replay.strategies.map((s, i) => (
              <ReplaySide
                key={s.id}
                s={s}
                side={i === 0 ? 'A' : 'B'}
                shown={shown}
                maxHours={maxHours}
                uses={uses}
                segments={replay.segments}
                currency={currency}
              />
            ))}
          </div>
          <ul className="replay-legend" aria-label="Legend">
            {uses.map(({ use }) => (
              <li key={use} className="replay-legend-item">
                <span className="swatch" style={{ background: REPLAY_USES[use].color }} />
                {REPLAY_USES[use].label}
              </li>
            ))}
            <li className="replay-legend-item">
              <span className="swatch push-swatch" />
              Quarter-end push week
            </li>
            <li className="replay-legend-item hint">Keys: k play/pause · j/l step</li>
          </ul>
        </>
      )}
    </div>
  );
}
