/**
 * The proposed sweet-spot split (docs/calibration.md, "When the segments do not differ"): with one
 * segment, or segments whose fitted numbers differ by less than their noise, focus and as-is pursue
 * the same kind of deal and the comparison says nothing. This module says so and proposes the split
 * of one column's values — product, industry, source, a size band — with the best won value per
 * rep hour, for the user to accept or change.
 *
 * Rep hours are not in a CRM export. Under the calibration's own assumption (effort per deal-week
 * is the same in every segment, docs/calibration.md "Selling hours and effort per deal"), the hours
 * a closed deal took are proportional to its created → closed weeks, so won value per rep hour is
 * proportional to **won value per deal-week**: Σ won amounts ÷ Σ weeks of the closed deals (won
 * and lost) — a ratio estimator, with the standard error of Cochran (1977), *Sampling
 * Techniques*, 3rd ed., §6.3, eq. 6.13.
 */
import { type JoinedView, keyShape } from './join.ts';
import { type DecimalSeparator, parseAmount } from './numbers.ts';
import type { Opportunity } from './records.ts';
import type { Condition, SegmentRule } from './segments.ts';
import { median, quantileSorted, sortedCopy } from './stats.ts';

/** |z| below this: two groups' figures differ by less than their noise (about 95%, two-sided). */
export const INDISTINGUISHABLE_Z = 2;
/** A proposed split is called clear when the sweet spot's advantage is this many standard errors. */
export const CLEAR_SPLIT_Z = 3;
/** Columns with more distinct values than this are split into numeric bands, or skipped. */
export const MAX_CATEGORIES = 12;

/** One value (or numeric band) of a candidate column. */
export interface SplitGroup {
  /** The value as written in the export, or a band such as "50 to 200". */
  label: string;
  conditions: Condition[];
  /** Closed deals (won + lost) with a cycle, and of them won. */
  closed: number;
  won: number;
  winRate: number;
  /** Median won amount and median created → closed weeks of won deals (NaN without any). */
  medianWon: number;
  medianWonWeeks: number;
  /** Won amount per deal-week of closed deals, and its standard error. */
  valuePerDealWeek: number;
  standardError: number;
}

/** A split of one column: the sweet-spot values against the rest. */
export interface SplitCandidate {
  column: string;
  kind: 'values' | 'bands';
  /** Every group of the column, best value per deal-week first ("other" lumps rare values). */
  groups: SplitGroup[];
  /** The groups proposed as the sweet spot (a prefix of `groups`). */
  sweet: SplitGroup;
  rest: SplitGroup;
  /** (sweet − rest) value per deal-week in standard errors. */
  z: number;
  /** sweet ÷ rest value per deal-week. */
  ratio: number;
  /** The segment rules: the sweet spot, then a catch-all for everything else. */
  rules: SegmentRule[];
  /** The same as `--segment` specs for the CLI. */
  specs: string[];
}

export interface SplitProposal {
  /** Why a split is proposed. */
  reason: 'one-segment' | 'indistinguishable' | 'all-sweet';
  /** The reason in a sentence, naming the segments and figures. */
  message: string;
  /** Every column's best split, best first: the first is the proposal. */
  candidates: SplitCandidate[];
  /** Whether the first candidate is clear (z ≥ CLEAR_SPLIT_Z), else the note says it may be noise. */
  clear: boolean;
  /** Columns looked at but not used, each with the reason. */
  skipped: { column: string; reason: string }[];
}

interface Stat {
  n: number;
  won: number;
  sumAmount: number;
  sumWeeks: number;
  /** For the ratio estimator's variance: Σ a², Σ t², Σ a·t. */
  sumAA: number;
  sumTT: number;
  sumAT: number;
  wonAmounts: number[];
  wonWeeks: number[];
}

function emptyStat(): Stat {
  return {
    n: 0,
    won: 0,
    sumAmount: 0,
    sumWeeks: 0,
    sumAA: 0,
    sumTT: 0,
    sumAT: 0,
    wonAmounts: [],
    wonWeeks: [],
  };
}

/** Weeks from created to closed, a same-day close counting as half a day (as the history does). */
function weeksOf(o: Opportunity): number {
  return Math.max((o.closed as number) - o.created, 0.5) / 7;
}

