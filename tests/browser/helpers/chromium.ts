/**
 * Which Chromium the browser tests drive. No dependencies but node:fs, so that the test runner
 * wrapper (tests/with-test-env.ts) can ask the same question before turbo starts.
 */
import { existsSync } from 'node:fs';

/** Where a system Chromium is looked for, in order (Debian's package first). */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The value of SWEETSPOT_CHROMIUM that says "there is none" (set by tests/with-test-env.ts). */
export const NO_CHROMIUM = 'none';

/**
 * The Chromium to drive: $SWEETSPOT_CHROMIUM (a path, or `none`), else the first system install
 * found. Undefined if none.
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.SWEETSPOT_CHROMIUM;
  if (fromEnv === NO_CHROMIUM) return undefined;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

function describeLookup(): string {
  const fromEnv = process.env.SWEETSPOT_CHROMIUM;
  if (fromEnv === NO_CHROMIUM)
    return `SWEETSPOT_CHROMIUM is "${NO_CHROMIUM}": none of ${CHROMIUM_CANDIDATES.join(', ')} existed when the test run started`;
  if (fromEnv) return `SWEETSPOT_CHROMIUM is ${fromEnv}, which does not exist`;
  return `looked at $SWEETSPOT_CHROMIUM (unset) and ${CHROMIUM_CANDIDATES.join(', ')}`;
}

/** What is missing, exactly, and how to get it. */
export const NO_CHROMIUM_MESSAGE =
  `No Chromium found (${describeLookup()}). Install it with \`apt-get install -y chromium\` ` +
  'or point SWEETSPOT_CHROMIUM at a Chromium binary.';
