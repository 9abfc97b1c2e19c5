/**
 * Number formatting shared by the CLI table and the web app, on Intl.NumberFormat. Formatters
 * are cached per option set (creating one is far slower than using it). Non-finite values
 * (NaN: "no data") print as an em dash.
 */

/** What a formatter prints for NaN and ±Infinity. */
export const MISSING = '—';

/** Default locale: fixed, so that CLI output does not depend on the machine's settings. */
export const DEFAULT_LOCALE = 'en-US';

/** Options common to the formatters. */
export interface FormatOptions {
  /** Always show the sign (+ for positive, nothing for zero): for differences. */
  signed?: boolean;
}

export interface MoneyOptions extends FormatOptions {
  /**
   * Compact notation ("$1.2M", "$350K", 3 significant digits). 'auto': compact from one
   * million (in absolute value) up. Default false: whole currency units with grouping.
   */
  compact?: boolean | 'auto';
}

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** 0 for a value that prints as zero at `scale` units, so it never shows as "-0". */
function unsignedZero(value: number, scale: number): number {
  return Math.abs(value * scale) < 0.5 ? 0 : value;
}

function sign(options: FormatOptions): Intl.NumberFormatOptions {
  return options.signed ? { signDisplay: 'exceptZero' } : {};
}

/** A formatter with exactly `digits` digits after the decimal point (percent or plain). */
function fixed(
  locale: string,
  digits: number,
  options: FormatOptions,
  style: Intl.NumberFormatOptions = {},
): Intl.NumberFormat {
  return formatter(locale, {
    ...style,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    ...sign(options),
  });
}

/** Formats an amount of money in an ISO 4217 currency: "$1,234,567", or "$1.23M" when compact. */
export function formatMoney(
  value: number,
  currency: string,
  locale: string = DEFAULT_LOCALE,
  options: MoneyOptions = {},
): string {
  if (!Number.isFinite(value)) return MISSING;
  const compact = options.compact === 'auto' ? Math.abs(value) >= 1e6 : options.compact === true;
  const base: Intl.NumberFormatOptions = { style: 'currency', currency, ...sign(options) };
  const f = compact
    ? formatter(locale, { ...base, notation: 'compact', maximumSignificantDigits: 3 })
    : formatter(locale, { ...base, maximumFractionDigits: 0, minimumFractionDigits: 0 });
  return f.format(compact ? value : unsignedZero(value, 1));
}

/** Formats `value` with `digits` digits after the decimal point (default 0) in `locale`. */
type FixedFormat = (
  value: number,
  digits?: number,
  locale?: string,
  options?: FormatOptions,
) => string;

/**
 * A fixed-decimals formatter: `style` for Intl (percent or plain), `units` how many printed units
 * one unit of the value is (100 for a percentage: what "-0" is judged on), `suffix` after it.
 */
function fixedFormat(style: Intl.NumberFormatOptions, units: number, suffix: string): FixedFormat {
  return (value, digits = 0, locale = DEFAULT_LOCALE, options = {}) => {
    if (!Number.isFinite(value)) return MISSING;
    const f = fixed(locale, digits, options, style);
    return `${f.format(unsignedZero(value, units * 10 ** digits))}${suffix}`;
  };
}

/** Formats a fraction as a percentage: 0.573 → "57%" (digits after the decimal point: 0). */
export const formatPercent: FixedFormat = fixedFormat({ style: 'percent' }, 100, '');

/** Formats a number of hours: 1234.4 → "1,234 h" (digits after the decimal point: 0). */
export const formatHours: FixedFormat = fixedFormat({}, 1, ' h');