/** A closed deal that informs value per deal-week: won with an amount, or lost, with a close date. */
function usable(o: Opportunity): boolean {
  return (
    o.closed !== undefined &&
    (o.outcome === 'lost' || (o.outcome === 'won' && o.amount !== undefined))
  );
}

function add(s: Stat, o: Opportunity): void {
  const t = weeksOf(o);
  const a = o.outcome === 'won' ? (o.amount as number) : 0;
  s.n++;
  s.sumAmount += a;
  s.sumWeeks += t;
  s.sumAA += a * a;
  s.sumTT += t * t;
  s.sumAT += a * t;
  if (o.outcome === 'won') {
    s.won++;
    s.wonAmounts.push(a);
    s.wonWeeks.push(t);
  }
}

function merge(stats: readonly Stat[]): Stat {
  const m = emptyStat();
  for (const s of stats) {
    m.n += s.n;
    m.won += s.won;
    m.sumAmount += s.sumAmount;
    m.sumWeeks += s.sumWeeks;
    m.sumAA += s.sumAA;
    m.sumTT += s.sumTT;
    m.sumAT += s.sumAT;
    for (const x of s.wonAmounts) m.wonAmounts.push(x);
    for (const x of s.wonWeeks) m.wonWeeks.push(x);
  }
  return m;
}

/**
 * Won value per deal-week R = Σa ÷ Σt and its standard error by the ratio estimator's
 * linearisation: Var(R) ≈ Σ (aᵢ − R tᵢ)² ÷ ((n − 1) n t̄²) (Cochran 1977, eq. 6.13, without the
 * finite-population correction).
 */
export function ratioEstimate(
  n: number,
  sumA: number,
  sumT: number,
  sumAA: number,
  sumTT: number,
  sumAT: number,
): { value: number; standardError: number } {
  if (n === 0 || sumT <= 0) return { value: Number.NaN, standardError: Number.NaN };
  const r = sumA / sumT;
  if (n < 2) return { value: r, standardError: Number.POSITIVE_INFINITY };
  const residual = Math.max(0, sumAA - 2 * r * sumAT + r * r * sumTT);
  const meanT = sumT / n;
  return { value: r, standardError: Math.sqrt(residual / ((n - 1) * n * meanT * meanT)) };
}

function group(label: string, conditions: Condition[], s: Stat): SplitGroup {
  const { value, standardError } = ratioEstimate(
    s.n,
    s.sumAmount,
    s.sumWeeks,
    s.sumAA,
    s.sumTT,
    s.sumAT,
  );
  return {
    label,
    conditions,
    closed: s.n,
    won: s.won,
    winRate: s.n > 0 ? s.won / s.n : Number.NaN,
    medianWon: s.wonAmounts.length > 0 ? median(s.wonAmounts) : Number.NaN,
    medianWonWeeks: s.wonWeeks.length > 0 ? median(s.wonWeeks) : Number.NaN,
    valuePerDealWeek: value,
    standardError,
  };
}

/** z of the difference of two independent estimates. */
function zOf(a: number, seA: number, b: number, seB: number): number {
  const se = Math.sqrt(seA * seA + seB * seB);
  return se > 0 ? (a - b) / se : a === b ? 0 : Math.sign(a - b) * Number.POSITIVE_INFINITY;
}

/** A segment id from a label: letters, digits and dashes, starting with a letter or digit. */
function idOf(text: string): string {
  const id = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return id === '' || id === 'other' ? 'sweet-spot' : id;
}

/** A number written back for a rule: plain digits, at most 6 significant. */
function plain(x: number): string {
  return Number(x.toPrecision(6)).toString();
}

function specOf(rule: SegmentRule): string {
  const parts = [`id=${rule.id}`, `name=${rule.name}`];
  if (rule.sweetSpot) parts.push('sweet=true');
  for (const c of rule.conditions) {
    if ('values' in c) parts.push(`${c.column} ${c.op} ${c.values.join(',')}`);
    else if ('low' in c) parts.push(`${c.column} between ${plain(c.low)} and ${plain(c.high)}`);
    else
      parts.push(`${c.column} ${c.op} ${typeof c.value === 'number' ? plain(c.value) : c.value}`);
  }
  return parts.join(';');
}

