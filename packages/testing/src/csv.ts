/** CSV text as people really write it, for the CSV fuzz tests. */

/**
 * Writes one cell, quoted by `mode` (correctly or not), so quoting errors are exercised too:
 * 0 never, 1 always, 2 when needed, 3 a broken quote (an opening quote never closed).
 */
export function renderCell(value: string, delimiter: string, mode: number): string {
  if (mode === 0) return value;
  if (mode === 1) return `"${value.replace(/"/g, '""')}"`;
  if (mode === 2)
    return value.includes(delimiter) || /["\r\n]/.test(value)
      ? `"${value.replace(/"/g, '""')}"`
      : value;
  return `"${value}`;
}

/** The columns of a plain CRM export: id, stage, amount, created, closed and owner. */
export const EXPORT_HEADERS = [
  'Opportunity ID',
  'Stage',
  'Amount',
  'Created Date',
  'Close Date',
  'Owner',
] as const;

/** Stage values as CRM exports write them, "Won" twice so that won deals are common. */
export const STAGE_WORDS = [
  'Won',
  'Won',
  'Lost',
  'Closed Won',
  'Closed Lost',
  'Engaging',
  'Prospecting',
] as const;

/** Amounts as CRM exports spell them: currency signs, grouping, parentheses, zero and blank. */
export const AMOUNT_SPELLINGS = [
  '$1,234.50',
  '500',
  '12000',
  '77.5',
  '3 000',
  '(5)',
  '0',
  '',
] as const;

/** What guessMapping must read from a Salesforce opportunity report's headers. */
export const SALESFORCE_MAPPING = {
  id: 'Opportunity ID',
  stage: 'Stage',
  amount: 'Amount',
  created: 'Created Date',
  closed: 'Close Date',
  owner: 'Opportunity Owner',
} as const;

/** What guessMapping must read from a HubSpot deal export's headers. */
export const HUBSPOT_MAPPING = {
  id: 'Record ID',
  stage: 'Deal Stage',
  amount: 'Amount',
  created: 'Create Date',
  closed: 'Close Date',
  owner: 'Deal owner',
} as const;

/**
 * A 16-month CRM export of 4 owners: a deal every day from 2023-01-02, Enterprise every third
 * one; closed 4–9 weeks later (every third lost), those still running at 2024-04-30 open
 * (Negotiation). `header` names its columns: id, stage, amount, created, closed, owner, type.
 * No newline after the last row.
 */
export function sixteenMonthExport(header = 'Id,Stage,Amount,Created,Closed,Owner,Type'): string {
  const rows = [header];
  const start = Date.UTC(2023, 0, 2) / 86_400_000;
  const end = Date.UTC(2024, 3, 30) / 86_400_000;
  const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; start + i <= end; i++) {
    const created = start + i;
    const closed = created + 28 + ((i * 7) % 36);
    const type = i % 3 === 0 ? 'Enterprise' : 'SMB';
    const amount = type === 'Enterprise' ? 40_000 + (i % 11) * 1000 : 8_000 + (i % 7) * 500;
    const owner = ['Ann', 'Bob', 'Cy', 'Dee'][i % 4];
    if (closed > end) rows.push(`D${i},Negotiation,${amount},${iso(created)},,${owner},${type}`);
    else {
      const won = i % 3 !== 1;
      rows.push(
        `D${i},${won ? 'Won' : 'Lost'},${won ? amount : ''},${iso(created)},${iso(closed)},${owner},${type}`,
      );
    }
  }
  return rows.join('\n');
}
