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
