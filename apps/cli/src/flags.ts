/**
 * The flags a command declares for defineCommand: how parseArgs reads each one and how its value
 * is checked. Flags are checked in the order they are declared, so the first bad one is named.
 */
import { choiceFlag, intFlag, workersFlag } from './args.ts';

/** One flag: its parseArgs type and the check that turns the raw value into the command's. */
export interface Flag<T> {
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** Checks the raw value (undefined when absent); `name` is the flag's, for messages. */
  parse(name: string, raw: unknown): T;
}

/** A command's flags by name (without the leading dashes). */
export type Flags = Record<string, Flag<unknown>>;

/** The checked values of a set of flags. */
export type FlagValues<F extends Flags> = {
  [K in keyof F]: F[K] extends Flag<infer T> ? T : never;
};

/** A string flag taken as given. */
export const text = (): Flag<string | undefined> => ({
  type: 'string',
  parse: (_name, raw) => raw as string | undefined,
});

/** A repeatable string flag taken as given. */
export const texts = (): Flag<string[] | undefined> => ({
  type: 'string',
  multiple: true,
  parse: (_name, raw) => raw as string[] | undefined,
});

/** A flag without a value: true when given. */
export const toggle = (): Flag<boolean> => ({
  type: 'boolean',
  parse: (_name, raw) => raw === true,
});

/** A string flag with its own check. */
export function checked<T>(check: (name: string, value: string | undefined) => T): Flag<T> {
  return { type: 'string', parse: (name, raw) => check(name, raw as string | undefined) };
}

/** A repeatable string flag with its own check of all its values. */
export function checkedList<T>(check: (name: string, values: string[] | undefined) => T): Flag<T> {
  return {
    type: 'string',
    multiple: true,
    parse: (name, raw) => check(name, raw as string[] | undefined),
  };
}

/** A whole number from `min` to `max`, or undefined when not given. */
export const whole = (min: number, max: number): Flag<number | undefined> =>
  checked((name, value) => intFlag(name, value, min, max));

/** One of `choices`, `fallback` when not given. */
export const choice = <T extends string>(choices: readonly T[], fallback: T): Flag<T> =>
  checked((name, value) => choiceFlag(name, value, choices, fallback));

// The flags several commands share, with the same meaning and limits everywhere.

/** `--format`: the first choice is the default. */
export const format = <const T extends string>(choices: readonly [T, ...T[]]): Flag<T> =>
  choice(choices, choices[0]);
/** `--trials N`: 1 to 1,000,000. */
export const trials = (): Flag<number | undefined> => whole(1, 1_000_000);
/** `--seed S`: any safe integer. */
export const seed = (): Flag<number | undefined> =>
  whole(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
/** `--workers N`: 1 to twice the cores. */
export const workers = (): Flag<number | undefined> =>
  checked((_name, value) => workersFlag(value));
/** `--out FILE`: where the output goes instead of standard output. */
export const out = text;
