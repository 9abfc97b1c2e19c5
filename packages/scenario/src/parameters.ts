/**
 * The parameter catalogue: every numeric input of a scenario, once — where it lives, what the
 * editor calls it, its unit, its valid range and whether it is a whole number. The schema's
 * bounds (schema.ts), its validation messages (param-messages.ts), the decision tools' inputs
 * (packages/decision, path.ts) and the web editor's fields all read it. Why each bound:
 * docs/scenario-format.md, "Why these bounds".
 */

/** The range of a numeric field. */
export interface NumberRule {
  min?: number;
  max?: number;
  /** Exclusive lower bound. */
  above?: number;
  int?: boolean;
}

/**
 * What a number is. `percent` is stored as a fraction (0–1) and shown and typed as 0–100;
 * `week` is a week number within the quarter; `rate` and `count` are plain numbers.
 */
export type ParamUnit =
  | 'percent'
  | 'money'
  | 'hours'
  | 'hours-per-week'
  | 'weeks'
  | 'week'
  | 'count'
  | 'rate'
  | 'multiplier'
  | 'correlation';

/** One numeric input of a scenario. */
export interface ParamSpec {
  /** The editor's label, a noun phrase that can start a sentence: "Win rate". */
  label: string;
  /** Lower-case name used inside sentences (the decision tools' labels): "win rate". */
  name: string;
  unit: ParamUnit;
  /** The unit as the editor shows it beside the input ("h / week", "% of quota"). */
  suffix?: string;
  bounds: NumberRule;
  /** A median and p90 pair (a Quantiles value): the bounds apply to each. */
  quantiles?: true;
  /** May be left out of a scenario; an empty input removes it. */
  optional?: true;
  /** The value validation fills in when the field is left out. */
  default?: number;
}

/** A loaded cost of an hour (a rep's or a specialist's): money, $0 to $100,000, optional. */
const HOURLY_COST = {
  unit: 'money',
  bounds: { min: 0, max: 100_000 },
  optional: true,
} as const satisfies Omit<ParamSpec, 'label' | 'name'>;

/** A rep's number in the team (a pipeline deal's owner, a rep's bookings so far): 1 to 1,000. */
const REP_NUMBER = {
  label: 'Rep',
  name: 'rep',
  unit: 'count',
  bounds: { int: true, min: 1, max: 1000 },
} as const satisfies ParamSpec;

/**
 * The catalogue, by group. Each group lives at one place in a scenario (GROUP_PATHS); a field
 * `f` of group `segment` is at `segments[i].f`.
 */
