/**
 * Built-in lessons for trainer mode: a preset from @sweetspot/scenario with a few overrides, a
 * short narrative, the question to put to the audience, and the takeaway. Each lesson fixes its
 * seed and trials, so its numbers are the same every time it is shown (and every lesson's
 * scenario validates: lessons.test.ts).
 */
import {
  behindPlanDoubleDown,
  chaseTheBigOnes,
  quarterEndPanic,
  type RuleGroup,
  type Scenario,
  saasMidMarket,
  spareCapacity,
  specialistBottleneck,
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

/**
 * What the model gives for a lesson, so that lessons.test.ts can check it on the lesson's own
 * seed and trials: which strategy books more over the year (or a tie), which keeps more
 * contribution (gross margin − cost of sale, docs/model.md §13) when the lesson prices hours, and
 * which rule accounts for the bookings gap — the rules that differ, the largest share first
 * (docs/model.md §11).
 */
export interface LessonAnswer {
  bookingsWinner: 'A' | 'B' | 'tie';
  /** Stated by lessons whose scenario prices rep or specialist hours. */
  contributionWinner?: 'A' | 'B' | 'tie';
  because: RuleGroup[];
}

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
  /**
   * The answer the takeaway states, as the model must give it (every built-in lesson has one,
   * checked by lessons.test.ts; a lesson made from the scenario being edited has none).
   */
  answer?: LessonAnswer;
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

/** Takeaways stated from the lessons' seeded runs (docs/trainer.md gives the figures). */
const TAKEAWAYS = {
  specialists:
    'Chasing still books more here — about 12% a year, and more contribution even after the cost of sale — but the two solutions engineers cut its edge by more than half. They run dry every week, the out-of-profile deals take their hours and mostly stall, and the sweet spot loses about 7 wins a quarter for want of them. Before you chase, count the specialists, not just the reps’ hours.',
  behindPlan:
    'Too close to call: B books about 0.4% more, and the two keep about the same contribution (A a few thousand dollars more, within the noise). The reason is hours. These reps are already short of selling time, so a rep behind plan has almost nothing spare to prospect with — about 9 hours a quarter across the whole team — and the out-of-profile deals B takes on mostly stall. Doubling down pays only when there are spare hours to double down with: with 25 selling hours a week, A wins. Free up the hours first.',
} as const;

/**
 * The most trials a lesson runs: like any main run of a preset, it stops sooner, as soon as its
 * headline is precise (the preset's `precision`, docs/model.md §17).
 */
export const LESSON_TRIALS = 5000;

/**
 * A built-in lesson: its run named after its title ("Lesson: chasing the big ones"; `name` where
 * the title is too long for the editor), on its own `seed`, with LESSON_TRIALS trials, and any
 * other changes to its preset (`scenario`).
 */
function builtIn({
  seed,
  name,
  scenario,
  ...lesson
}: Omit<Lesson, 'overrides'> & {
  seed: number;
  name?: string;
  scenario?: Overrides<Scenario>;
}): Lesson {
  const runName = name ?? `Lesson: ${lesson.title.charAt(0).toLowerCase()}${lesson.title.slice(1)}`;
  return { ...lesson, overrides: { name: runName, seed, trials: LESSON_TRIALS, ...scenario } };
}

export const LESSONS: readonly Lesson[] = [
  builtIn({
    id: 'focus-or-chase',
    title: 'Focus or chase?',
    summary: 'Eight SaaS reps with 15 selling hours a week: qualify out, or chase every deal?',
    preset: saasMidMarket,
    seed: 1101,
    narrative: [
      'Eight reps. Each has about 15 hours a week of real selling time — the rest goes to meetings, admin and travel.',
      'Sweet-spot deals win 30% of the time. Out-of-profile deals are bigger, but win half as often, take three times the effort, take longer and cost more to serve.',
      'Same team, same market, same deals arriving, and both teams work their open deals best value per hour first. The only difference is whether they pursue out-of-profile deals at all.',
    ],
    question: 'Over a year, which strategy books more — and by how much?',
    takeaway:
      'Here chasing books a little more, at thinner margins: when reps always put their hours on the best deals first, out-of-profile deals only get the hours left over. Chasing alone is not what sinks a quarter — how reps rank their work is (next lesson).',
    answer: { bookingsWinner: 'B', because: ['pursue'] },
  }),
  builtIn({
    id: 'big-ones',
    title: 'Chasing the big ones',
    summary: 'Chase everything and work the biggest deals first: which of the two costs more?',
    preset: chaseTheBigOnes,
    seed: 1404,
    narrative: [
      'Team B chases every opportunity — and, like many reps who chase, works the biggest deals first: the ones that look best on the forecast.',
      'Two things now differ from the focused team: which deals are pursued, and the order they are worked in. Sweetspot plays the in-between strategies on the same deals to split the gap between the two.',
    ],
    question:
      'Focus wins this one. How much of the gap is about chasing, and how much about the order?',
    takeaway:
      'Most of the gap comes from working the biggest deals first: big deals are not the same as valuable hours. Ask which rule a result comes from before you credit it to focus.',
    answer: { bookingsWinner: 'A', because: ['priority', 'pursue'] },
  }),
  builtIn({
    id: 'quarter-end-panic',
    title: 'The quarter-end push',
    summary: 'Reps behind plan in week 9 chase everything and pull deals in at a discount.',
    preset: quarterEndPanic,
    seed: 1202,
    narrative: [
      'Both teams focus on the sweet spot and rank deals the same way. But team B panics: from week 9, a rep who is behind plan works overtime, chases every opportunity, and drags next quarter’s deals into this one.',
      'Pulled-in deals close at a 34.5% extra discount and with about half the odds — an assumption informed by studies of deals closed at period ends.',
    ],
    question: 'Does the quarter-end push rescue the year?',
    takeaway:
      'A push borrows from next quarter at a discount and burns the hours that sweet-spot deals needed. It moves bookings around more than it adds them.',
    answer: { bookingsWinner: 'A', because: ['quarterEndPush'] },
  }),
  builtIn({
    id: 'when-chasing-pays',
    title: 'When chasing pays',
    summary: 'The counter-example: reps with 40 selling hours a week and cheap-to-serve deals.',
    preset: spareCapacity,
    seed: 1303,
    narrative: [
      'Same market, but now reps have 40 selling hours a week — far more than real reps get — and out-of-profile customers cost only 10% to serve.',
      'Hours are no longer scarce: chasing does not take time away from the sweet spot.',
    ],
    question: 'With hours to spare, does focus still win?',
    takeaway:
      'Focus pays when hours are the constraint. With spare capacity, extra deals are upside — so first find out where your team’s hours really go.',
    answer: { bookingsWinner: 'B', because: ['pursue'] },
  }),
  builtIn({
    id: 'stretched-thin',
    title: 'Stretched thin',
    summary: 'Ten selling hours a week and more admin per open deal: does chasing still pay?',
    preset: saasMidMarket,
    seed: 1505,
    scenario: { team: { sellingHoursPerWeek: 10, overheadHoursPerActiveDeal: 0.2 } },
    narrative: [
      'The team from the first lesson after a reorganization: only 10 selling hours a week each, and every open deal now costs 12 minutes a week of updates and internal meetings.',
      'Chasing everything means qualifying more opportunities and keeping a bigger pipeline alive — and both cost hours.',
    ],
    question: 'With fewer hours, which strategy books more now?',
    takeaway:
      'The tighter the hours, the more chasing costs: the hours spent qualifying and minding out-of-profile deals come straight out of sweet-spot wins, and focus pulls ahead.',
    answer: { bookingsWinner: 'A', because: ['pursue'] },
  }),
  builtIn({
    id: 'specialists',
    title: 'When the specialists run out',
    summary: 'Reps with hours to spare, but two solutions engineers for eight reps.',
    preset: specialistBottleneck,
    seed: 1606,
    narrative: [
      'The team from “When chasing pays”: reps with 40 selling hours a week, far more than their sweet-spot deals need.',
      'But every deal also needs the solutions engineers — demos, technical answers, proofs of concept. The team has two of them, with 60 hours a week for deals between them.',
      'A sweet-spot deal needs 15 minutes of their time for each hour the rep puts in. An out-of-profile deal needs a full hour: custom demos, special terms, integration work.',
      'This time the hours have a price — $100 for a rep hour, $90 for a solutions-engineer hour — so we also see what the chase costs, and what is left after it: the contribution.',
    ],
    question:
      'Without the specialists in the way, chasing booked about a third more. Does it still pay now?',
    takeaway: TAKEAWAYS.specialists,
    answer: { bookingsWinner: 'B', contributionWinner: 'B', because: ['pursue'] },
  }),
  builtIn({
    id: 'behind-plan',
    title: 'Behind plan: double down or cast a wider net?',
    summary: 'Reps behind plan from week 9: prospect more sweet-spot deals, or chase everything?',
    preset: behindPlanDoubleDown,
    seed: 1707,
    name: 'Lesson: behind plan',
    narrative: [
      'The claim: when reps are behind plan near quarter end, casting a wider net is wasted effort — doubling down in the sweet spot is what pays.',
      'Both teams focus on the sweet spot. From week 9, a rep whose booked plus expected bookings fall below 90% of quota is behind plan.',
      'Team A doubles down: still only sweet-spot deals, and every spare hour goes into prospecting for more — about 10 hours per new opportunity, which shows up 3 weeks later.',
      'Team B casts a wider net: it takes every opportunity that comes in, out-of-profile deals too. Neither team pulls deals in, discounts or works overtime.',
    ],
    question: 'Which rescues the year: doubling down or casting a wider net?',
    takeaway: TAKEAWAYS.behindPlan,
    answer: {
      bookingsWinner: 'B',
      contributionWinner: 'tie',
      because: ['quarterEndPush', 'prospecting'],
    },
  }),
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
