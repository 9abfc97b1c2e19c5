/** Test helper: the shared CRM sample, read in place from ../shared/data beside the project. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (/work/main): three levels above src/testing. */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * Where the sample lives: `../shared/data/crm-sales-opportunities/` relative to the project root
 * (SWEETSPOT_SAMPLE_DIR overrides it, e.g. to check that the tests skip when it is missing).
 */
export const SAMPLE_DIR =
  process.env.SWEETSPOT_SAMPLE_DIR ??
  resolve(projectRoot, '../shared/data/crm-sales-opportunities');

export const SAMPLE_AVAILABLE =
  existsSync(resolve(SAMPLE_DIR, 'sales_pipeline.csv')) &&
  existsSync(resolve(SAMPLE_DIR, 'products.csv')) &&
  existsSync(resolve(SAMPLE_DIR, 'accounts.csv'));

export const SKIP_MESSAGE = `SKIPPED: the CRM sample data is not at ${SAMPLE_DIR} (see /work/shared/data/crm-sales-opportunities/README.md)`;

if (!SAMPLE_AVAILABLE) console.warn(SKIP_MESSAGE);

/** Reads one sample file as text. */
export function readSample(name: string): string {
  return readFileSync(resolve(SAMPLE_DIR, name), 'utf8');
}