export const PARAMETERS = {
  run: {
    seed: {
      label: 'Seed',
      name: 'seed',
      unit: 'count',
      bounds: { int: true, min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
    },
    trials: {
      label: 'Trials',
      name: 'trials',
      unit: 'count',
      bounds: { int: true, min: 1, max: 1_000_000 },
    },
  },
  precision: {
    relative: {
      label: 'Precision of money and hours',
      name: 'precision of money and hours',
      unit: 'percent',
      suffix: '± % of the figure',
      bounds: { min: 0.001, max: 0.5 },
      default: 0.01,
    },
    probability: {
      label: 'Precision of chances',
      name: 'precision of chances',
      unit: 'percent',
      suffix: '± percentage points',
      bounds: { min: 0.001, max: 0.5 },
      default: 0.025,
    },
  },
  horizon: {
    quarters: {
      label: 'Quarters reported',
      name: 'quarters reported',
      unit: 'count',
      suffix: '1–8',
      bounds: { int: true, min: 1, max: 8 },
    },
    weeksPerQuarter: {
      label: 'Weeks per quarter',
      name: 'weeks per quarter',
      unit: 'weeks',
      suffix: 'weeks',
      bounds: { int: true, min: 1, max: 26 },
      default: 13,
    },
    warmupWeeks: {
      label: 'Warm-up',
      name: 'warm-up weeks',
      unit: 'weeks',
      suffix: 'weeks',
      bounds: { int: true, min: 0, max: 104 },
      default: 13,
    },
  },
  team: {
    reps: {
      label: 'Reps',
      name: 'reps',
      unit: 'count',
      suffix: 'reps',
      bounds: { int: true, min: 1, max: 1000 },
    },
    sellingHoursPerWeek: {
      label: 'Selling hours',
      name: 'selling hours per week',
      unit: 'hours-per-week',
      suffix: 'h / week',
      bounds: { min: 0, max: 168 },
    },
    quotaPerRepPerQuarter: {
      label: 'Quota per rep',
      name: 'quota per rep',
      unit: 'money',
      suffix: '/ quarter',
      // 1 / quota and bookings / quota must stay finite; 10^15 keeps reps × quota exact-ish.
      bounds: { min: 0.01, max: 1e15 },
    },
    overheadHoursPerActiveDeal: {
      label: 'Overhead per open deal',
      name: 'overhead hours per open deal',
      unit: 'hours-per-week',
      suffix: 'h / week',
      bounds: { min: 0, max: 40 },
    },
    costPerSellingHour: {
      label: 'Loaded cost per selling hour',
      name: 'cost per selling hour',
      ...HOURLY_COST,
    },
  },
  dynamics: {
    delayPenaltyPerWeek: {
      label: 'Win odds lost per late week',
      name: 'delay penalty per week',
      unit: 'percent',
      suffix: '%',
      bounds: { min: 0, max: 1 },
    },
    stallWeeks: {
      label: 'Weeks before a starved deal goes dark',
      name: 'stall weeks',
      unit: 'weeks',
      suffix: 'weeks',
      bounds: { int: true, min: 1, max: 52 },
    },
  },
  segment: {
    opportunitiesPerRepPerWeek: {
      label: 'Arrivals',
      name: 'arrivals per rep-week',
      unit: 'rate',
      suffix: 'per rep-week',
      bounds: { min: 0, max: 100 },
    },
    winRate: {
      label: 'Win rate',
      name: 'win rate',
      unit: 'percent',
      suffix: '%',
      bounds: { min: 0, max: 1 },
    },
    winRateUncertainty: {
      label: 'Win-rate evidence',
      name: 'win-rate evidence',
      unit: 'count',
      suffix: 'closed deals',
      // Below 0.01 closed deals, both Beta shapes can underflow and the drawn rate is NaN.
      bounds: { min: 0.01, max: 1e9 },
      optional: true,
    },
    dealSize: {
      label: 'Deal size',
      name: 'deal size',
      unit: 'money',
      // At least one currency unit: money is summed over trials in whole units.
      bounds: { min: 1, max: 1e12 },
      quantiles: true,
    },
    salesCycleWeeks: {
      label: 'Sales cycle',
      name: 'sales cycle',
      unit: 'weeks',
      suffix: 'weeks',
      bounds: { above: 0, max: 520 },
      quantiles: true,
    },
    effortHours: {
      label: 'Effort per deal',
      name: 'effort per deal',
      unit: 'hours',
      suffix: 'hours',
      // An effort whose weekly rate (effort / cycle) can underflow to 0 is never done: settling
      // it plays 20,000 weeks per rep (docs/model.md §6), 97 s of CPU per trial for 1,000 reps.
      bounds: { min: 1e-6, max: 10_000 },
      quantiles: true,
    },
    sizeEffortCorrelation: {
      label: 'Effort grows with size',
      name: 'effort grows with size',
      unit: 'correlation',
      suffix: 'correlation, −0.99 to 0.99',
      // |ρ| < 1 keeps √(1 − ρ²) > 0: effort and cycle keep some variation of their own.
      bounds: { min: -0.99, max: 0.99 },
      optional: true,
    },
    sizeCycleCorrelation: {
      label: 'Cycle grows with size',
      name: 'cycle grows with size',
      unit: 'correlation',
      suffix: 'correlation, −0.99 to 0.99',
      bounds: { min: -0.99, max: 0.99 },
      optional: true,
    },
    discount: {
      label: 'Discount',
      name: 'discount',
      unit: 'percent',
      suffix: '%',
      bounds: { min: 0, max: 0.95 },
    },
    costToServe: {
      label: 'Cost to serve',
      name: 'cost to serve',
      unit: 'percent',
      suffix: '% of booked',
      bounds: { min: 0, max: 1 },
    },
    annualChurn: {
      label: 'Churn',
      name: 'annual churn',
      unit: 'percent',
      suffix: '% a year',
      bounds: { min: 0, max: 1 },
    },
    qualificationHours: {
      label: 'Qualification',
      name: 'qualification hours',
      unit: 'hours',
      suffix: 'hours each',
      bounds: { min: 0, max: 200 },
    },
    /** One value per pool id: `segments[i].specialistHoursPerSellingHour.<pool id>`. */
    specialistHoursPerSellingHour: {
      label: 'Specialist hours per selling hour',
      name: 'hours per selling hour',
      unit: 'rate',
      suffix: 'h per rep hour',
      bounds: { min: 0, max: 20 },
      optional: true,
    },
  },
  prospecting: {
    hoursPerOpportunity: {
      label: 'Prospecting: hours per new opportunity',
      name: 'prospecting hours per opportunity',
      unit: 'hours',
      suffix: 'rep hours each',
      bounds: { above: 0, max: 1000 },
    },
    lagWeeks: {
      label: 'Prospecting: weeks until it arrives',
      name: 'prospecting lag',
      unit: 'weeks',
      suffix: 'weeks, 1–52',
      bounds: { int: true, min: 1, max: 52 },
    },
  },
  pool: {
    hoursPerWeek: {
      label: 'Hours per week (whole team)',
      name: 'hours per week',
      unit: 'hours-per-week',
      suffix: 'h / week',
      bounds: { min: 0, max: 100_000 },
    },
    costPerHour: { label: 'Loaded cost per hour', name: 'cost per hour', ...HOURLY_COST },
  },
  push: {
    fromWeek: {
      label: 'Push from week',
      name: 'push from week',
      unit: 'week',
      suffix: 'of quarter',
      bounds: { int: true, min: 1, max: 52 },
    },
    belowAttainment: {
      label: 'Push when below',
      name: 'push below attainment',
      unit: 'percent',
      suffix: '% of quota',
      bounds: { min: 0, max: 10 },
    },
    pullInWeeks: {
      label: 'Pull in deals due within',
      name: 'pull-in weeks',
      unit: 'weeks',
      suffix: 'weeks',
      bounds: { int: true, min: 0, max: 52 },
    },
    extraDiscount: {
      label: 'Extra discount',
      name: 'pull-in extra discount',
      unit: 'percent',
      suffix: '%',
      bounds: { min: 0, max: 0.95 },
    },
    pullInWinFactor: {
      label: 'Pulled-in win odds',
      name: 'pull-in win factor',
      unit: 'percent',
      suffix: '% of normal',
      bounds: { min: 0, max: 1 },
    },
    overtime: {
      label: 'Push hours',
      name: 'push overtime',
      unit: 'multiplier',
      suffix: '× normal',
      bounds: { min: 1, max: 3 },
    },
  },
  start: {
    weekOfQuarter: {
      label: 'Start week of the quarter',
      name: 'start week',
      unit: 'week',
      suffix: 'of quarter',
      bounds: { int: true, min: 1, max: 52 },
    },
  },
  pipelineDeal: {
    rep: REP_NUMBER,
    ageWeeks: {
      label: 'Age',
      name: 'age',
      unit: 'weeks',
      suffix: 'weeks',
      bounds: { int: true, min: 0, max: 9_999 },
    },
    amount: {
      label: 'Amount',
      name: 'amount',
      unit: 'money',
      bounds: { above: 0, max: 1e12 },
      optional: true,
    },
    winOdds: {
      label: 'Odds factor for its age',
      name: 'age odds factor',
      unit: 'multiplier',
      suffix: '× the segment’s odds',
      bounds: { min: 1e-9, max: 1e9 },
      optional: true,
    },
  },
  booked: {
    rep: REP_NUMBER,
    amount: {
      label: 'Booked so far',
      name: 'booked so far',
      unit: 'money',
      bounds: { min: 0, max: 1e15 },
    },
    margin: {
      label: 'Margin so far',
      name: 'margin so far',
      unit: 'money',
      bounds: { min: -1e15, max: 1e15 },
      optional: true,
    },
  },
} as const satisfies Record<string, Record<string, ParamSpec>>;

export type ParamGroup = keyof typeof PARAMETERS;

/**
 * Where each group lives, as a path pattern: `[]` stands for any list index. The field follows
 * (`segments[].winRate`); a quantile pair adds `.median` or `.p90`, a specialist need the pool id.
 */
export const GROUP_PATHS: Record<ParamGroup, string> = {
  run: '',
  precision: 'precision.',
  horizon: 'horizon.',
  team: 'team.',
  dynamics: 'dynamics.',
  segment: 'segments[].',
  prospecting: 'segments[].prospecting.',
  pool: 'team.specialists[].',
  push: 'strategies[].quarterEndPush.',
  start: 'start.',
  pipelineDeal: 'start.pipeline[].',
  booked: 'start.booked[].',
};

/** A catalogue entry with where it is. */
export interface CataloguedParam extends ParamSpec {
  group: ParamGroup;
  field: string;
  /** Path pattern: `segments[].winRate`, `segments[].specialistHoursPerSellingHour.*`. */
  path: string;
}

/** Every catalogued parameter, in catalogue order. */
export const PARAMETER_LIST: readonly CataloguedParam[] = Object.entries(PARAMETERS).flatMap(
  ([group, fields]) =>
    Object.entries(fields as Record<string, ParamSpec>).map(([field, spec]) => ({
      ...spec,
      group: group as ParamGroup,
      field,
      path: `${GROUP_PATHS[group as ParamGroup]}${field}${field === 'specialistHoursPerSellingHour' ? '.*' : ''}`,
    })),
);

/**
 * The range of every numeric input, by group and field: the catalogue's bounds, in the shape
 * other code has imported since before the catalogue (`BOUNDS.segment.winRate`).
 */
export const BOUNDS = Object.fromEntries(
  Object.entries(PARAMETERS).map(([group, fields]) => [
    group,
    Object.fromEntries(
      Object.entries(fields as Record<string, ParamSpec>).map(([f, spec]) => [f, spec.bounds]),
    ),
  ]),
) as {
  [G in ParamGroup]: {
    [F in keyof (typeof PARAMETERS)[G]]: (typeof PARAMETERS)[G][F] extends { bounds: infer R }
      ? R
      : never;
  };
};

/** Which part of a quantile pair a path names, if any. */
export type QuantilePart = 'median' | 'p90';

/** A concrete path matched to its catalogue entry. */
export interface ParamMatch {
  param: CataloguedParam;
  /** The list index: the segment, pool or strategy. */
  index?: number;
  /** The part of a quantile pair (`…dealSize.p90`). */
  part?: QuantilePart;
  /** The pool id of a specialist need. */
  pool?: string;
}

const BY_PATH = new Map(PARAMETER_LIST.map((p) => [p.path, p]));

/**
 * The catalogue entry a concrete path names (`segments[1].dealSize.p90`, `team.reps`), or
 * undefined. Paths are written as validation messages write them (validate.ts, formatPath).
 */
export function paramAt(path: string): ParamMatch | undefined {
  let index: number | undefined;
  const pattern = path.replace(/\[(\d+)\]/, (_, i: string) => {
    index = Number(i);
    return '[]';
  });
  const need =
    /^(segments\[\]\.specialistHoursPerSellingHour)(?:\.(.+)|\[("(?:[^"\\]|\\.)*")\])$/.exec(
      pattern,
    );
  if (need) {
    const param = BY_PATH.get(`${need[1]}.*`);
    const pool = need[2] ?? JSON.parse(need[3] as string);
    return param ? { param, ...(index === undefined ? {} : { index }), pool } : undefined;
  }
  const part = /\.(median|p90)$/.exec(pattern)?.[1] as QuantilePart | undefined;
  const param = BY_PATH.get(part ? pattern.slice(0, -part.length - 1) : pattern);
  if (!param || (part !== undefined && !param.quantiles)) return undefined;
  return {
    param,
    ...(index === undefined ? {} : { index }),
    ...(part === undefined ? {} : { part }),
  };
}