/** The segment-rule syntax cannot hold these in a value (docs/calibration.md, "Segments"). */
function writable(value: string): boolean {
  return !/[;,|]/.test(value) && value.trim() === value && value !== '';
}

/**
 * The best sweet-spot split of one column's groups (sorted best first): the prefix of groups
 * with the largest z of (prefix − rest) value per deal-week. A prefix, because a sweet spot is the
 * best values together; trying every prefix is at most MAX_CATEGORIES − 1 splits.
 */
function bestPrefix(
  column: string,
  kind: SplitCandidate['kind'],
  groups: { g: SplitGroup; s: Stat }[],
  lumped: { g: SplitGroup; s: Stat } | undefined,
  empty: Stat,
): SplitCandidate | undefined {
  const ranked = [...groups].sort((a, b) => b.g.valuePerDealWeek - a.g.valuePerDealWeek);
  // Bands are contiguous ranges: only one band can be the sweet spot (a rule is a conjunction).
  // The rest must keep some deals: a group outside the prefix, rare values or empty cells.
  const maxK = kind === 'bands' ? 1 : ranked.length - (lumped || empty.n > 0 ? 0 : 1);
  let best: SplitCandidate | undefined;
  for (let k = 1; k <= maxK; k++) {
    const inSweet = ranked.slice(0, k);
    const outside = [...ranked.slice(k), ...(lumped ? [lumped] : [])];
    const sweetStat = merge(inSweet.map((x) => x.s));
    const restStat = merge([...outside.map((x) => x.s), empty]);
    if (restStat.n === 0) continue;
    const conditions: Condition[] =
      kind === 'bands'
        ? (inSweet[0] as { g: SplitGroup }).g.conditions
        : [{ column, op: 'in', values: inSweet.map((x) => x.g.label) }];
    const label = inSweet.map((x) => x.g.label).join(', ');
    const sweet = group(label, conditions, sweetStat);
    const rest = group('everything else', [], restStat);
    const z = zOf(
      sweet.valuePerDealWeek,
      sweet.standardError,
      rest.valuePerDealWeek,
      rest.standardError,
    );
    if (best !== undefined && !(z > best.z)) continue;
    const name = `${column}: ${label}`.slice(0, 200);
    const rules: SegmentRule[] = [
      { id: idOf(label), name, sweetSpot: true, conditions },
      { id: 'other', name: 'Everything else', sweetSpot: false, conditions: [] },
    ];
    best = {
      column,
      kind,
      groups: [...ranked.map((x) => x.g), ...(lumped ? [lumped.g] : [])],
      sweet,
      rest,
      z,
      ratio: sweet.valuePerDealWeek / rest.valuePerDealWeek,
      rules,
      specs: rules.map(specOf),
    };
  }
  return best;
}

interface ColumnPlan {
  kind: SplitCandidate['kind'];
  /** The group each opportunity falls in (-1: empty cell), and each group's label/conditions. */
  groupOf: (o: Opportunity) => number;
  labels: string[];
  conditions: Condition[][];
}

/** Tertile bands of a numeric column: below t1, t1 to t2, t2 and above. */
function bandPlan(
  column: string,
  values: readonly number[],
  numberOf: (o: Opportunity) => number | undefined,
): ColumnPlan | undefined {
  const sorted = sortedCopy(values);
  const t1 = Number(quantileSorted(sorted, 1 / 3).toPrecision(3));
  const t2 = Number(quantileSorted(sorted, 2 / 3).toPrecision(3));
  if (!(t1 < t2) || !((sorted[0] as number) < t1)) return undefined;
  const fmt = (x: number) => x.toLocaleString('en-US');
  return {
    kind: 'bands',
    groupOf: (o) => {
      const v = numberOf(o);
      if (v === undefined) return -1;
      return v < t1 ? 0 : v < t2 ? 1 : 2;
    },
    labels: [`below ${fmt(t1)}`, `${fmt(t1)} to below ${fmt(t2)}`, `${fmt(t2)} and above`],
    conditions: [
      [{ column, op: '<', value: t1 }],
      [
        { column, op: '>=', value: t1 },
        { column, op: '<', value: t2 },
      ],
      [{ column, op: '>=', value: t2 }],
    ],
  };
}

