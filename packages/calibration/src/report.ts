/**
 * The row report: every row that was not used, or used only in part, with its 1-based line in
 * the file (counting the header) and a reason, plus counts per reason.
 */
import type { CsvIssueReason } from './csv.ts';

export type RowReason =
  | CsvIssueReason
  | 'missing-stage'
  | 'duplicate-id'
  | 'duplicate-row'
  | 'no-decision'
  | 'implausible-date'
  | 'missing-created-date'
  | 'bad-created-date'
  | 'missing-closed-date'
  | 'bad-closed-date'
  | 'closed-before-created'
  | 'created-after-as-of'
  | 'no-segment'
  | 'won-without-amount'
  | 'bad-list-price'
  | 'closed-after-as-of'
  | 'missing-owner'
  | 'implausible-amount'
  | 'stale-open';

/** rejected: the row is not used at all; partial: it is used, but not for every fit. */
export type Severity = 'rejected' | 'partial';

export interface RowIssue {
  line: number;
  reason: RowReason;
  severity: Severity;
  detail: string;
}

/** Plain-language meaning of each reason. */
export const REASON_TEXT: Record<RowReason, string> = {
  'wrong-field-count': 'wrong number of fields (columns would be misaligned)',
  'malformed-quotes': 'unbalanced or misplaced quotes',
  'missing-stage': 'no stage',
  'duplicate-row': 'same cells as an earlier row (no id column to tell them apart)',
  'no-decision': 'closed without a decision, dropped (--no-decision ignore)',
  'implausible-date': 'date before 1980: a placeholder, not a real date',
  'duplicate-id': 'opportunity id seen on an earlier row',
  'missing-created-date': 'no created date',
  'bad-created-date': 'created date is not a date in the column format',
  'missing-closed-date': 'won or lost but no close date',
  'bad-closed-date': 'close date is not a date in the column format',
  'closed-before-created': 'closed before it was created',
  'created-after-as-of': 'created after the as-of date',
  'no-segment': 'matches no segment',
  'won-without-amount': 'won without a positive amount (not used for deal size)',
  'bad-list-price': 'list price missing or not positive (not used for discount)',
  'closed-after-as-of': 'closed after the as-of date (counted as open at the as-of date)',
  'missing-owner': 'no owner (not counted among reps)',
  'implausible-amount': 'won amount far outside the others (not used for deal size)',
  'stale-open':
    'open far longer than won deals take (stale): counted as lost, or left out of the cycle (--stale)',
};

export interface ReasonCount {
  reason: RowReason;
  severity: Severity;
  count: number;
  text: string;
}

export interface RowReport {
  /** Data rows read (well-formed or not; blank lines excluded). */
  rowsRead: number;
  rowsUsed: number;
  rowsRejected: number;
  /** Rows used, but left out of some fit. */
  rowsPartial: number;
  blankLines: number;
  preambleLines: number;
  /** Sorted by line. */
  issues: RowIssue[];
  /** Per reason, most frequent first. */
  counts: ReasonCount[];
}

/** A value quoted for a message, cut to `max` characters (cells can be megabytes long). */
export function quoted(value: string, max = 60): string {
  const v = value.length > max ? `${value.slice(0, max)}…` : value;
  return `"${v}"`;
}

/** Collects issues; a row is rejected once, later reasons for it are ignored. */
export class RowReportBuilder {
  private readonly issues: RowIssue[] = [];
  private readonly rejectedLines = new Set<number>();
  private readonly partialLines = new Set<number>();

  reject(line: number, reason: RowReason, detail = ''): void {
    if (this.rejectedLines.has(line)) return;
    this.rejectedLines.add(line);
    this.issues.push({ line, reason, severity: 'rejected', detail });
  }

  partial(line: number, reason: RowReason, detail = ''): void {
    if (this.rejectedLines.has(line)) return;
    this.partialLines.add(line);
    this.issues.push({ line, reason, severity: 'partial', detail });
  }

  isRejected(line: number): boolean {
    return this.rejectedLines.has(line);
  }

  build(rowsRead: number, blankLines: number, preambleLines: number): RowReport {
    const kept = this.issues.filter(
      (i) => i.severity === 'rejected' || !this.rejectedLines.has(i.line),
    );
    kept.sort((a, b) => a.line - b.line);
    const counts = new Map<string, ReasonCount>();
    for (const issue of kept) {
      const key = `${issue.severity}:${issue.reason}`;
      const c = counts.get(key);
      if (c) c.count++;
      else
        counts.set(key, {
          reason: issue.reason,
          severity: issue.severity,
          count: 1,
          text: REASON_TEXT[issue.reason],
        });
    }
    let partial = 0;
    for (const line of this.partialLines) if (!this.rejectedLines.has(line)) partial++;
    return {
      rowsRead,
      rowsUsed: rowsRead - this.rejectedLines.size,
      rowsRejected: this.rejectedLines.size,
      rowsPartial: partial,
      blankLines,
      preambleLines,
      issues: kept,
      counts: [...counts.values()].sort(
        (a, b) =>
          Number(a.severity === 'partial') - Number(b.severity === 'partial') || b.count - a.count,
      ),
    };
  }
}
