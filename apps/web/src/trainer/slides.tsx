/**
 * The slides of a lesson, drawn: each slide of the plan (presentation.ts) with what it shows —
 * the team, the market, the strategies, the question, the answer, the split of the gap, the odds,
 * the replay, the takeaway. What the slides compute is in presentation.ts and predict.ts;
 * TrainerView.tsx hands in the run's figures.
 */
import type { AttributionPart } from '@sweetspot/analysis';
import { describeDifference, type Scenario } from '@sweetspot/scenario';
import type { ReactNode } from 'react';
import { money, number, percent, probability } from '../format.ts';
import { SideBadge } from '../ui/SideBadge.tsx';
import type { Lesson } from './lessons.ts';
import { type Answer, type ChoiceId, choices } from './predict.ts';
import {
  oddsLeader,
  periodWords,
  priorityText,
  pursueText,
  type SlidePlan,
  strategyNames,
} from './presentation.ts';
import { Replay } from './Replay.tsx';

function StrategyCard({ scenario, id, side }: { scenario: Scenario; id: string; side: 'A' | 'B' }) {
  const st = scenario.strategies.find((s) => s.id === id);
  if (!st) return null;
  const push = st.quarterEndPush;
  return (
    <div className={`t-strategy side-${side.toLowerCase()}`}>
      <h3>
        <SideBadge side={side} /> {st.name}
      </h3>
      <ul>
        <li>Pursues {pursueText(scenario, st.pursue)}</li>
        <li>Works the {priorityText(st.priority)}</li>
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

/** Shown on the slides that need the run while it is still simulating. */
export function Waiting({ progress }: { progress: { done: number; total: number } | undefined }) {
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

function Question({
  question,
  names,
  pick,
  onPick,
}: {
  question: string;
  names: { A: string; B: string };
  pick: ChoiceId | undefined;
  onPick: (choice: ChoiceId) => void;
}) {
  return (
    <div className="t-question">
      <h2>{question}</h2>
      <ol className="t-choices" aria-label="Choices">
        {choices(names).map((c, i) => (
          <li key={c.id}>
            <button
              type="button"
              className={pick === c.id ? 'picked' : undefined}
              aria-pressed={pick === c.id}
              onClick={() => onPick(c.id)}
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
      <p className="t-small">Mean bookings {periodWords(period).per}.</p>
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
function Split({
  parts,
  total,
  currency,
}: {
  parts: AttributionPart[];
  total: number;
  currency: string;
}) {
  if (parts.length === 0) return null;
  const signed = (v: number) => money(v, currency, { signed: true });
  return (
    <div data-testid="trainer-split">
      <h2>Where the gap of {signed(total)} comes from</h2>
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

function Odds({
  answer,
  trials,
  period,
  currency,
  chart,
}: {
  answer: Answer;
  trials: number;
  period: string;
  currency: string;
  chart: ReactNode;
}) {
  const lead = oddsLeader(answer);
  return (
    <div>
      <h2>
        {lead.name} books more in{' '}
        <span className={lead.side === 'A' ? 'a-text' : 'b-text'}>{probability(lead.p)}</span> of{' '}
        {number(trials)} simulated {periodWords(period).trials}
      </h2>
      {chart}
      <p className="t-small">
        Right of the line: A booked more than B in that trial (blue); left: B did (orange). Dashed:
        the median difference, {money(answer.medianDiff, currency, { signed: true })}.
      </p>
    </div>
  );
}

/** The lesson's run, once final, as the slides after the question show it. */
export interface SlideRun {
  /** The answer to the question (none if the summary lacks A or B). */
  answer: Answer | undefined;
  scenario: Scenario;
  trials: number;
  /** The run's per-trial columns, for the replay (none: the replay waits). */
  chunk: Parameters<typeof Replay>[0]['chunk'] | undefined;
  /** The split of the year's bookings gap, largest first (none when fewer than two rules differ). */
  split: { parts: AttributionPart[]; total: number };
  /** The distribution of A − B, drawn. */
  oddsChart: ReactNode;
}

interface SlideProps {
  plan: SlidePlan;
  lesson: Lesson;
  scenario: Scenario;
  /** The horizon's label ("Year", "Quarter", "6 quarters"). */
  period: string;
  pick: ChoiceId | undefined;
  onPick: (choice: ChoiceId) => void;
  /** Undefined while the lesson is simulating. */
  run: SlideRun | undefined;
  /** The lesson's run's progress while it simulates (none while another run is on). */
  progress: { done: number; total: number } | undefined;
}

/** One slide of a lesson. */
export function Slide({
  plan,
  lesson,
  scenario: s,
  period,
  pick,
  onPick,
  run,
  progress,
}: SlideProps) {
  const cur = s.currency;
  const waiting = <Waiting progress={progress} />;
  switch (plan.kind) {
    case 'title':
      return (
        <div className="t-title">
          <p className="t-kicker">Lesson</p>
          <h1>{lesson.title}</h1>
          <p className="t-lead">{lesson.summary}</p>
        </div>
      );
    case 'team':
      return (
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
          {plan.text ? <p className="t-text">{plan.text}</p> : null}
        </div>
      );
    case 'market':
      return (
        <div>
          <h2>The deals that come in</h2>
          <Market scenario={s} />
        </div>
      );
    case 'story':
      return <p className="t-statement">{plan.text}</p>;
    case 'strategies':
      return (
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
            Every simulated trial plays both strategies on exactly the same arrivals, deal sizes and
            luck.
          </p>
        </div>
      );
    case 'question':
      return (
        <Question question={lesson.question} names={strategyNames(s)} pick={pick} onPick={onPick} />
      );
    case 'reveal':
      return run?.answer ? (
        <Reveal answer={run.answer} pick={pick} currency={cur} period={period} />
      ) : (
        waiting
      );
    case 'split':
      return run?.answer ? <Split {...run.split} currency={cur} /> : waiting;
    case 'odds':
      return run?.answer ? (
        <Odds
          answer={run.answer}
          trials={run.trials}
          period={period}
          currency={cur}
          chart={run.oddsChart}
        />
      ) : (
        waiting
      );
    case 'replay':
      return run?.chunk && run.chunk.trialCount > 0 ? (
        <Replay scenario={run.scenario} chunk={run.chunk} />
      ) : (
        waiting
      );
    case 'takeaway':
      return (
        <div className="t-takeaway">
          <p className="t-kicker">Takeaway</p>
          <p className="t-statement">{lesson.takeaway}</p>
          <p className="t-small">
            Seed {s.seed} ·{' '}
            {run?.answer
              ? `${number(run.trials)} trials${run.trials < s.trials ? ' (the run stopped when its figures were precise)' : ''}`
              : `${s.precision ? 'up to ' : ''}${number(s.trials)} trials`}
            : the same numbers every time this lesson is shown.
          </p>
        </div>
      );
  }
}