/** How a column can be split, or why it cannot. */
function planColumn(
  column: string,
  view: JoinedView,
  opps: readonly Opportunity[],
  decimal: DecimalSeparator,
): ColumnPlan | string {
  const read = view.reader(column);
  const byRow = new Map<number, string>();
  const distinct = new Map<string, string>();
  let filled = 0;
  for (const o of opps) {
    const v = read(o.row).trim();
    byRow.set(o.row, v);
    if (v === '') continue;
    filled++;
    const key = v.toLowerCase();
    if (!distinct.has(key)) distinct.set(key, v);
  }
  if (filled < opps.length / 2) return 'empty in more than half the rows';
  if (distinct.size < 2) return 'one value only';
  // A column constant within each rep (team, manager, office) describes the team, not the deals.
  const owners = new Map<string, string>();
  let perRep = true;
  for (const o of opps) {
    if (o.owner === '') continue;
    const v = (byRow.get(o.row) as string).toLowerCase();
    const seen = owners.get(o.owner);
    if (seen === undefined) owners.set(o.owner, v);
    else if (seen !== v) {
      perRep = false;
      break;
    }
  }
  if (perRep && owners.size >= 2) return 'one value per rep: it describes the team, not the deals';
  if (distinct.size <= MAX_CATEGORIES) {
    const values = [...distinct.values()];
    if (!values.every(writable)) return 'values contain ; , or | and cannot be written as a rule';
    const index = new Map([...distinct.keys()].map((k, i) => [k, i]));
    return {
      kind: 'values',
      groupOf: (o) => {
        const v = (byRow.get(o.row) as string).toLowerCase();
        return v === '' ? -1 : (index.get(v) as number);
      },
      labels: values,
      conditions: values.map((v) => [{ column, op: 'in', values: [v] }]),
    };
  }
  const numbers = new Map<number, number>();
  for (const o of opps) {
    const text = byRow.get(o.row) as string;
    if (text === '') continue;
    const x = parseAmount(text, decimal);
    if (x !== undefined && Number.isFinite(x)) numbers.set(o.row, x);
  }
  if (numbers.size < filled * 0.95)
    return `${distinct.size} distinct values (more than ${MAX_CATEGORIES}) and not numeric`;
  const plan = bandPlan(column, [...numbers.values()], (o) => numbers.get(o.row));
  return plan ?? 'numeric, but too few distinct values for three bands';
}

/** The columns worth trying: not the mapped fields, and a joined column only once. */
function candidateColumns(view: JoinedView, mapped: readonly string[]): string[] {
  const mappedKeys = new Set(mapped.map(keyShape));
  const bare = new Set(view.columns.filter((c) => !c.includes('.')).map(keyShape));
  return view.columns.filter((c) => {
    if (mappedKeys.has(keyShape(c))) return false;
    const dot = c.lastIndexOf('.');
    // `product.series` when `series` itself is a column (the same values under two names).
    return !(dot > 0 && bare.has(keyShape(c.slice(dot + 1))));
  });
}

/**
 * Every column's best sweet-spot split, best first (by z of the sweet spot's advantage in won
 * value per deal-week), with the columns that could not be split and why.
 */
export function rankSplits(
  opportunities: readonly Opportunity[],
  view: JoinedView,
  mappedColumns: readonly string[],
  decimal: DecimalSeparator = '.',
): { candidates: SplitCandidate[]; skipped: SplitProposal['skipped'] } {
  const opps = opportunities.filter(usable);
  const total = opps.length;
  // A value needs enough closed deals for its own figures: 20, or 3% of the closed deals.
  const minClosed = Math.max(20, Math.ceil(0.03 * total));
  const candidates: SplitCandidate[] = [];
  const skipped: SplitProposal['skipped'] = [];
  for (const column of candidateColumns(view, mappedColumns)) {
    const plan = planColumn(column, view, opps, decimal);
    if (typeof plan === 'string') {
      skipped.push({ column, reason: plan });
      continue;
    }
    const stats = plan.labels.map(emptyStat);
    const empty = emptyStat();
    for (const o of opps) {
      const g = plan.groupOf(o);
      add(g < 0 ? empty : (stats[g] as Stat), o);
    }
    const big: { g: SplitGroup; s: Stat }[] = [];
    const small: Stat[] = [];
    stats.forEach((s, i) => {
      if (s.n >= minClosed)
        big.push({ g: group(plan.labels[i] as string, plan.conditions[i] as Condition[], s), s });
      else if (s.n > 0) small.push(s);
    });
    if (big.length < (small.length > 0 || empty.n > 0 ? 1 : 2)) {
      skipped.push({ column, reason: `fewer than two values with ${minClosed} closed deals each` });
      continue;
    }
    const lumpedStat = merge(small);
    const lumped =
      lumpedStat.n > 0
        ? {
            g: group(`other values (each under ${minClosed} closed deals)`, [], lumpedStat),
            s: lumpedStat,
          }
        : undefined;
    const best = bestPrefix(column, plan.kind, big, lumped, empty);
    if (!best) skipped.push({ column, reason: 'every deal would be in the sweet spot' });
    else if (!(best.z > 0))
      // Rare values lumped together can be worth more than any value with deals enough.
      skipped.push({ column, reason: 'no value is worth more per deal-week than the rest' });
    else candidates.push(best);
  }
  candidates.sort((a, b) => b.z - a.z || a.column.localeCompare(b.column));
  return { candidates, skipped };
}

