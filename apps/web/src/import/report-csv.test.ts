import type { RowIssue } from '@sweetspot/calibration';
import { describe, expect, it } from 'vitest';
import { csvCell, rowReportCsv } from './report-csv.ts';

describe('row report CSV', () => {
  it('defuses cells a spreadsheet would read as formulas', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '＝1'])
      expect(csvCell(bad)).toBe(`"'${bad}"`);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('GTX Pro')).toBe('"GTX Pro"');
    expect(csvCell('a,b\nc')).toBe('"a,b\nc"');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('writes one line per issue with the reason explained', () => {
    const issues: RowIssue[] = [
      { line: 3, reason: 'no-segment', severity: 'rejected', detail: 'series "GTK"' },
      { line: 9, reason: 'won-without-amount', severity: 'partial', detail: 'amount "-5"' },
    ];
    const csv = rowReportCsv(issues);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('line,kind,reason,meaning,detail');
    expect(lines[1]).toBe('3,"rejected","no-segment","matches no segment","series ""GTK"""');
    expect(lines[2]).toContain('"amount ""-5"""');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
