/**
 * The trainer's presentation without React: which lesson is on, which slide, the audience's
 * pick, the slides a lesson has, what the presenter's keys do and the words the slides compute.
 * TrainerView.tsx only draws it. Pure TS.
 */
import { attributionGroups, type Scenario } from '@sweetspot/scenario';
import type { Lesson } from './lessons.ts';
import { type Answer, type ChoiceId, choices } from './predict.ts';

/** A lesson being presented, with the scenario it runs. */
export interface LessonOn {
  lesson: Lesson;
  scenario: Scenario;
}

export interface Presentation {
  /** Undefined while the lesson picker is shown. */
  on: LessonOn | undefined;
  /** The slide on screen (0-based). */
  index: number;
  /** The audience's answer to the question, once picked. */
  pick: ChoiceId | undefined;
}

/** The trainer as it opens: the lesson picker. */
export const PICKER: Presentation = { on: undefined, index: 0, pick: undefined };

export type PresentationAction =
  | { type: 'start'; lesson: Lesson; scenario: Scenario }
  /** Back to the lesson picker. */
  | { type: 'lessons' }
  /** Move by `delta` slides, within the lesson's `count` slides. */
  | { type: 'go'; delta: number; count: number }
  | { type: 'pick'; choice: ChoiceId };

/** The presentation after `action`. */
export function present(state: Presentation, action: PresentationAction): Presentation {
  switch (action.type) {
    case 'start':
      return {
        on: { lesson: action.lesson, scenario: action.scenario },
        index: 0,
        pick: undefined,
      };
    case 'lessons':
      return { ...state, on: undefined };
    case 'go': {
      const index = Math.max(0, Math.min(action.count - 1, state.index + action.delta));
      return index === state.index ? state : { ...state, index };
    }
    case 'pick':
      return state.pick === action.choice ? state : { ...state, pick: action.choice };
  }
}

export type SlideKind =
  | 'title'
  | 'team'
  | 'market'
  | 'story'
  | 'strategies'
  | 'question'
  | 'reveal'
  | 'split'
  | 'odds'
  | 'replay'
  | 'takeaway';

/** One slide of a lesson: what it is, its accessible name, and its paragraph if it has one. */
export interface SlidePlan {
  /** Stable id (the browser tests read it as `data-slide`). */
  id: string;
  kind: SlideKind;
  title: string;
  text?: string;
}

/**
 * The slides of a lesson, in order: the setup one idea per slide (the narrative's first paragraph
 * on the team slide, each other one on its own), the question, the answer; "where the gap comes
 * from" only when two or more rules differ between A and B; then how often, the replay and the
 * takeaway.
 */
export function slidesOf(lesson: Lesson, scenario: Scenario): SlidePlan[] {
  const [first, ...rest] = lesson.narrative;
  return [
    { id: 'title', kind: 'title', title: lesson.title },
    { id: 'team', kind: 'team', title: 'The team', ...(first ? { text: first } : {}) },
    { id: 'market', kind: 'market', title: 'The market' },
    ...rest.map(
      (text, i): SlidePlan => ({ id: `story-${i + 2}`, kind: 'story', title: 'The setup', text }),
    ),
    { id: 'strategies', kind: 'strategies', title: 'Two strategies' },
    { id: 'question', kind: 'question', title: 'Your prediction' },
    { id: 'reveal', kind: 'reveal', title: 'The answer' },
    ...(attributionGroups(scenario).length > 0
      ? [{ id: 'split', kind: 'split', title: 'Where the gap comes from' } as const]
      : []),
    { id: 'odds', kind: 'odds', title: 'How often' },
    { id: 'replay', kind: 'replay', title: 'Replay a quarter' },
    { id: 'takeaway', kind: 'takeaway', title: 'Takeaway' },
  ];
}

/** The slide on screen: `index` clamped to the lesson's slides. */
export function slideAt(slides: readonly SlidePlan[], index: number): SlidePlan | undefined {
  return slides[Math.min(index, slides.length - 1)];
}

/** A key press, as much of it as the presenter's keys need. */
export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** Tag name of the element the key was typed in (INPUT, SELECT…), if any. */
  targetTag?: string;
}

export type PresenterCommand =
  | { type: 'go'; delta: number }
  | { type: 'lessons' }
  | { type: 'close' }
  | { type: 'pick'; choice: ChoiceId };

/** The answers in the order of the keys 1–5 (the order the question lists them). */
const CHOICE_KEYS: readonly ChoiceId[] = choices({ A: 'A', B: 'B' }).map((c) => c.id);

/**
 * What a key does in the trainer: → / space / PageDown next, ← / PageUp back, 1–5 pick an
 * answer on the question slide, Esc back to the lessons (or out of the trainer from there).
 * Keys typed into a form field, or with a modifier, are the browser's.
 */
export function presenterKey(
  press: KeyPress,
  at: { inLesson: boolean; slide: SlideKind | undefined },
): PresenterCommand | undefined {
  if (press.altKey || press.ctrlKey || press.metaKey) return undefined;
  if (press.targetTag && /^(INPUT|SELECT|TEXTAREA)$/.test(press.targetTag)) return undefined;
  if (press.key === 'Escape') return at.inLesson ? { type: 'lessons' } : { type: 'close' };
  if (!at.inLesson) return undefined;
  if (press.key === 'ArrowRight' || press.key === 'PageDown' || press.key === ' ')
    return { type: 'go', delta: 1 };
  if (press.key === 'ArrowLeft' || press.key === 'PageUp') return { type: 'go', delta: -1 };
  if (at.slide === 'question' && /^[1-5]$/.test(press.key)) {
    const choice = CHOICE_KEYS[Number(press.key) - 1];
    return choice ? { type: 'pick', choice } : undefined;
  }
  return undefined;
}

/** The names of the strategies compared, A and B, as the question slide offers them. */
export function strategyNames(scenario: Scenario): { A: string; B: string } {
  const name = (id: string, fallback: string) =>
    scenario.strategies.find((x) => x.id === id)?.name ?? fallback;
  return { A: name(scenario.compare[0], 'A'), B: name(scenario.compare[1], 'B') };
}

/** Which deals a strategy pursues, in words ("only the sweet spot", or the segments' names). */
export function pursueText(
  scenario: Scenario,
  pursue: Scenario['strategies'][number]['pursue'],
): string {
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

/** The order a strategy works its deals in, in words. */
export function priorityText(priority: string): string {
  return PRIORITY_TEXT[priority] ?? priority;
}

/**
 * The horizon in the slides' words, from its label ("Year", "Quarter", "6 quarters"): "per year"
 * under the mean, "years" for the trials.
 */
export function periodWords(period: string): { per: string; trials: string } {
  if (period === 'Year') return { per: 'per year', trials: 'years' };
  if (period === 'Quarter') return { per: 'per quarter', trials: 'quarters' };
  return { per: `over ${period}`, trials: 'horizons' };
}

/** The side that books more in more trials (A on a tie), and in what share of the trials. */
export function oddsLeader(answer: Answer): { side: 'A' | 'B'; name: string; p: number } {
  return answer.pABeatsB >= answer.pBBeatsA
    ? { side: 'A', name: answer.names.A, p: answer.pABeatsB }
    : { side: 'B', name: answer.names.B, p: answer.pBBeatsA };
}

/**
 * The lesson's run, once it is the final result for the lesson's scenario (`key`); undefined
 * while it runs, or while the result on screen is another scenario's.
 */
export function lessonResult<R extends { key: string; final: boolean }>(
  result: R | undefined,
  key: string | undefined,
): R | undefined {
  return result && key !== undefined && result.key === key && result.final ? result : undefined;
}