/** The sweet spot against the rest: each fitted figure's difference in standard errors. */
export type SweetSpotComparison =
  | { kind: 'all-sweet' }
  | {
      kind: 'compared';
      indistinguishable: boolean;
      z: Record<'winRate' | 'dealSize' | 'cycle' | 'valuePerDealWeek', number>;
    };

/** A segment's deals, for `compareSweetSpot`. */
export interface SegmentDeals {
  name: string;
  sweetSpot: boolean;
  opportunities: readonly Opportunity[];
}

function logStats(xs: readonly number[]): { mean: number; se: number } {
  const n = xs.length;
  if (n < 2)
    return { mean: n === 1 ? Math.log(xs[0] as number) : Number.NaN, se: Number.POSITIVE_INFINITY };
  let sum = 0;
  for (const x of xs) sum += Math.log(x);
  const mean = sum / n;
  let ss = 0;
  for (const x of xs) ss += (Math.log(x) - mean) ** 2;
  return { mean, se: Math.sqrt(ss / (n - 1) / n) };
}

/**
 * Whether the sweet spot and the rest differ by less than their noise in every fitted figure —
 * win rate (two-proportion z, pooled), log won amount and log won cycle (Welch z on the logs) and
 * won value per deal-week — each |z| < INDISTINGUISHABLE_Z. Returns the figures' z values.
 */
export function compareSweetSpot(segments: readonly SegmentDeals[]):
  | { kind: 'all-sweet' }
  | {
      kind: 'compared';
      indistinguishable: boolean;
      z: Record<'winRate' | 'dealSize' | 'cycle' | 'valuePerDealWeek', number>;
    } {
  const sweet = segments.filter((s) => s.sweetSpot).flatMap((s) => s.opportunities.filter(usable));
  const rest = segments.filter((s) => !s.sweetSpot).flatMap((s) => s.opportunities.filter(usable));
  if (rest.length === 0 || sweet.length === 0) return { kind: 'all-sweet' };
  const stat = (opps: readonly Opportunity[]) => {
    const s = emptyStat();
    for (const o of opps) add(s, o);
    return s;
  };
  const a = stat(sweet);
  const b = stat(rest);
  const pooled = (a.won + b.won) / (a.n + b.n);
  const seRate = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  const winRate = zOf(a.won / a.n, seRate, b.won / b.n, 0);
  const sizeA = logStats(a.wonAmounts.filter((x) => x > 0));
  const sizeB = logStats(b.wonAmounts.filter((x) => x > 0));
  const cycleA = logStats(a.wonWeeks);
  const cycleB = logStats(b.wonWeeks);
  const va = group('', [], a);
  const vb = group('', [], b);
  const z = {
    winRate,
    dealSize: zOf(sizeA.mean, sizeA.se, sizeB.mean, sizeB.se),
    cycle: zOf(cycleA.mean, cycleA.se, cycleB.mean, cycleB.se),
    valuePerDealWeek: zOf(
      va.valuePerDealWeek,
      va.standardError,
      vb.valuePerDealWeek,
      vb.standardError,
    ),
  };
  const indistinguishable = Object.values(z).every((x) => !(Math.abs(x) >= INDISTINGUISHABLE_Z));
  return { kind: 'compared', indistinguishable, z };
}

