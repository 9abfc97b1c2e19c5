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

/**
 * Known header spellings, compared after lower-casing and dropping non-alphanumerics (so `Close
 * Date`, `close_date`, `CLOSE-DATE` and `closeDate` are one name), best first: Salesforce
 * (`Opportunity ID`, `Stage`, `Amount`, `Created Date`, `Close Date`, `Opportunity Owner`),
 * HubSpot (`Record ID`, `Deal Stage`, `Amount`, `Create Date`, `Close Date`, `Deal owner`),
 * Pipedrive (`Deal - ID`, `Deal - Status`, `Deal - Value`, `Deal - Deal created`,
 * `Deal - Deal closed on`, `Deal - Owner`; the `Deal - ` prefix is dropped first), Zoho, the
 * Maven sample and the names people give spreadsheet columns (`deal_size_usd`, `date_created`,
 * `date_sourced`, `salesperson`, `project_total`).
 */
const KNOWN_HEADERS: Record<MappingField, readonly string[]> = {
  id: [
    'opportunityid',
    'dealid',
    'recordid',
    'oppid',
    'hsobjectid',
    'opportunitynumber',
    'dealnumber',
    'id',
  ],
  stage: [
    'stage',
    'dealstage',
    'opportunitystage',
    'stagename',
    'status',
    'dealstatus',
    'outcome',
    'result',
    'winloss',
    'wonlost',
    'state',
    'pipelinestage',
    'salesstage',
  ],
  amount: [
    'amount',
    'closevalue',
    'dealamount',
    'dealvalue',
    'value',
    'dealsize',
    'dealsizeusd',
    'amountusd',
    'opportunityamount',
    'projecttotal',
    'totalamount',
    'total',
    'contractvalue',
    'totalcontractvalue',
    'tcv',
    'acv',
    'arr',
    'revenue',
    'price',
    'bookingamount',
    'bookings',
  ],
  created: [
    'createddate',
    'createdate',
    'engagedate',
    'created',
    'createdon',
    'createdat',
    'opendate',
    'datecreated',
    'datesourced',
    'sourceddate',
    'dealcreated',
    'dealcreatedon',
    'creationdate',
    'dateopened',
    'openeddate',
    'opened',
    'openedon',
    'startdate',
    'dateadded',
    'addtime',
  ],
  closed: [
    'closedate',
    'closeddate',
    'closedon',
    'dateclosed',
    'closedat',
    'dealclosedon',
    'closed',
    'closetime',
    'closingdate',
    'decisiondate',
    'datedecided',
    'decided',
    'decidedon',
    'wondate',
    'enddate',
  ],
  listPrice: ['listprice', 'salesprice', 'totallistprice', 'msrp', 'listvalue', 'unitprice'],
  owner: [
    'opportunityowner',
    'dealowner',
    'owner',
    'salesagent',
    'salesrep',
    'salesperson',
    'ownername',
    'rep',
    'repname',
    'accountexecutive',
    'ae',
    'seller',
    'hubspotowner',
    'assignedto',
    'user',
  ],
};

/**
 * Words that make a header a weaker candidate for a field when no known name matches: used to
 * fill a field (`Deal Size (USD)` → amount) and to suggest columns when a required one is missing.
 */
const FIELD_WORDS: Record<MappingField, readonly string[]> = {
  id: ['id', 'number', 'key'],
  stage: ['stage', 'status', 'outcome', 'result', 'won', 'phase'],
  amount: ['amount', 'value', 'size', 'total', 'revenue', 'price', 'usd', 'eur', 'gbp', 'booking'],
  created: [
    'created',
    'create',
    'creation',
    'opened',
    'open',
    'sourced',
    'engage',
    'engaged',
    'start',
    'added',
  ],
  closed: ['closed', 'close', 'closing', 'decided', 'decision', 'won', 'lost', 'end'],
  listPrice: ['list', 'msrp'],
  owner: ['owner', 'rep', 'agent', 'person', 'seller', 'executive', 'assigned', 'user'],
};

/** Lower-case letters and digits only: `Opportunity Owner` → `opportunityowner`. */
/**
 * Cells that mean "no value": empty, `NA`, `N/A`, `#N/A`, `null`, `NULL`, `none`, `nil`, `NaN`,
 * `-`, `--`, `—`, `–`, `?` (compared trimmed, case-insensitive). They are missing values, never
 * bad dates, bad amounts or stage values.
 */
export function isMissingValue(text: string): boolean {
  const t = text.trim();
  if (t === '') return true;
  if (t.length > 7) return false;
  return MISSING.has(t.toLowerCase());
}

const MISSING = new Set([
  'na',
  'n/a',
  'n.a.',
  '#n/a',
  'null',
  'none',
  'nil',
  'nan',
  '-',
  '--',
  '---',
  '—',
  '–',
  '?',
  '(blank)',
]);

/** A cell with missing-value markers read as empty. */
export function cleanCell(text: string): string {
  return isMissingValue(text) ? '' : text.trim();
}

