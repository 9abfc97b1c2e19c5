/**
 * Built-in lessons for trainer mode: a preset from @sweetspot/scenario with a few overrides, a
 * short narrative, the question to put to the audience, and the takeaway. Each lesson fixes its
 * seed and trials, so its numbers are the same every time it is shown (and every lesson's
 * scenario validates: lessons.test.ts).
 */
import {
  quarterEndPanic,
  type Scenario,
  saasMidMarket,
  spareCapacity,
  validateScenario,
} from '@sweetspot/scenario';

/** Objects merged key by key; arrays and values replaced whole. */
export type Overrides<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[]
    ? T[K]
    : T[K] extends object
      ? Overrides<T[K]>
      : T[K];
};

export interface Lesson {
  id: string;
  title: string;
  /** One line for the lesson picker. */
  summary: string;
  preset: Scenario;
  overrides: Overrides<Scenario>;
  /** The setup, one short paragraph per idea. */
  narrative: string[];
  /** What the audience is asked before the reveal. */
  question: string;
  /** What to remember, shown last. */
  takeaway: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `base` with `overrides` merged in (a deep copy: neither input is changed). */
export function applyOverrides<T>(base: T, overrides: Overrides<T>): T {
  const out = structuredClone(base) as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides as Record<string, unknown>)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] =
      isPlainObject(value) && isPlainObject(current)
        ? applyOverrides(current, value as Overrides<typeof current>)
        : structuredClone(value);
  }
  return out as T;
}

/** Trials per lesson run: enough for stable figures, quick on a trainer's laptop. */
export const LESSON_TRIALS = 5000;

export const LESSONS: readonly Lesson[] = [
  {
    id: 'focus-or-chase',
    title: 'Focus or chase?',
    summary: 'Eight SaaS reps with 15 selling hours a week: qualify out, or chase every deal?',
    preset: saasMidMarket,
    overrides: { name: 'Lesson: focus or chase?', seed: 1101, trials: LESSON_TRIALS },
    narrative: [
      'Eight reps. Each has about 15 hours a week of real selling time — the rest goes to meetings, admin and travel.',
      'Sweet-spot deals win 30% of the time. Out-of-profile deals are bigger, but win half as often, take longer, and cost more to serve.',
      'Same team, same market, same deals arriving. The only difference is what the reps choose to work on.',
    ],
    question: 'Over a year, which strategy books more — and by how much?',
    takeaway:
      'Selling hours are the scarce resource. Every hour spent on a long-shot deal is an hour taken from a likely win.',
  },
  {
    id: 'quarter-end-panic',
    title: 'The quarter-end push',
    summary: 'Reps behind plan in week 9 chase everything and pull deals in at a discount.',
    preset: quarterEndPanic,
    overrides: { name: 'Lesson: the quarter-end push', seed: 1202, trials: LESSON_TRIALS },
    narrative: [
      'Both teams focus on the sweet spot. But team B panics: from week 9, a rep who is behind plan works overtime, chases every opportunity, and drags next quarter’s deals into this one.',
      'Pulled-in deals close at a 34.5% extra discount and with about half the odds — the pattern found in 9.8 million real transactions.',
    ],
    question: 'Does the quarter-end push rescue the year?',
    takeaway:
      'A push borrows from next quarter at a discount and burns the hours that sweet-spot deals needed. It moves bookings around more than it adds them.',
  },
  {
    id: 'when-chasing-pays',
    title: 'When chasing pays',
    summary: 'The counter-example: reps with 40 selling hours a week and cheap-to-serve deals.',
    preset: spareCapacity,
    overrides: { name: 'Lesson: when chasing pays', seed: 1303, trials: LESSON_TRIALS },
    narrative: [
      'Same market, but now reps have 40 selling hours a week — far more than real reps get — and out-of-profile customers cost only 10% to serve.',
      'Hours are no longer scarce: chasing does not take time away from the sweet spot.',
    ],
    question: 'With hours to spare, does focus still win?',
    takeaway:
      'Focus pays when hours are the constraint. With spare capacity, extra deals are upside — so first find out where your team’s hours really go.',
  },
  {
    id: 'best-first',
    title: 'Same deals, different order',
    summary:
      'Both chase everything; one works the best odds per hour first, the other the biggest deals.',
    preset: saasMidMarket,
    overrides: {
      name: 'Lesson: same deals, different order',
      seed: 1404,
      trials: LESSON_TRIALS,
      strategies: [
        {
          id: 'best-first',
          name: 'Chase all, best odds per hour first',
          pursue: 'all',
          priority: 'expected-value-per-hour',
        },
        {
          id: 'biggest-first',
          name: 'Chase all, biggest deals first',
          pursue: 'all',
          priority: 'largest-first',
        },
      ],
      compare: ['best-first', 'biggest-first'],
    },
    narrative: [
      'Both teams pursue every opportunity. Neither qualifies anything out.',
      'Team A spends each week’s hours on the deals with the best expected value per hour. Team B works the biggest deals first — the ones that look best on the forecast.',
    ],
    question: 'Same deals, same hours. How much does the order matter?',
    takeaway:
      'Even without saying no to anything, how reps rank their deals changes the quarter. Big deals are not the same as valuable hours.',
  },
  {
    id: 'stretched-thin',
    title: 'Stretched thin',
    summary: 'Ten selling hours a week and more admin per open deal: what happens to chasing?',
    preset: saasMidMarket,
    overrides: {
      name: 'Lesson: stretched thin',
      seed: 1505,
      trials: LESSON_TRIALS,
      team: { sellingHoursPerWeek: 10, overheadHoursPerActiveDeal: 0.2 },
    },
    narrative: [
      'The same team after a reorganization: only 10 selling hours a week each, and every open deal now costs 12 minutes a week of updates and internal meetings.',
      'Chasing everything means a bigger pipeline — and a bigger pipeline costs hours just to keep alive.',
    ],
    question: 'With fewer hours, does the gap between focus and chase grow or shrink?',
    takeaway:
      'The tighter the hours, the more a crowded pipeline costs: deals starve, stall and go dark, and the hours spent on them are wasted.',
  },
];

/** A lesson's scenario: its preset with the overrides, validated (throws if a lesson is broken). */
export function lessonScenario(lesson: Lesson): Scenario {
  const merged = applyOverrides(lesson.preset, lesson.overrides);
  const result = validateScenario(merged);
  if (!result.ok)
    throw new Error(
      `Lesson "${lesson.id}" does not validate: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    );
  return result.scenario;
}

/** A lesson made from the scenario being edited (generic narrative and question). */
export function scenarioLesson(scenario: Scenario): Lesson {
  const description = scenario.provenance?.description;
  return {
    id: 'current',
    title: scenario.name,
    summary: 'The scenario in the editor, as it is now.',
    preset: scenario,
    overrides: {},
    narrative: description
      ? [description]
      : [
          `${scenario.team.reps} reps with ${scenario.team.sellingHoursPerWeek} selling hours a week, ${scenario.segments.length} segments.`,
        ],
    question: 'Which strategy books more — and by how much?',
    takeaway: 'Same deals, same luck: the difference between A and B is the strategy.',
  };
}
