/**
 * Event codes of what happens to a deal in a week: indices into TRACE_EVENT_KINDS (trace.ts).
 */
export const EV_ARRIVED = 0;
export const EV_QUALIFIED_IN = 1;
export const EV_QUALIFIED_OUT = 2;
export const EV_UNQUALIFIED = 3;
export const EV_PULLED_IN = 4;
export const EV_WON = 5;
export const EV_LOST = 6;
export const EV_STALLED = 7;
/** The rep sourced the deal by prospecting (docs/model.md §14); it arrives `lagWeeks` later. */
export const EV_PROSPECTED = 8;

/**
 * A rep-week's hours by use, in the order of the replay's TRACE_USES (trace.ts): a type only, so
 * the hot loop still passes five plain numbers.
 */
export type RepWeekHours = [
  worked: number,
  qualification: number,
  overhead: number,
  idle: number,
  prospecting: number,
];

/**
 * Watches one strategy play one trial, within the horizon (the weeks that settle the deals still
 * open after it are not observed). One interface for both observers: the replay trace
 * (trace.ts) and each deal's fate for the waterfall (waterfall.ts). Normal runs pass none and
 * pay one `undefined` check per event site.
 */
export interface RunObserver {
  /**
   * Whether it wants every arrival's events (EV_ARRIVED … EV_UNQUALIFIED) and every rep-week's
   * hours: the replay does, the waterfall does not, and skipping those calls keeps a normal run
   * as fast as one without an observer.
   */
  readonly watchesEveryWeek: boolean;
  /** Deal `deal` of rep `rep` had event `kind` (EV_*) in week `week`; `booked` for EV_WON. */
  event(kind: number, week: number, rep: number, deal: number, booked: number): void;
  /** How rep `rep` spent its hours in week `week`. */
  hours(rep: number, week: number, ...hours: RepWeekHours): void;
  /** Rep `rep` pushed in week `week` (docs/model.md §7). */
  push(rep: number, week: number): void;
  /** Deal `deal` is still open when the horizon ends (docs/model.md §6). */
  stillOpen(deal: number): void;
}
