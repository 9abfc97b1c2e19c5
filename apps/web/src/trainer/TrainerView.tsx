/**
 * Trainer mode: a presentation over the app. Pick a lesson; its scenario is loaded and run; the
 * slides set it up one idea at a time, ask the audience to predict the winner and the margin,
 * reveal the answer from the actual run, show how often each side wins, replay a quarter week
 * by week, and end on the takeaway. Large type, high contrast, 1280×720; → / space / PageDown
 * advance, ← / PageUp go back, 1–5 pick an answer, Esc leaves.
 */
import * as Plot from '@observablehq/plot';
import type { RunSummary } from '@sweetspot/analysis';
import { attributionGroups, describeDifference, type Scenario } from '@sweetspot/scenario';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { COLORS } from '../charts/palette.ts';
import { attributionOf } from '../decision/attribution.ts';
import { money, number, percent, probability } from '../format.ts';
import { horizonLabel } from '../library/logic.ts';
import { bookingsDiff, diffRows } from '../results/derive.ts';
import type { DisplayedResult, RunController, RunState } from '../run/controller.ts';
import { useRunState } from '../run/useRunState.ts';
import { LESSONS, type Lesson, lessonScenario, scenarioLesson } from './lessons.ts';
import { type Answer, answerOf, type ChoiceId, choices } from './predict.ts';
import { Replay } from './Replay.tsx';

interface Props {
  controller: RunController;
  /** The scenario in the editor, if valid (offered as a lesson of its own). */
  scenario: Scenario | undefined;
  load: (scenario: Scenario) => void;
  onClose: () => void;
}

const selectResult = (s: RunState) => s.result;
const selectProgress = (s: RunState) => s.progress;
const selectRunKey = (s: RunState) => s.runKey;

interface Slide {
  id: string;
  /** Accessible name of the slide. */
  title: string;
  body: ReactNode;
}

function pursueText(scenario: Scenario, pursue: Scenario['strategies'][number]['pursue']): string {
  if (pursue === 'sweet-spot') return 'only the sweet spot';
  if (pursue === 'all') return 'every opportunity';
  return pursue.map((id) => scenario.segments.find((s) => s.id === id)?.name ?? id).join(', ');
}

const PRIORITY_TEXT: Record<string, string> = {
  'expected-value-per-hour': 'best expected value per hour first',
  'oldest-first': 'oldest deals first',
  'closest-to-close': 'deals closest to closing first',
  'largest-first': 'biggest deals first',
};

function StrategyCard({ scenario, id, side }: { scenario: Scenario; id: string; side: 'A' | 'B' }) {
  const st = scenario.strategies.find((s) => s.id === id);
  if (!st) return null;
  const push = st.quarterEndPush;
  return (
    <div className={`t-strategy side-${side.toLowerCase()}`}>
      <h3>
        <span className={`badge badge-${side.toLowerCase()}`}>{side}</span> {st.name}
      </h3>
      <ul>
        <li>Pursues {pursueText(scenario, st.pursue)}</li>
        <li>Works the {PRIORITY_TEXT[st.priority] ?? st.priority}</li>
        {push ? (
          <li>
            From week {push.fromWeek}, a rep behind plan pushes: chases{' '}
            {pursueText(scenario, push.pursue)}, pulls deals in at {percent(push.extraDiscount, 1)}{' '}
            extra discount
          </li>
        ) : null}
      </ul>
    </div>
  );
}

function Market({ scenario }: { scenario: Scenario }) {
  const cur = scenario.currency;
  return (
    <div className="t-market">
      {scenario.segments.map((s) => (
        <div key={s.id} className={`t-segment${s.sweetSpot ? ' sweet' : ''}`}>
          <h3>
            {s.name}
            {s.sweetSpot ? <span className="t-tag">sweet spot</span> : null}
          </h3>
          <dl>
            <div>
              <dt>Win rate</dt>
              <dd>{percent(s.winRate)}</dd>
            </div>
            <div>
              <dt>Typical deal</dt>
              <dd>{money(s.dealSize.median, cur)}</dd>
            </div>
            <div>
              <dt>Cycle</dt>
              <dd>{number(s.salesCycleWeeks.median)} weeks</dd>
            </div>
            <div>
              <dt>Selling hours</dt>
              <dd>{number(s.effortHours.median)} h</dd>
            </div>
          </dl>
        </div>
      ))}
    </div>
  );
}

