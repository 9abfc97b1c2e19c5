/**
 * A simulated team's history as a CRM export, for the closed loops of the calibration and the
 * forecast: one trial of a scenario's as-is strategy is replayed with `traceTrial`, and its deals
 * become rows — every arrival is an opportunity (owner = rep, created on a day of its arrival
 * week, spread deterministically), won and lost deals are closed on the last day of the week they
 * were decided in (docs/calibration.md, "Weeks and days"), a stalled deal is written as lost (a
 * CRM has no "went dark" stage), and deals still open are open.
 */
import { traceTrial } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';

/** Which column of the export holds each field the calibration reads. */
export const TRACED_EXPORT_MAPPING = {
  id: 'Deal ID',
  owner: 'Owner',
  stage: 'Stage',
  created: 'Created',
  closed: 'Closed',
  amount: 'Amount',
};

export const DAY_MS = 86_400_000;
export const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const frac = (d: number) => (d * 0.6180339887) % 1;

export interface TracedExportOptions {
  /** Day number of the simulation's week 0. */
  day0: number;
  /** The trial replayed (default 0). */
  trial?: number;
  /**
   * Cut the history at this day (the as-of date): rows created from it on are left out, deals
   * closed from it on are open, with their amount (default: nothing cut).
   */
  cut?: number;
  /** A share of opportunities entered again as rows that are never decided (default 0). */
  ghosts?: number;
  /** Sum the won amounts whose close date is in [from, to) (the actual of a quarter). */
  actual?: { from: number; to: number };
}

export interface TracedExport {
  csv: string;
  /** The day after the last simulated week (the as-of of an uncut export), or the cut. */
  asOf: string;
  actual: number;
}

/** The CSV: Deal ID, Owner, Segment, Stage, Created, Closed, Amount. */
export function tracedExport(scenario: Scenario, options: TracedExportOptions): TracedExport {
  const trace = traceTrial(scenario, options.trial ?? 0);
  const asIs = trace.strategies.find((s) => s.id === 'as-is');
  if (!asIs) throw new Error('the scenario has no as-is strategy');
  const arrived = new Map<number, { week: number; rep: number; segment: number; list: number }>();
  const decided = new Map<number, { week: number; kind: string; booked: number }>();
  for (const e of asIs.events) {
    if (e.kind === 'qualified-in')
      arrived.set(e.deal, { week: e.week, rep: e.rep, segment: e.segment, list: e.listValue });
    if (e.kind === 'won' || e.kind === 'lost' || e.kind === 'stalled')
      decided.set(e.deal, { week: e.week, kind: e.kind, booked: e.bookedValue });
  }
  const { day0, cut, ghosts = 0 } = options;
  const rows = ['Deal ID,Owner,Segment,Stage,Created,Closed,Amount'];
  let actual = 0;
  for (const [deal, a] of arrived) {
    const created = day0 + a.week * 7 + (Math.floor(frac(deal) * 7) % 7);
    const d = decided.get(deal);
    // Decided at the end of its week: closed on the last day of it.
    const closed = d === undefined ? undefined : day0 + (d.week + 1) * 7 - 1;
    const span = options.actual;
    if (
      span &&
      d?.kind === 'won' &&
      closed !== undefined &&
      closed >= span.from &&
      closed < span.to
    )
      actual += d.booked;
    if (cut !== undefined && created >= cut) continue;
    const segment = trace.segments[a.segment]?.id;
    if (frac(deal * 13 + 5) < ghosts)
      rows.push(
        `G${deal},Rep ${a.rep},${segment},Negotiation,${iso(created)},,${a.list.toFixed(2)}`,
      );
    if (d === undefined || closed === undefined || (cut !== undefined && closed >= cut)) {
      // Open: with its amount when cut (a CRM's expected amount), without one at the horizon.
      rows.push(
        `D${deal},Rep ${a.rep},${segment},Negotiation,${iso(created)},,${cut !== undefined ? a.list.toFixed(2) : ''}`,
      );
      continue;
    }
    const stage = d.kind === 'won' ? 'Closed Won' : 'Closed Lost';
    const amount = d.kind === 'won' ? d.booked.toFixed(2) : '';
    rows.push(`D${deal},Rep ${a.rep},${segment},${stage},${iso(created)},${iso(closed)},${amount}`);
  }
  return {
    csv: `${rows.join('\n')}\n`,
    asOf: iso(cut ?? day0 + trace.weeks * 7 + 6),
    actual,
  };
}
