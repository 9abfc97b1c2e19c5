/** Display formatting on Intl, in the scenario's currency and the browser's locale. */
import { formatHours, formatMoney, formatPercent, MISSING } from '@sweetspot/analysis';

export const LOCALE =
  typeof navigator !== 'undefined' && typeof navigator.language === 'string' && navigator.language
    ? navigator.language
    : 'en-US';

const valid = new Map<string, boolean>();

/** `code` if Intl can format it as a currency, else USD (the draft may hold a half-typed code). */
export function safeCurrency(code: unknown): string {
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) return 'USD';
  let ok = valid.get(code);
  if (ok === undefined) {
    try {
      new Intl.NumberFormat(LOCALE, { style: 'currency', currency: code });
      ok = true;
    } catch {
      ok = false;
    }
    valid.set(code, ok);
  }
  return ok ? code : 'USD';
}

/** "$1.23M" (compact) or "$1,234,567". */
export function money(
  value: number,
  currency: string,
  options: { compact?: boolean; signed?: boolean } = {},
): string {
  return formatMoney(value, safeCurrency(currency), LOCALE, {
    compact: options.compact ?? true,
    signed: options.signed ?? false,
  });
}

export function percent(value: number, digits = 0, signed = false): string {
  return formatPercent(value, digits, LOCALE, { signed });
}

/**
 * A probability, with a decimal only where whole percents would mislead: 99.7% (not "100%"),
 * ">99.9%" and "<0.1%" for values that are not exactly 1 or 0.
 */
export function probability(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  if (value === 0 || value === 1) return percent(value);
  if (value > 0.999) return `>${percent(0.999, 1)}`;
  if (value < 0.001) return `<${percent(0.001, 1)}`;
  if (value > 0.99 || value < 0.01) return percent(value, 1);
  return percent(value);
}

/** A difference of two probabilities in percentage points: "+12 pp". */
export function points(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return MISSING;
  const f = new Intl.NumberFormat(LOCALE, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
    signDisplay: 'exceptZero',
  });
  const scaled = value * 100;
  return `${f.format(Math.abs(scaled) < 0.5 * 10 ** -digits ? 0 : scaled)} pp`;
}

export function hours(value: number, digits = 0, signed = false): string {
  return formatHours(value, digits, LOCALE, { signed });
}

export function number(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return MISSING;
  return new Intl.NumberFormat(LOCALE, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}

/** The currency's symbol ("$", "€", "CHF"). */
export function currencySymbol(code: unknown): string {
  const currency = safeCurrency(code);
  const parts = new Intl.NumberFormat(LOCALE, {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
  }).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? currency;
}

export { MISSING };
