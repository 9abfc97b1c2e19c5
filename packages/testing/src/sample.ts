/**
 * The shared CRM sample (../shared/data/crm-sales-opportunities beside the repository, read in
 * place) for the cross-package tests, and what to do when it is missing: under CI, fail saying
 * exactly what is missing; elsewhere, skip loudly.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, type TestFunction } from 'vitest';

/** The repository root (three levels above packages/testing/src). */
const ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Where the sample lives; SWEETSPOT_SAMPLE_DIR overrides it. */
export const SAMPLE_DIR =
  process.env.SWEETSPOT_SAMPLE_DIR ?? path.resolve(ROOT, '../shared/data/crm-sales-opportunities');

/** Under CI a test that cannot run is a failure, never a skip. */
export const CI =
  (process.env.CI ?? '') !== '' && process.env.CI !== 'false' && process.env.CI !== '0';

/** The files of the sample the tests read. */
export const SAMPLE_FILES = ['sales_pipeline.csv', 'products.csv', 'accounts.csv'] as const;

/** Reads one sample file as text. */
export function readSample(name: string): string {
  return readFileSync(path.join(SAMPLE_DIR, name), 'utf8');
}

/**
 * The text of a sample file (a path relative to the sample's folder) when the whole sample is
 * there, else undefined: a fake Io's fallback, so a test reads the sample by its file names.
 */
export function readSampleIfPresent(file: string): string | undefined {
  const full = path.resolve(SAMPLE_DIR, file);
  if (missingSampleFiles(SAMPLE_FILES).length > 0 || !existsSync(full)) return undefined;
  return readFileSync(full, 'utf8');
}

/** The sample's files that are not there (absolute paths). */
export function missingSampleFiles(files: readonly string[]): string[] {
  return files.map((f) => path.join(SAMPLE_DIR, f)).filter((f) => !existsSync(f));
}

function missingMessage(missing: readonly string[]): string {
  return (
    `the CRM sample data is missing: ${missing.join(', ')} not found. It is the shared data set ` +
    '../shared/data/crm-sales-opportunities beside the repository (set SWEETSPOT_SAMPLE_DIR to ' +
    'read it from elsewhere).'
  );
}

function warnSkipped(name: string, message: string): void {
  const line = '!'.repeat(78);
  console.warn(`\n${line}\n!! SKIPPED (${name}): ${message}\n${line}\n`);
}

/** `describe` for tests that need the sample files `files`. */
export function describeWithSample(name: string, files: readonly string[], body: () => void): void {
  const missing = missingSampleFiles(files);
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const message = missingMessage(missing);
  if (CI) {
    describe(name, () => {
      it('has the CRM sample data', () => {
        throw new Error(`${message} CI is set, so missing data is a failure.`);
      });
    });
    return;
  }
  warnSkipped(name, message);
  describe.skip(`${name} — SKIPPED: ${message}`, body);
}

/** `it` for one test that needs the sample files `files`. */
export function itWithSample(
  name: string,
  files: readonly string[],
  fn: TestFunction,
  timeout?: number,
): void {
  const missing = missingSampleFiles(files);
  if (missing.length === 0) {
    it(name, fn, timeout);
    return;
  }
  const message = missingMessage(missing);
  if (CI) {
    it(`${name} (needs the CRM sample data)`, () => {
      throw new Error(`${message} CI is set, so missing data is a failure.`);
    });
    return;
  }
  warnSkipped(name, message);
  it.skip(`${name} — SKIPPED: ${message}`, fn, timeout);
}

/** Which column of the sample's sales_pipeline.csv holds each field (docs/calibration.md). */
export const SAMPLE_MAPPING = {
  id: 'opportunity_id',
  stage: 'deal_stage',
  amount: 'close_value',
  created: 'engage_date',
  closed: 'close_date',
  owner: 'sales_agent',
  listPrice: 'sales_price',
} as const;

/**
 * The arguments of `sweetspot calibrate` (after the command's name) for the whole sample, its
 * files named by `at`: the mapping, the outcomes, both joins, the product alias, and two series
 * that each mix products about 60× apart in price, so the team's median won deal size is not
 * replayed within 5% (docs/calibration.md, "The backtest").
 */
export function sampleCalibrateArgs(at: (file: string) => string = (file) => file): string[] {
  const map = Object.entries(SAMPLE_MAPPING)
    .map(([field, column]) => `${field}=${column}`)
    .join(',');
  return [
    at('sales_pipeline.csv'),
    '--map',
    map,
    '--won',
    'Won',
    '--lost',
    'Lost',
    '--join',
    `product=${at('products.csv')}:product`,
    '--join',
    `account=${at('accounts.csv')}:account`,
    '--alias',
    'product:GTXPro=GTX Pro',
    '--segment',
    'id=gtx;name=GTX series;sweet=true;series in GTX',
    '--segment',
    'id=mg;name=MG series;series in MG',
  ];
}