/**
 * The proposal for a calibration whose segments do not separate the sweet spot (one segment, every
 * segment marked sweet, or sweet spot and rest indistinguishable), or undefined when they do.
 */
export function proposeSplit(
  segments: readonly SegmentDeals[],
  view: JoinedView,
  mappedColumns: readonly string[],
  decimal: DecimalSeparator = '.',
): SplitProposal | undefined {
  let reason: SplitProposal['reason'];
  let message: string;
  if (segments.length === 1) {
    reason = 'one-segment';
    message =
      'one segment: focus and as-is pursue the same deals, so the comparison shows no difference';
  } else {
    const compared = compareSweetSpot(segments);
    if (compared.kind === 'all-sweet') {
      reason = 'all-sweet';
      message =
        'every segment is marked as the sweet spot: focus and as-is pursue the same deals, so the comparison shows no difference';
    } else if (compared.indistinguishable) {
      reason = 'indistinguishable';
      const names = (sweet: boolean) =>
        segments
          .filter((s) => s.sweetSpot === sweet)
          .map((s) => `"${s.name}"`)
          .join(', ');
      const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '∞');
      message = `the sweet spot (${names(true)}) and the rest (${names(false)}) differ by less than their noise in every fitted figure (z: win rate ${f(compared.z.winRate)}, deal size ${f(compared.z.dealSize)}, cycle ${f(compared.z.cycle)}, won value per deal-week ${f(compared.z.valuePerDealWeek)}; |z| < ${INDISTINGUISHABLE_Z}): focus would only pursue fewer of the same kind of deal`;
    } else return undefined;
  }
  const all = segments.flatMap((s) => s.opportunities);
  const { candidates, skipped } = rankSplits(all, view, mappedColumns, decimal);
  const best = candidates[0];
  return {
    reason,
    message,
    candidates,
    clear: best !== undefined && best.z >= CLEAR_SPLIT_Z,
    skipped,
  };
}

/** The proposal in a few lines for the CLI and the report. */
export function formatSplitProposal(p: SplitProposal): string {
  const money = (x: number) =>
    Number.isFinite(x) ? `$${Math.round(x).toLocaleString('en-US')}` : '—';
  const lines = [`Sweet spot: ${p.message}.`];
  const [best, ...others] = p.candidates;
  if (!best) {
    lines.push(
      'No column of the export splits the deals (each needs values with enough closed deals): add a segment rule yourself (--segment).',
    );
    return lines.join('\n');
  }
  lines.push(
    `Proposed split (${p.clear ? 'clear' : `NOT clear: ${best.z.toFixed(1)} standard errors, it may be noise`}): ${best.column} ${best.sweet.label} — won ${money(best.sweet.valuePerDealWeek)} per deal-week (±${money(best.sweet.standardError)}) against ${money(best.rest.valuePerDealWeek)} (±${money(best.rest.standardError)}) for everything else, ×${best.ratio.toFixed(2)}, z = ${best.z.toFixed(1)}.`,
    '  value                     closed   win rate   median won   median weeks   won $ per deal-week',
  );
  for (const g of best.groups)
    lines.push(
      `  ${g.label.slice(0, 24).padEnd(24)} ${String(g.closed).padStart(7)}   ${(g.winRate * 100).toFixed(1).padStart(7)}%   ${money(g.medianWon).padStart(10)}   ${(Number.isFinite(g.medianWonWeeks) ? g.medianWonWeeks.toFixed(1) : '—').padStart(12)}   ${money(g.valuePerDealWeek).padStart(10)} ± ${money(g.standardError)}`,
    );
  lines.push(
    `To use it: --split ${best.column.includes(' ') ? `'${best.column}'` : best.column}   (or ${best.specs.map((s) => `--segment '${s}'`).join(' ')})`,
  );
  if (others.length > 0)
    lines.push(
      `Other columns: ${others
        .slice(0, 4)
        .map(
          (a) =>
            `${a.column} (${a.sweet.label.slice(0, 40)}, ×${a.ratio.toFixed(2)}, z = ${a.z.toFixed(1)})`,
        )
        .join('; ')}.`,
    );
  lines.push(
    'Won value per deal-week stands for won value per rep hour: the calibration takes a deal-week to cost the same rep hours in every segment.',
  );
  return lines.join('\n');
}
