import { integers, numbers } from './arrays.ts';

/**
 * One rep's state while a strategy plays (docs/model.md §3): the open deals in priority order and
 * the running figures the week's steps need.
 */
export class RepDesk {
  readonly rep: number;
  /** The rep's open deals, kept in priority order from week to week (so re-ranking is cheap). */
  active: number[] = [];
  /** How many of `active` are open. */
  count = 0;
  /**
   * With a fixed key, the open deals before this position are in order (they were ranked, then
   * only lost members); the ones from it on were added since, or a pull-in changed the order.
   */
  sortFrom = 0;
  /** Σ full-speed rates of the open deals: a week with spare hours needs no ranking. */
  rateSum = 0.5;
  /** Open deals pulled in (they are ranked first). */
  pulledCount = 0;
  /** The deals that ended this week, in priority order: d if decided, ~d if stalled. */
  ended: number[] = [];
  endedCount = 0;
  /** Open deals per segment (overhead is reported by segment). */
  readonly bySegment: number[];
  /** Hours left this week, as the week's steps spend them (docs/model.md §3). */
  hours = 0.5;
  /** Overhead hours spent this week. */
  overheadUsed = 0.5;
  /** Bookings and gross margin so far in the current quarter. */
  booked = 0.5;
  margin = 0.5;
  /** This week's capacity, and the hours left after qualification (for the hours by use). */
  capacity = 0.5;
  afterQualification = 0.5;
  /** Whether the rep pushes this week (docs/model.md §7). */
  pushing = false;
  /** This week's quarter (negative in the warm-up), whether it is reported, its last week. */
  qIdx = 0;
  reported = false;
  quarterEnd = 0;
  /** Whether this week closes a quarter (not while settling). */
  lastOfQuarter = false;
  /** Prospecting hours spent and not yet turned into an opportunity, per segment (§14). */
  readonly prospectBank: number[];
  /** Opportunities prospected so far this trial, per segment: the next one's stream index. */
  readonly prospectedCount: number[];
  /** Prospected opportunities on their way: deal and arrival week, in the order prospected. */
  pendingDeal: number[] = [];
  pendingWeek: number[] = [];
  pendingCount = 0;
  /** This week's prospected arrivals, while they are qualified. */
  due: number[] = [];

  constructor(rep: number, segments: number) {
    this.rep = rep;
    this.bySegment = integers(segments);
    this.prospectBank = numbers(segments);
    this.prospectedCount = integers(segments);
    // The fractions above make V8 store the hour and money fields as doubles from the start;
    // reset then zeroes them.
    this.reset(0);
  }

  /** Empties the desk for a new trial, with room for `capacity` open deals. */
  reset(capacity: number): void {
    if (this.active.length < capacity) {
      const cap = Math.max(capacity, this.active.length * 2);
      this.active = integers(cap);
      this.ended = integers(cap);
    }
    this.count = 0;
    this.endedCount = 0;
    this.sortFrom = 0;
    this.rateSum = 0;
    this.hours = 0;
    this.overheadUsed = 0;
    this.capacity = 0;
    this.afterQualification = 0;
    this.pulledCount = 0;
    this.bySegment.fill(0);
    this.booked = 0;
    this.margin = 0;
    this.pushing = false;
    this.prospectBank.fill(0);
    this.prospectedCount.fill(0);
    this.pendingCount = 0;
  }

  /** Queues prospected deal d to arrive in week `week`. */
  expect(d: number, week: number): void {
    this.pendingDeal[this.pendingCount] = d;
    this.pendingWeek[this.pendingCount] = week;
    this.pendingCount++;
  }
}
