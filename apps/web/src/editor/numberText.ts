/** Text ⇄ number for inputs: tolerant parsing, and display without float noise. Pure TS. */

/**
 * Parses what a person types: spaces, thin spaces, underscores and grouping commas are ignored
 * ("150,000", "1 200"). Empty or unparseable text gives NaN, which validation reports.
 */
export function parseNumber(text: string): number {
  const cleaned = text.trim().replace(/[\s\u202f_,]/g, '');
  if (cleaned === '') return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/** A stored value as input text, times `scale` (100 for percentages): 0.3 → "30", not "30.000000000000004". */
export function displayNumber(value: unknown, scale = 1): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  return String(Number((value * scale).toPrecision(12)));
}

/**
 * The stored value for typed text: parsed and divided by `scale`. Empty text leaves the field out
 * (undefined): an optional field is removed, a required one is reported as required, not as
 * "not a number". Text that does not parse is NaN, which validation reports as not a number.
 */
export function valueFromText(text: string, scale = 1): number | undefined {
  if (text.trim() === '') return undefined;
  const n = parseNumber(text);
  return Number.isFinite(n) ? Number((n / scale).toPrecision(15)) : Number.NaN;
}

/** Same stored value (NaN equals NaN: both mean "does not parse"). */
export function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || (typeof a === 'number' && typeof b === 'number' && a === b);
}
