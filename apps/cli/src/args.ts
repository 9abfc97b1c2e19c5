import { availableParallelism } from 'node:os';
import { UsageError } from './io.ts';

const WHOLE_NUMBER = /^[+-]?\d+$/;

/**
 * Parses a whole-number flag value, naming the flag when it is not one. Only plain decimal
 * digits count: "", " ", "1e3", "0x10" and "1.0" are refused rather than read as 0, 1000, 16, 1.
 */
export function intFlag(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = WHOLE_NUMBER.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = `from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
    throw new UsageError(
      value === ''
        ? `--${name} is empty: give a whole number ${range}`
        : `--${name} must be a whole number ${range} (got "${value}")`,
    );
  }
  return n;
}

/**
 * Most worker threads allowed: twice the cores. More only adds memory (each worker holds its own
 * heap) and contention; a little oversubscription still helps when a core is briefly idle.
 */
export function maxWorkers(cores: number = availableParallelism()): number {
  return 2 * Math.max(1, cores);
}

/** Parses `--workers`: 1 to maxWorkers(), with a message saying where the limit comes from. */
export function workersFlag(
  value: string | undefined,
  cores: number = availableParallelism(),
): number | undefined {
  if (value === undefined) return undefined;
  const max = maxWorkers(cores);
  const n = WHOLE_NUMBER.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    const got = value === '' ? 'it is empty' : `got "${value}"`;
    throw new UsageError(
      `--workers must be a whole number from 1 to ${max} (twice the ${cores} core${cores === 1 ? '' : 's'} of this machine; ${got})`,
    );
  }
  return n;
}

/** Checks a flag against a list of allowed values. */
export function choiceFlag<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')} (got "${value}")`);
  }
  return value as T;
}

/**
 * Refuses empty values of string flags (`--out ''`, `--name ''`): an empty value is almost
 * always a shell variable that was not set, and reading it as a default would hide that.
 */
export function rejectEmptyFlags(
  values: Record<string, string | boolean | Array<string | boolean> | undefined>,
): void {
  for (const [name, value] of Object.entries(values)) {
    const list = Array.isArray(value) ? value : [value];
    if (list.some((v) => v === '')) throw new UsageError(`--${name} is empty: give it a value`);
  }
}

/** Parses a number flag, naming the flag when it is not a number in range. */
export function numberFlag(
  name: string,
  value: string | undefined,
  check: (n: number) => boolean,
  expected: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) {
    throw new UsageError(`--${name} must be ${expected} (got "${value}")`);
  }
  return n;
}

/** Parses "lo:hi" into two numbers. */
export function parseRange(name: string, value: string): [number, number] {
  const m = /^\s*([^:]+):([^:]+)\s*$/.exec(value);
  const lo = m ? Number(m[1]) : Number.NaN;
  const hi = m ? Number(m[2]) : Number.NaN;
  if (!m || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new UsageError(`--${name} must be LOW:HIGH, two numbers (got "${value}")`);
  }
  return [lo, hi];
}
