/**
 * Column mapping and outcome mapping: which export column holds which fact, guessed from common
 * CRM header names (Salesforce, HubSpot, the Maven sample), and which stage values mean won,
 * lost or still open. Open deals are censored observations, never losses.
 */

/** The facts calibration reads from an export. */
export type MappingField = 'id' | 'stage' | 'amount' | 'created' | 'closed' | 'listPrice' | 'owner';

/** Export (or joined) column name for each fact; stage and created are required. */
export type ColumnMapping = Partial<Record<MappingField, string>>;

export const MAPPING_FIELDS: readonly MappingField[] = [
  'id',
  'stage',
  'amount',
  'created',
  'closed',
  'listPrice',
  'owner',
];

/** What each field is, for help texts and messages. */
export const MAPPING_FIELD_LABELS: Record<MappingField, string> = {
  id: 'opportunity id',
  stage: 'stage / outcome',
  amount: 'amount',
  created: 'created (or engaged) date',
  closed: 'closed date',
  listPrice: 'list price',
  owner: 'owner',
};

/** Known header spellings, compared after lower-casing and dropping non-alphanumerics. */
const KNOWN_HEADERS: Record<MappingField, readonly string[]> = {
  id: ['opportunityid', 'dealid', 'recordid', 'id'],
  stage: ['stage', 'dealstage', 'opportunitystage', 'stagename', 'status', 'outcome'],
  amount: ['amount', 'closevalue', 'dealamount', 'dealvalue', 'value'],
  created: ['createddate', 'createdate', 'engagedate', 'created', 'createdon', 'opendate'],
  closed: ['closedate', 'closeddate', 'closedon', 'dateclosed'],
  listPrice: ['listprice', 'salesprice', 'totallistprice', 'msrp'],
  owner: ['opportunityowner', 'dealowner', 'owner', 'salesagent', 'salesrep', 'ownername', 'rep'],
};

/** Lower-case letters and digits only: `Opportunity Owner` → `opportunityowner`. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Guesses the mapping from header names. Each header is used at most once; earlier entries in
 * the known-name lists win, so `Opportunity ID` beats a bare `ID`.
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  const byNorm = new Map<string, string>();
  for (const h of headers) {
    const norm = normalizeName(h);
    if (!byNorm.has(norm)) byNorm.set(norm, h);
  }
  for (const field of MAPPING_FIELDS) {
    for (const known of KNOWN_HEADERS[field]) {
      const header = byNorm.get(normalizeName(known));
      if (header !== undefined && !used.has(header)) {
        mapping[field] = header;
        used.add(header);
        break;
      }
    }
  }
  return mapping;
}

export type Outcome = 'won' | 'lost' | 'open';

/** One distinct stage value, how it is read, and whether that was guessed. */
export interface OutcomeEntry {
  value: string;
  outcome: Outcome;
  count: number;
  guessed: boolean;
}

const WON = new Set(['won', 'closedwon', 'win', 'dealwon']);
const LOST = new Set(['lost', 'closedlost', 'loss', 'deallost']);

/** Default reading of a stage value: Won / Closed Won → won, Lost / Closed Lost → lost, else open. */
export function guessOutcome(value: string): Outcome {
  const norm = normalizeName(value);
  if (WON.has(norm)) return 'won';
  if (LOST.has(norm)) return 'lost';
  return 'open';
}

/** Explicit stage values; when given, every other value is open. Compared trimmed, case-insensitive. */
export interface OutcomeRules {
  won?: readonly string[];
  lost?: readonly string[];
}

/**
 * Reads every distinct stage value (with counts) as won, lost or open: by the explicit rules
 * when any are given, else by `guessOutcome`. The result is meant to be shown for confirmation.
 */
export function outcomeTable(stages: Iterable<string>, rules: OutcomeRules = {}): OutcomeEntry[] {
  const counts = new Map<string, number>();
  for (const raw of stages) {
    const value = raw.trim();
    if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const explicit = (rules.won?.length ?? 0) + (rules.lost?.length ?? 0) > 0;
  const key = (s: string) => s.trim().toLowerCase();
  const won = new Set((rules.won ?? []).map(key));
  const lost = new Set((rules.lost ?? []).map(key));
  const entries: OutcomeEntry[] = [];
  for (const [value, count] of counts) {
    let outcome: Outcome;
    if (explicit) outcome = won.has(key(value)) ? 'won' : lost.has(key(value)) ? 'lost' : 'open';
    else outcome = guessOutcome(value);
    entries.push({ value, outcome, count, guessed: !explicit });
  }
  return entries.sort(
    (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}
