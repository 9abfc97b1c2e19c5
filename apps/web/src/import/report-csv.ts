/**
 * The row report as a CSV file for download. Cells come from the user's file (ids, stage names,
 * amounts…), so a cell that a spreadsheet would read as a formula (starting with = + - @, a tab
 * or a carriage return) is prefixed with an apostrophe and every cell is quoted (the OWASP
 * advice on CSV injection): opening the report never runs anything.
 */
import type { RowIssue } from '@sweetspot/calibration';
import { REASON_TEXT } from '@sweetspot/calibration';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One CSV cell: defused if it could be a formula, quoted, quotes doubled. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(cells: readonly (string | number)[]): string {
  return cells.map(csvCell).join(',');
}

export const REPORT_HEADER = ['line', 'kind', 'reason', 'meaning', 'detail'] as const;

/** The full row report: one line per issue, sorted by line, CRLF line ends (RFC 4180). */
export function rowReportCsv(issues: readonly RowIssue[]): string {
  const lines = [REPORT_HEADER.join(',')];
  for (const i of issues)
    lines.push(csvLine([i.line, i.severity, i.reason, REASON_TEXT[i.reason], i.detail]));
  return `${lines.join('\r\n')}\r\n`;
}
