/** Test helper: the shared CRM sample, read in place from ../shared/data beside the project. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** The project root (/work/main): three levels above src/testing. */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * Where the sample lives: `../shared/data/crm-sales-opportunities/` relative to the project root
 * (SWEETSPOT_SAMPLE_DIR overrides it, e.g. to check what the tests do when it is missing).
 */
export const SAMPLE_DIR =
  process.env.SWEETSPOT_SAMPLE_DIR ??
  resolve(projectRoot, '../shared/data/crm-sales-opportunities');

/** The files the tests read. */
const SAMPLE_FILES = ['sales_pipeline.csv', 'products.csv', 'accounts.csv'];

const missing = SAMPLE_FILES.map((f) => resolve(SAMPLE_DIR, f)).filter((f) => !existsSync(f));

export const SAMPLE_AVAILABLE = missing.length === 0;

/** What is missing, exactly: the files not found, and where the data set comes from. */
export const MISSING_MESSAGE =
  `the CRM sample data is missing: ${missing.join(', ')} not found. It is the shared data set ` +
  '../shared/data/crm-sales-opportunities beside the repository (set SWEETSPOT_SAMPLE_DIR to ' +
  'read it from elsewhere).';

/** Under CI a test that cannot run is a failure, never a skip. */
const CI = (process.env.CI ?? '') !== '' && process.env.CI !== 'false' && process.env.CI !== '0';

/**
 * `describe` for tests that need the sample. Without it: under CI, one failing test saying what
 * is missing; elsewhere, a loud warning and a skip whose name says why.
 */
export function describeWithSample(name: string, body: () => void): void {
  if (SAMPLE_AVAILABLE) {
    describe(name, body);
  } else if (CI) {
    describe(name, () => {
      it('has the CRM sample data', () => {
        throw new Error(`${MISSING_MESSAGE} CI is set, so missing data is a failure.`);
      });
    });
  } else {
    const line = '!'.repeat(78);
    console.warn(`\n${line}\n!! SKIPPED (${name}): ${MISSING_MESSAGE}\n${line}\n`);
    describe.skip(`${name} — SKIPPED: ${MISSING_MESSAGE}`, body);
  }
}

/** Reads one sample file as text. */
export function readSample(name: string): string {
  return readFileSync(resolve(SAMPLE_DIR, name), 'utf8');
}