function Waiting({ progress }: { progress: { done: number; total: number } | undefined }) {
  return (
    <div className="t-waiting" role="status">
      <p>Simulating the lesson…</p>
      {progress ? (
        <>
          <progress max={progress.total} value={progress.done} />
          <p className="t-small">
            {number(progress.done)} of {number(progress.total)} trials
          </p>
        </>
      ) : null}
    </div>
  );
}

function Reveal({
  answer,
  pick,
  currency,
  period,
}: {
  answer: Answer;
  pick: ChoiceId | undefined;
  currency: string;
  period: string;
}) {
  const list = choices(answer.names);
  const headline =
    answer.winner === 'tie'
      ? 'Too close to call'
      : `${answer.winner === 'A' ? answer.names.A : answer.names.B} books ${percent(answer.gap)} more`;
  return (
    <div className="t-reveal" data-testid="reveal" data-answer={answer.choice}>
      <h2 className={`t-verdict ${answer.winner === 'B' ? 'b-text' : 'a-text'}`}>{headline}</h2>
      <div className="t-bignums">
        <div className="side-a">
          <span className="badge badge-a">A</span>
          <span className="t-num">{money(answer.meanA, currency)}</span>
          <span className="t-small">{answer.names.A}</span>
        </div>
        <div className="side-b">
          <span className="badge badge-b">B</span>
          <span className="t-num">{money(answer.meanB, currency)}</span>
          <span className="t-small">{answer.names.B}</span>
        </div>
      </div>
      <p className="t-small">
        Mean bookings{' '}
        {period === 'Year' ? 'per year' : period === 'Quarter' ? 'per quarter' : `over ${period}`}.
      </p>
      <ol className="t-choices revealed">
        {list.map((c) => (
          <li
            key={c.id}
            className={`${c.id === answer.choice ? 'right' : ''}${c.id === pick ? ' picked' : ''}`}
          >
            {c.label}
            {c.id === answer.choice ? <strong> ✓ the answer</strong> : null}
            {c.id === pick && c.id !== answer.choice ? <em> — your pick</em> : null}
            {c.id === pick && c.id === answer.choice ? <em> — your pick: right!</em> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * When two or more rules differ between A and B: how much of the bookings gap over the horizon
 * each rule accounts for (docs/model.md §11), largest first, in the room's words.
 */
function SplitSlide({ summary, currency }: { summary: RunSummary; currency: string }) {
  const attribution = attributionOf(summary, 'year', 'bookings');
  if (!attribution || attribution.parts.length < 2) return null;
  const parts = [...attribution.parts].sort((x, y) => Math.abs(y.mean) - Math.abs(x.mean));
  const signed = (v: number) => money(v, currency, { signed: true });
  return (
    <div data-testid="trainer-split">
      <h2>Where the gap of {signed(attribution.total)} comes from</h2>
      <ul className="t-split">
        {parts.map((p) => (
          <li key={p.group}>
            <span className={`t-num ${p.mean >= 0 ? 'a-text' : 'b-text'}`}>{signed(p.mean)}</span>{' '}
            from {p.label}
            <span className="t-split-rules">
              A {p.a}; B {p.b}
            </span>
          </li>
        ))}
      </ul>
      <p className="t-small">
        Each rule’s share is its average effect over every order in which B’s rules could be
        switched to A’s, played on the same simulated deals. The shares add up to the gap.
      </p>
    </div>
  );
}

function OddsChart({ result }: { result: DisplayedResult }) {
  const ref = useRef<HTMLDivElement>(null);
  const { summary } = result;
  const quarters = result.scenario.horizon.quarters;
  const period = quarters > 1 ? 'year' : 0;
  const currency = summary.currency;
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const rows = diffRows(summary, period);
    const med = bookingsDiff(summary, period)?.p50 ?? 0;
    const xs = rows.flatMap((r) => [r.x0, r.x1]).concat(0);
    const figure = Plot.plot({
      width: 1000,
      height: 300,
      marginLeft: 70,
      marginBottom: 56,
      style: {
        fontSize: '20px',
        background: 'transparent',
        color: COLORS.ink,
        overflow: 'visible',
      },
      x: {
        label: 'A − B bookings in the same simulated trial →',
        tickFormat: (d: number) => money(d, currency, { signed: true }),
        domain: [Math.min(...xs), Math.max(...xs)],
        ticks: 5,
      },
      y: { label: null, ticks: 0 },
      marks: [
        Plot.rectY(rows, {
          x1: 'x0',
          x2: 'x1',
          y: 'share',
          fill: (d: { mid: number }) => (d.mid >= 0 ? COLORS.A : COLORS.B),
          insetLeft: 0.5,
          insetRight: 0.5,
        }),
        Plot.ruleY([0]),
        Plot.ruleX([0], { stroke: COLORS.ink, strokeWidth: 3 }),
        Plot.ruleX([med], { stroke: COLORS.ink, strokeWidth: 2, strokeDasharray: '8,6' }),
      ],
    });
    figure.setAttribute('aria-hidden', 'true');
    host.replaceChildren(figure);
    return () => host.replaceChildren();
  }, [summary, period, currency]);
  return (
    <div
      ref={ref}
      className="t-chart"
      role="img"
      aria-label="Distribution of the difference in bookings, A minus B, over the simulated trials"
    />
  );
}

export function TrainerView({ controller, scenario, load, onClose }: Props) {
  const [lesson, setLesson] = useState<{ lesson: Lesson; scenario: Scenario } | undefined>();
  const [index, setIndex] = useState(0);
  const [pick, setPick] = useState<ChoiceId | undefined>();
  const result = useRunState(controller, selectResult);
  const progress = useRunState(controller, selectProgress);
  const runKey = useRunState(controller, selectRunKey);
  const key = useMemo(() => (lesson ? JSON.stringify(lesson.scenario) : undefined), [lesson]);
  const ready =
    result && key !== undefined && result.key === key && result.final ? result : undefined;
  const answer = useMemo(() => (ready ? answerOf(ready.summary) : undefined), [ready]);

  const start = (l: Lesson) => {
    const s = l.id === 'current' && scenario ? scenario : lessonScenario(l);
    load(s);
    setLesson({ lesson: l, scenario: s });
    setIndex(0);
    setPick(undefined);
  };

  const slides = useMemo<Slide[]>(() => {
    if (!lesson) return [];
    const { lesson: l, scenario: s } = lesson;
    const names = {
      A: s.strategies.find((x) => x.id === s.compare[0])?.name ?? 'A',
      B: s.strategies.find((x) => x.id === s.compare[1])?.name ?? 'B',
    };
    const period = horizonLabel(s.horizon.quarters);
    const cur = s.currency;
    const [first, ...rest] = l.narrative;
    const list: Slide[] = [
      {
        id: 'title',
        title: l.title,
        body: (
          <div className="t-title">
            <p className="t-kicker">Lesson</p>
            <h1>{l.title}</h1>
            <p className="t-lead">{l.summary}</p>
          </div>
        ),
      },
      {
        id: 'team',
        title: 'The team',
        body: (
          <div>
            <h2>The team</h2>
            <div className="t-facts">
              <div>
                <span className="t-num">{s.team.reps}</span> reps
              </div>
              <div>
                <span className="t-num">{number(s.team.sellingHoursPerWeek)}</span> selling hours a
                week each
              </div>
              <div>
                <span className="t-num">{money(s.team.quotaPerRepPerQuarter, cur)}</span> quota per
                rep per quarter
              </div>
            </div>
            {first ? <p className="t-text">{first}</p> : null}
          </div>
        ),
      },
      {
        id: 'market',
        title: 'The market',
        body: (
          <div>
            <h2>The deals that come in</h2>
            <Market scenario={s} />
          </div>
        ),
      },
      ...rest.map((text, i) => ({
        id: `story-${i + 2}`,
        title: 'The setup',
        body: <p className="t-statement">{text}</p>,
      })),
      {
        id: 'strategies',
        title: 'Two strategies',
        body: (
          <div>
            <h2>Two strategies, the same deals</h2>
            <div className="t-pair">
              <StrategyCard scenario={s} id={s.compare[0]} side="A" />
              <StrategyCard scenario={s} id={s.compare[1]} side="B" />
            </div>
            <p className="t-text t-difference" data-testid="trainer-difference">
              {describeDifference(s)}
            </p>
            <p className="t-small">
              Every simulated trial plays both strategies on exactly the same arrivals, deal sizes
              and luck.
            </p>
          </div>
        ),
      },
      {
        id: 'question',
        title: 'Your prediction',
        body: (
          <div className="t-question">
            <h2>{l.question}</h2>
            <ol className="t-choices" aria-label="Choices">
              {choices(names).map((c, i) => (
                <li key={c.id}>
                  <button
                    type="button"
                    className={pick === c.id ? 'picked' : undefined}
                    aria-pressed={pick === c.id}
                    onClick={() => setPick(c.id)}
                    data-testid={`choice-${c.id}`}
                  >
                    <kbd>{i + 1}</kbd> {c.label}
                  </button>
                </li>
              ))}
            </ol>
            <p className="t-small">
              {pick ? 'Locked in. Press → to reveal.' : 'Pick one (or press 1–5), then press →.'}
            </p>
          </div>
        ),
      },
      {
        id: 'reveal',
        title: 'The answer',
        body:
          answer && ready ? (
            <Reveal answer={answer} pick={pick} currency={cur} period={period} />
          ) : (
            <Waiting progress={runKey === key ? progress : undefined} />
          ),
      },
      // Only when two or more rules differ: which of them the gap comes from.
      ...(attributionGroups(s).length > 0
        ? [
            {
              id: 'split',
              title: 'Where the gap comes from',
              body:
                answer && ready ? (
                  <SplitSlide summary={ready.summary} currency={cur} />
                ) : (
                  <Waiting progress={runKey === key ? progress : undefined} />
                ),
            },
          ]
        : []),
      {
        id: 'odds',
        title: 'How often',
        body:
          answer && ready ? (
            <div>
              <h2>
                {answer.pABeatsB >= answer.pBBeatsA ? answer.names.A : answer.names.B} books more in{' '}
                <span className={answer.pABeatsB >= answer.pBBeatsA ? 'a-text' : 'b-text'}>
                  {probability(Math.max(answer.pABeatsB, answer.pBBeatsA))}
                </span>{' '}
                of {number(ready.summary.trials)} simulated{' '}
                {period === 'Year' ? 'years' : period === 'Quarter' ? 'quarters' : 'horizons'}
              </h2>
              <OddsChart result={ready} />
              <p className="t-small">
                Right of the line: A booked more than B in that trial (blue); left: B did (orange).
                Dashed: the median difference, {money(answer.medianDiff, cur, { signed: true })}.
              </p>
            </div>
          ) : (
            <Waiting progress={runKey === key ? progress : undefined} />
          ),
      },
      {
        id: 'replay',
        title: 'Replay a quarter',
        body:
          ready?.chunk && ready.chunk.trialCount > 0 ? (
            <Replay scenario={ready.scenario} chunk={ready.chunk} />
          ) : (
            <Waiting progress={runKey === key ? progress : undefined} />
          ),
      },
      {
        id: 'takeaway',
        title: 'Takeaway',
        body: (
          <div className="t-takeaway">
            <p className="t-kicker">Takeaway</p>
            <p className="t-statement">{l.takeaway}</p>
            <p className="t-small">
              Seed {s.seed} · {number(s.trials)} trials: the same numbers every time this lesson is
              shown.
            </p>
          </div>
        ),
      },
    ];
    return list;
  }, [lesson, pick, answer, ready, progress, runKey, key]);

  const count = slides.length;
  const go = useCallback(
    (delta: number) => setIndex((i) => Math.max(0, Math.min(count - 1, i + delta))),
    [count],
  );
  const current = slides[Math.min(index, count - 1)];

  // Keyboard: the presentation's own keys, anywhere in the trainer.
  const state = useRef({ go, lesson, current, close: onClose });
  state.current = { go, lesson, current, close: onClose };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const t = e.target as HTMLElement | null;
      if (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)) return;
      const s = state.current;
      if (e.key === 'Escape') {
        e.preventDefault();
        if (s.lesson) setLesson(undefined);
        else s.close();
        return;
      }
      if (!s.lesson) return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') {
        e.preventDefault();
        s.go(1);
      } else if (e.key === 'ArrowLeft' || e.key === 'PageUp') {
        e.preventDefault();
        s.go(-1);
      } else if (s.current?.id === 'question' && /^[1-5]$/.test(e.key)) {
        const ids: ChoiceId[] = ['a-big', 'a-some', 'close', 'b-some', 'b-big'];
        setPick(ids[Number(e.key) - 1]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The app underneath is inert while the trainer is shown.
  useEffect(() => {
    const root = document.getElementById('root');
    root?.setAttribute('inert', '');
    document.body.classList.add('trainer-open');
    return () => {
      root?.removeAttribute('inert');
      document.body.classList.remove('trainer-open');
    };
  }, []);

  // Move focus into the slide when it changes, so screen readers follow.
  const stage = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the slide.
  useEffect(() => {
    stage.current?.focus({ preventScroll: true });
  }, [index, lesson]);

  return createPortal(
    <div
      className="trainer"
      role="dialog"
      aria-modal="true"
      aria-label="Trainer mode"
      data-testid="trainer"
    >
      <header className="t-bar">
        <span className="t-brand">
          <span className="logo" aria-hidden="true" /> Sweetspot trainer
        </span>
        <span className="t-lesson">{lesson ? lesson.lesson.title : 'Choose a lesson'}</span>
        {lesson ? (
          <button type="button" onClick={() => setLesson(undefined)} data-testid="t-lessons">
            Lessons
          </button>
        ) : null}
        <button type="button" onClick={onClose} data-testid="t-exit">
          Exit (Esc)
        </button>
      </header>
      <section
        className="t-stage"
        ref={stage}
        tabIndex={-1}
        data-testid="t-stage"
        data-slide={lesson ? current?.id : 'lessons'}
        aria-label={lesson ? current?.title : 'Lessons'}
      >
        {lesson ? (
          current?.body
        ) : (
          <div className="t-picker">
            <h1>Predict, then reveal</h1>
            <p className="t-lead">
              Pick a lesson. The audience predicts which strategy wins and by how much; the
              simulation answers.
            </p>
            <ul className="t-lessons">
              {LESSONS.map((l) => (
                <li key={l.id}>
                  <button type="button" onClick={() => start(l)} data-testid={`lesson-${l.id}`}>
                    <strong>{l.title}</strong>
                    <span>{l.summary}</span>
                  </button>
                </li>
              ))}
              {scenario ? (
                <li>
                  <button
                    type="button"
                    onClick={() => start(scenarioLesson(scenario))}
                    data-testid="lesson-current"
                  >
                    <strong>Your scenario: {scenario.name}</strong>
                    <span>The scenario in the editor, as it is now.</span>
                  </button>
                </li>
              ) : null}
            </ul>
          </div>
        )}
      </section>
      {lesson ? (
        <footer className="t-nav">
          <button type="button" onClick={() => go(-1)} disabled={index === 0} data-testid="t-prev">
            ← Back
          </button>
          <span className="t-count" aria-live="polite">
            {index + 1} / {count}
          </span>
          <button
            type="button"
            className="primary"
            onClick={() => go(1)}
            disabled={index >= count - 1}
            data-testid="t-next"
          >
            Next →
          </button>
        </footer>
      ) : null}
    </div>,
    document.body,
  );
}
