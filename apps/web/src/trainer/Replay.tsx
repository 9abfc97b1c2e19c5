/**
 * Replay one quarter of one trial, week by week, both strategies side by side on the same world:
 * bookings climbing toward quota, each rep's hours by use (push weeks outlined), and the deals
 * arriving, qualified, pulled in, won, lost or stalled. Play, pause, step, speed; the trial is
 * picked from the run's per-trial columns (typical, heroic save, heroic failure).
 */
import type { SimulationChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { COLORS } from '../charts/palette.ts';
import { hours as fmtHours, money, number } from '../format.ts';
import { PICK_HINTS, PICK_LABELS, pickTrial, type TrialPick } from './pickTrial.ts';
import {
  type QuarterReplay,
  type ReplayEvent,
  replayProspects,
  replayQuarter,
  type StrategyReplay,
  weekProspecting,
} from './replay.ts';
import { traceTrial } from './trace.ts';
import { TRACE_USES } from './traceTypes.ts';

export const USE_COLORS_REPLAY: Record<(typeof TRACE_USES)[number], string> = {
  worked: '#009E73',
  qualification: '#CC79A7',
  overhead: '#E69F00',
  idle: '#D9DDE1',
  prospecting: '#56B4E9',
};

const USE_LABELS: Record<(typeof TRACE_USES)[number], string> = {
  worked: 'Working deals',
  qualification: 'Qualifying',
  overhead: 'Overhead',
  idle: 'Idle',
  prospecting: 'Prospecting',
};

/**
 * The uses in the order they stack and are listed (idle last), with their index in the trace.
 * Prospecting is shown only when some rep prospected: a replay without it looks as before.
 */
export function shownUses(
  replay: QuarterReplay | undefined,
): Array<{ use: (typeof TRACE_USES)[number]; index: number }> {
  const order = ['worked', 'qualification', 'overhead', 'prospecting', 'idle'] as const;
  const prospected = replay ? replayProspects(replay) : false;
  return order
    .filter((u) => u !== 'prospecting' || prospected)
    .map((use) => ({ use, index: TRACE_USES.indexOf(use) }));
}

const SPEEDS = [0.5, 1, 2, 4] as const;
/** Milliseconds per week at 1×. */
const WEEK_MS = 900;

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
  const W = 1100;
  const H = 130;
  const left = 70;
  const right = 150;
  const top = 12;
  const bottom = 26;
  const K = replay.weeks;
  const max = Math.max(quota, ...replay.strategies.map((s) => s.final)) * 1.08 || 1;
  const x = (k: number) => left + (k / K) * (W - left - right);
  const y = (v: number) => top + (1 - v / max) * (H - top - bottom);
  const colors = [COLORS.A, COLORS.B];
  // End labels at their lines, pushed apart when the two lines end close together.
  const booked = replay.strategies.map((s) => (shown > 0 ? (s.cumulative[shown - 1] ?? 0) : 0));
  const labelY = booked.map((v) => y(v) + 5);
  if (labelY.length === 2) {
    const [ya, yb] = labelY as [number, number];
    const gap = 18 - Math.abs(ya - yb);
    if (gap > 0) {
      const aAbove = ya <= yb;
      labelY[0] = ya + (aAbove ? -gap / 2 : gap / 2);
      labelY[1] = yb + (aAbove ? gap / 2 : -gap / 2);
    }
  }
  return (
    <svg
      className="replay-climb"
      viewBox={`0 0 ${W} ${H}`}
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
      <text x={left - 6} y={y(quota) + 5} textAnchor="end" className="climb-label">
        Quota
      </text>
      <text x={left - 6} y={y(0) + 5} textAnchor="end" className="climb-label">
        0
      </text>
      {Array.from({ length: K }, (_, k) => (
        <text
          // biome-ignore lint/suspicious/noArrayIndexKey: weeks are positions.
          key={k}
          x={(x(k) + x(k + 1)) / 2}
          y={H - 6}
          textAnchor="middle"
          className={`climb-tick${k < shown ? ' done' : ''}`}
        >
          W{k + 1}
        </text>
      ))}
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
      {replay.strategies.map((s, i) => {
        const pts = [[x(0), y(0)]];
        for (let k = 0; k < Math.min(shown, K); k++) pts.push([x(k + 1), y(s.cumulative[k] ?? 0)]);
        const last = pts[pts.length - 1] as number[];
        const color = colors[i] ?? COLORS.neutral;
        return (
          <g key={s.id}>
            <polyline
              points={pts.map((p) => p.join(',')).join(' ')}
              fill="none"
              stroke={color}
              strokeWidth={4}
              strokeLinejoin="round"
            />
            <circle cx={last[0]} cy={last[1]} r={5} fill={color} />
            <text
              x={x(Math.min(shown, K)) + 10}
              y={labelY[i]}
              className="climb-value"
              fill={i === 0 ? COLORS.A : '#9c3d00'}
            >
              {i === 0 ? 'A' : 'B'} {money(booked[i] ?? 0, currency)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function HeatStrip({
  s,
  shown,
  maxHours,
  side,
  uses,
}: {
  s: StrategyReplay;
  shown: number;
  maxHours: number;
  side: 'A' | 'B';
  uses: ReturnType<typeof shownUses>;
}) {
  const weeks = s.cells[0]?.length ?? 0;
  return (
    <div
      className="heat"
      style={{ gridTemplateColumns: `3.2em repeat(${weeks}, minmax(0, 1fr))` }}
      role="img"
      aria-label={`${side}: each rep's selling hours by use, week by week; outlined weeks are quarter-end pushes`}
    >
      {s.cells.map((row, r) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: reps are positions.
        <div className="heat-row" key={`rep-${r + 1}`} style={{ display: 'contents' }}>
          <span className="heat-rep">Rep {r + 1}</span>
          {row.map((cell, k) => {
            const future = k >= shown;
            return (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: weeks are positions.
                key={k}
                className={`heat-cell${future ? ' future' : ''}${cell.push && !future ? ' push' : ''}`}
                title={
                  future
                    ? undefined
                    : `Rep ${r + 1}, week ${k + 1}: ${uses.map(({ use, index }) => `${USE_LABELS[use]} ${fmtHours(cell.hours[index] ?? 0, 1)}`).join(', ')}${cell.push ? ' — pushing' : ''}`
                }
              >
                {future
                  ? null
                  : uses.map(({ use, index }) => {
                      const h = cell.hours[index] ?? 0;
                      return h > 0 ? (
                        <span
                          key={use}
                          style={{
                            height: `${(100 * h) / maxHours}%`,
                            background: USE_COLORS_REPLAY[use],
                          }}
                        />
                      ) : null;
                    })}
              </span>
            );
          })}
        </div>
      ))}
    </div>
  );
}

function eventText(e: ReplayEvent, segments: QuarterReplay['segments'], currency: string): string {
  const seg = segments[e.segment]?.name ?? `segment ${e.segment + 1}`;
  switch (e.kind) {
    case 'won':
      return e.pulledIn
        ? `Won ${money(e.bookedValue, currency)} (list ${money(e.listValue, currency)}, pulled in at a discount) · ${seg}`
        : `Won ${money(e.bookedValue, currency)} · ${seg}`;
    case 'lost':
      return `Lost ${money(e.listValue, currency)}${e.pulledIn ? ' (pulled in)' : ''} · ${seg}`;
    case 'stalled':
      return `Stalled — went dark, ${money(e.listValue, currency)} · ${seg}`;
    case 'pulled-in':
      return `Pulled in from next quarter: ${money(e.listValue, currency)} · ${seg}`;
    default:
      return `${e.kind} · ${seg}`;
  }
}

function Feed({
  s,
  shown,
  segments,
  currency,
}: {
  s: StrategyReplay;
  shown: number;
  segments: QuarterReplay['segments'];
  currency: string;
}) {
  const week = shown > 0 ? s.counts[shown - 1] : undefined;
  const prospecting = shown > 0 ? weekProspecting(s, shown - 1) : 0;
  const events = s.notable
    .filter((e) => e.weekOfQuarter < shown)
    .slice(-40)
    .reverse();
  return (
    <div className="feed">
      <p className="feed-week">
        {week ? (
          <>
            <strong>Week {shown}:</strong> {week.arrived} arrived · {week.qualifiedIn} chased ·{' '}
            {week.qualifiedOut} qualified out
            {week.unqualified > 0 ? ` · ${week.unqualified} never looked at (no hours)` : ''}
            {prospecting > 0 || week.prospected > 0
              ? ` · ${fmtHours(prospecting, 0)} prospecting, ${week.prospected} new sourced`
              : ''}
          </>
        ) : (
          'Press Play or Step to start the quarter.'
        )}
      </p>
      <ol className="feed-list" aria-label="Deals decided so far, newest first">
        {events.map((e) => (
          <li key={`${e.kind}-${e.rep}-${e.deal}-${e.week}`} className={`ev ev-${e.kind}`}>
            <span className="ev-when">
              W{e.weekOfQuarter + 1} · rep {e.rep + 1}
            </span>{' '}
            {eventText(e, segments, currency)}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function Replay({ scenario, chunk }: Props) {
  const id = useId();
  const quarters = scenario.horizon.quarters;
  const [quarter, setQuarter] = useState(0);
  const [pick, setPick] = useState<TrialPick>('typical');
  const [shown, setShown] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);
  const currency = scenario.currency;
  const quota = scenario.team.reps * scenario.team.quotaPerRepPerQuarter;

  const picked = useMemo(
    () => pickTrial(scenario, chunk, quarter, pick),
    [scenario, chunk, quarter, pick],
  );
  const traced = useMemo(() => {
    try {
      return { ok: true as const, trace: traceTrial(scenario, picked.trial) };
    } catch (error) {
      return {
        ok: false as const,
        message: error instanceof Error ? error.message : String(error),
      };
    }
  }, [scenario, picked.trial]);
  const replay = useMemo(
    () => (traced.ok ? replayQuarter(traced.trace, quarter, scenario.compare) : undefined),
    [traced, quarter, scenario.compare],
  );
  const K = replay?.weeks ?? scenario.horizon.weeksPerQuarter;

  // A new trial or quarter starts from week 0.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the replayed quarter changes.
  useEffect(() => {
    setShown(0);
    setPlaying(false);
  }, [picked.trial, quarter]);

  useEffect(() => {
    if (!playing) return;
    if (shown >= K) {
      setPlaying(false);
      return;
    }
    const timer = window.setTimeout(() => setShown((w) => Math.min(K, w + 1)), WEEK_MS / speed);
    return () => window.clearTimeout(timer);
  }, [playing, shown, K, speed]);

  const step = (delta: number) => {
    setPlaying(false);
    setShown((w) => Math.max(0, Math.min(K, w + delta)));
  };
  const toggle = () => {
    if (shown >= K) setShown(0);
    setPlaying((p) => !p);
  };

  // Keys: k play/pause, j/l step (arrows and space belong to the presentation).
  const keys = useRef({ step, toggle });
  keys.current = { step, toggle };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)) return;
      if (e.key === 'k') keys.current.toggle();
      else if (e.key === 'j') keys.current.step(-1);
      else if (e.key === 'l') keys.current.step(1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const maxHours = replay
    ? Math.max(
        1,
        ...replay.strategies.flatMap((s) => s.cells.flatMap((row) => row.map((c) => c.total))),
      )
    : 1;
  const uses = shownUses(replay);
  const [a, b] = replay?.strategies ?? [];
  const booked = (s: StrategyReplay | undefined) =>
    s && shown > 0 ? (s.cumulative[shown - 1] ?? 0) : 0;

  return (
    <div
      className="replay"
      data-testid="replay"
      data-trial={picked.trial}
      data-quarter={quarter}
      data-week={shown}
      data-weeks={K}
      data-booked-a={booked(a)}
      data-booked-b={booked(b)}
      data-run-a={picked.a}
      data-run-b={picked.b}
    >
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
                onChange={() => setPick(p)}
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
              onChange={(e) => setQuarter(Number(e.target.value))}
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
            onClick={() => step(-K)}
            aria-label="Back to the start of the quarter"
            title="Back to the start of the quarter"
          >
            ◀◀
          </button>
          <button type="button" onClick={() => step(-1)} aria-label="Step back one week (j)">
            ◀ Week
          </button>
          <button
            type="button"
            className="primary"
            onClick={toggle}
            data-testid="replay-play"
            aria-label={playing ? 'Pause (k)' : 'Play (k)'}
          >
            {playing ? '▮▮ Pause' : '▶ Play'}
          </button>
          <button
            type="button"
            onClick={() => step(1)}
            aria-label="Step forward one week (l)"
            data-testid="replay-step"
          >
            Week ▶
          </button>
          <button
            type="button"
            onClick={() => step(K)}
            aria-label="Jump to the end of the quarter"
            title="Jump to the end of the quarter"
          >
            ▶▶
          </button>
          <label>
            <span className="visually-hidden">Speed</span>
            <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
        </div>
        <span className="replay-week" aria-live="polite" data-testid="replay-week">
          Week {shown} of {K}
        </span>
      </div>
      <p className="replay-trial">
        Trial {number(picked.trial + 1)} of the run: Q{quarter + 1} booked{' '}
        <strong className="a-text">A {money(picked.a, currency)}</strong>,{' '}
        <strong className="b-text">B {money(picked.b, currency)}</strong> (A − B{' '}
        {money(picked.a - picked.b, currency, { signed: true })}; median of all trials{' '}
        {money(picked.medianDiff, currency, { signed: true })}).
      </p>
      {!traced.ok || !replay ? (
        <p className="replay-error" role="alert">
          The replay is unavailable: {traced.ok ? 'no trace' : traced.message}
        </p>
      ) : (
        <>
          <Climb replay={replay} shown={shown} quota={quota} currency={currency} />
          <div className="replay-sides">
            {replay.strategies.map((s, i) => {
              const side = i === 0 ? 'A' : 'B';
              return (
                <section
                  key={s.id}
                  className={`replay-side side-${side.toLowerCase()}`}
                  aria-label={`${side}: ${s.name}`}
                >
                  <h3>
                    <span className={`badge badge-${side.toLowerCase()}`}>{side}</span>
                    <span className="replay-name">{s.name}</span>
                    <span className="replay-booked" data-testid={`replay-booked-${side}`}>
                      {money(booked(s), currency)}
                    </span>
                  </h3>
                  <HeatStrip s={s} shown={shown} maxHours={maxHours} side={side} uses={uses} />
                  <Feed s={s} shown={shown} segments={replay.segments} currency={currency} />
                </section>
              );
            })}
          </div>
          <ul className="replay-legend" aria-label="Legend">
            {uses.map(({ use }) => (
              <li key={use} className="replay-legend-item">
                <span className="swatch" style={{ background: USE_COLORS_REPLAY[use] }} />
                {USE_LABELS[use]}
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