export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A header's name for matching: Pipedrive's `Deal - ` / Zoho's `Deals.` prefixes dropped. */
function headerKey(header: string): string {
  const stripped = header.replace(/^\s*(?:deals?|opportunit(?:y|ies))\s*(?:-|–|\.|:)\s*/i, '');
  return normalizeName(stripped === '' ? header : stripped);
}

/** Words of a header: `dealSizeUSD` → deal, size, usd; `date_created` → date, created. */
function headerWords(header: string): string[] {
  return header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFKD')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** Does a header look like a date column by its name? */
function soundsLikeDate(words: readonly string[]): boolean {
  return words.some((w) => ['date', 'time', 'on', 'at', 'day', 'when'].includes(w));
}

/**
 * How well a header fits a field: 100+ for a known name (earlier names higher), 10–50 for a
 * header sharing words with the field, 0 for none. Words alone never make a date field without
 * a date-like word, nor an amount field out of a date column.
 */
export function headerScore(field: MappingField, header: string, relaxed = false): number {
  const key = headerKey(header);
  const known = KNOWN_HEADERS[field];
  const at = known.indexOf(key);
  if (at >= 0) return 200 - at;
  const plain = normalizeName(header);
  const at2 = known.indexOf(plain);
  if (at2 >= 0) return 200 - at2;
  const words = headerWords(header);
  let score = 0;
  for (const w of FIELD_WORDS[field]) if (words.includes(w)) score += 20;
  if (score === 0) return 0;
  const dateLike = soundsLikeDate(words);
  if ((field === 'created' || field === 'closed') && !dateLike && !relaxed) return 0;
  if ((field === 'amount' || field === 'listPrice' || field === 'stage') && dateLike) return 0;
  if (field === 'closed' && (words.includes('expected') || words.includes('forecast'))) score -= 15;
  if (field === 'amount' && (words.includes('probability') || words.includes('weighted')))
    score -= 15;
  return Math.max(0, Math.min(score, 60));
}

/**
 * The headers that could hold a field, best first, for suggestions when a required field is
 * missing: known names, then headers sharing a word with the field (date words not required),
 * and, with `sample` (some values of a column), columns whose values look right: dates for the
 * date fields, numbers for amounts and list prices, a few repeated words for the stage.
 */
export function columnCandidates(
  field: MappingField,
  headers: readonly string[],
  max = 3,
  sample?: (header: string) => readonly string[],
): string[] {
  return headers
    .map((h, i) => ({
      h,
      i,
      s: headerScore(field, h, true) + (sample ? valueScore(field, sample(h)) : 0),
    }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, max)
    .map((x) => x.h);
}

const LOOKS_LIKE_DATE =
  /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?!\d)|^\d{1,2}[\s-]+[a-z]{3,9}[\s-]+\d{2,4}(?!\d)|^[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{2,4}(?!\d)/i;
const LOOKS_LIKE_NUMBER = /^[^\d]{0,4}-?\(?[\d.,' ]*\d[\d.,' ]*\)?[^\d]{0,4}$/;

/** 0–30 by how many of the sample values look like what the field holds. */
function valueScore(field: MappingField, values: readonly string[]): number {
  const present = values.map((v) => v.trim()).filter((v) => !isMissingValue(v));
  if (present.length === 0) return 0;
  const share = (test: (v: string) => boolean) => present.filter(test).length / present.length;
  switch (field) {
    case 'created':
    case 'closed':
      return share((v) => LOOKS_LIKE_DATE.test(v)) >= 0.8 ? 30 : 0;
    case 'amount':
    case 'listPrice':
      return share((v) => LOOKS_LIKE_NUMBER.test(v) && !LOOKS_LIKE_DATE.test(v)) >= 0.8 ? 30 : 0;
    case 'stage': {
      const distinct = new Set(present.map((v) => v.toLowerCase())).size;
      const outcomeWords = share((v) => guessOutcome(v) !== 'open');
      return outcomeWords > 0
        ? 30
        : distinct <= 20 && share((v) => /[a-z]/i.test(v)) >= 0.9
          ? 5
          : 0;
    }
    default:
      return 0;
  }
}

/**
 * Guesses the mapping from header names. Each header is used at most once. Known names first
 * (in field order, earlier names in the list winning, so `Opportunity ID` beats a bare `ID`),
 * then, for fields still open except the id, the header sharing the most words with the field
 * (`Deal Size (USD)` → amount, `Date sourced` → created). With `sample` (a few values of a
 * column), the stage is the known stage-like column whose values read most often as won or lost
 * (Pipedrive's `Status`, not its pipeline `Stage`).
 */
export function guessMapping(
  headers: readonly string[],
  sample?: (header: string) => Iterable<string>,
): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  if (sample) {
    let best: { header: string; hits: number } | undefined;
    for (const header of headers) {
      if (headerScore('stage', header) < 100) continue;
      let hits = 0;
      for (const v of sample(header)) if (guessOutcome(v) !== 'open') hits++;
      if (hits > 0 && (best === undefined || hits > best.hits)) best = { header, hits };
    }
    if (best) {
      mapping.stage = best.header;
      used.add(best.header);
    }
  }
  // With values to look at, a date field must hold dates and an amount numbers (a Salesforce
  // `Closed` column of true/false is not the close date).
  const valuesFit = (field: MappingField, header: string) =>
    !sample ||
    !(['created', 'closed', 'amount', 'listPrice'] as MappingField[]).includes(field) ||
    valueScore(field, [...sample(header)].slice(0, 200)) > 0 ||
    [...sample(header)].every((v) => isMissingValue(v));
  for (const pass of [100, 1] as const) {
    for (const field of MAPPING_FIELDS) {
      if (mapping[field] !== undefined || (pass === 1 && field === 'id')) continue;
      let best: { header: string; score: number } | undefined;
      for (const header of headers) {
        if (used.has(header) || !valuesFit(field, header)) continue;
        const score = headerScore(field, header);
        if (score >= pass && (best === undefined || score > best.score)) best = { header, score };
      }
      if (best) {
        mapping[field] = best.header;
        used.add(best.header);
      }
    }
  }
  return mapping;
}

/**
 * How a stage value is read: won, lost, still open (censored), or closed without a decision
 * (`No decision`, `No bid`, `Passed`…), which `CalibrationOptions.noDecision` maps to a loss,
 * to its own outcome left out of win rates, or to nothing (the rows are dropped).
 */
export type Outcome = 'won' | 'lost' | 'open' | 'no-decision';

/** One distinct stage value, how it is read, and whether that was guessed. */
export interface OutcomeEntry {
  value: string;
  outcome: Outcome;
  count: number;
  guessed: boolean;
}

const WON = new Set(['won', 'closedwon', 'win', 'dealwon', 'wonclosed', 'closedwin', 'booked']);
const LOST = new Set(['lost', 'closedlost', 'loss', 'deallost', 'lostclosed', 'closedloss']);
const NO_DECISION = new Set([
  'nodecision',
  'closednodecision',
  'nodecisionmade',
  'lostnodecision',
  'nobid',
  'closednobid',
  'passed',
  'closedpassed',
  'withdrawn',
  'closedwithdrawn',
  'abandoned',
  'closedabandoned',
  'cancelled',
  'canceled',
  'closedcancelled',
  'closedcanceled',
]);

/** Is the value a "closed without a decision" word (`Closed – no decision`, `No bid`, `Passed`)? */
export function isNoDecision(value: string): boolean {
  return NO_DECISION.has(normalizeName(value));
}

/**
 * Default reading of a stage value: Won / Closed Won → won, Lost / Closed Lost → lost, No
 * decision / No bid / Passed / Withdrawn / Cancelled (also `Closed – …`) → no-decision, else open.
 */
export function guessOutcome(value: string): Outcome {
  const norm = normalizeName(value);
  if (WON.has(norm)) return 'won';
  if (LOST.has(norm)) return 'lost';
  if (NO_DECISION.has(norm)) return 'no-decision';
  return 'open';
}

/**
 * Explicit stage values, compared trimmed and case-insensitive. When won or lost values are
 * given, every other value is open, except the no-decision words (`guessOutcome`) and the values
 * listed in `noDecision`.
 */
export interface OutcomeRules {
  won?: readonly string[];
  lost?: readonly string[];
  noDecision?: readonly string[];
}

/**
 * Reads every distinct stage value (with counts) as won, lost, open or no-decision: by the
 * explicit rules when any are given, else by `guessOutcome`. The result is meant to be shown for
 * confirmation. Missing-value markers (`NA`, `null`, `-`…) are not stage values.
 */
export function outcomeTable(stages: Iterable<string>, rules: OutcomeRules = {}): OutcomeEntry[] {
  const counts = new Map<string, number>();
  for (const raw of stages) {
    const value = raw.trim();
    if (!isMissingValue(value)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const explicit = (rules.won?.length ?? 0) + (rules.lost?.length ?? 0) > 0;
  const key = (s: string) => s.trim().toLowerCase();
  const won = new Set((rules.won ?? []).map(key));
  const lost = new Set((rules.lost ?? []).map(key));
  const none = new Set((rules.noDecision ?? []).map(key));
  const entries: OutcomeEntry[] = [];
  for (const [value, count] of counts) {
    let outcome: Outcome;
    const k = key(value);
    if (won.has(k)) outcome = 'won';
    else if (lost.has(k)) outcome = 'lost';
    else if (none.has(k)) outcome = 'no-decision';
    else if (explicit) outcome = isNoDecision(value) ? 'no-decision' : 'open';
    else outcome = guessOutcome(value);
    entries.push({ value, outcome, count, guessed: !explicit && !none.has(k) });
  }
  return entries.sort(
    (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}
