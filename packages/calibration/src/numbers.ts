/**
 * Reads amounts as people type them in spreadsheets: currency symbols or codes (`$1,234.50`,
 * `1.234,50 €`, `USD 900`, `CHF 1'200`), thousands separators (`,` `.` `'`, space, no-break
 * space), negatives as `-5` or `(5)`. Nothing is evaluated: text either matches a number pattern
 * or is rejected.
 */

/** Which character separates decimals: '.' (1,234.50) or ',' (1.234,50). */
export type DecimalSeparator = '.' | ',';

const CODES =
  'USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|INR|CNY|RMB|BRL|MXN|ZAR|SGD|HKD|KRW|TRY|ILS|AED|SAR|kr|zł|Kč|Ft|Fr\\.?';
const LEADING_CURRENCY = new RegExp(`^(?:(?:${CODES})\\s*|[A-Za-z]{0,2}\\p{Sc}\\s*)`, 'u');
const TRAILING_CURRENCY = new RegExp(`(?:\\s*(?:${CODES})|\\s*\\p{Sc})$`, 'u');
const ANY_SPACE = /[\s\u00a0\u2007\u2009\u202f]/;
const ALL_SPACES = /[\s\u00a0\u2007\u2009\u202f]+/g;

const POINT_DECIMAL =
  /^(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:'\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:\.\d*)?$|^\.\d+$/;
const COMMA_DECIMAL =
  /^(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?:'\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:,\d*)?$|^,\d+$/;
const SCIENTIFIC = /^\d+(?:\.\d+)?[eE][+-]?\d+$/;

/** Parses an amount; `undefined` for empty or non-numeric text. */
export function parseAmount(text: string, decimal: DecimalSeparator = '.'): number | undefined {
  let s = text.replace(ALL_SPACES, ' ').trim();
  if (s === '' || s.length > 64) return undefined;
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  for (let pass = 0; pass < 2; pass++) {
    s = s.replace(LEADING_CURRENCY, '').replace(TRAILING_CURRENCY, '').trim();
    if (/^[-\u2212]/.test(s)) {
      negative = !negative;
      s = s.slice(1).trim();
    } else if (s.endsWith('-')) {
      negative = !negative;
      s = s.slice(0, -1).trim();
    }
  }
  let normal: string;
  if (decimal === '.' && SCIENTIFIC.test(s)) normal = s;
  else if (decimal === '.' && POINT_DECIMAL.test(s)) normal = s.replace(/[,' ]/g, '');
  else if (decimal === ',' && COMMA_DECIMAL.test(s))
    normal = s.replace(/[.' ]/g, '').replace(',', '.');
  else return undefined;
  if (ANY_SPACE.test(normal) || normal === '' || normal === '.') return undefined;
  const value = Number(normal);
  if (!Number.isFinite(value)) return undefined;
  return negative && value !== 0 ? -value : value;
}
