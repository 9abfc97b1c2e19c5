/**
 * Runs a command (the root `npm test`: turbo) with SWEETSPOT_CHROMIUM set to the Chromium the
 * browser tests will drive, or to `none` when there is none. turbo.json hashes SWEETSPOT_* into
 * the test tasks' cache keys (and the shared CRM sample's files as inputs), so a run that skipped
 * the browser tests for want of Chromium is never replayed from the cache once Chromium is
 * there, and the other way round.
 *
 * Usage: tsx tests/with-test-env.ts <command> [args…]
 */
import { spawnSync } from 'node:child_process';
import { findChromium, NO_CHROMIUM, NO_CHROMIUM_MESSAGE } from './browser/helpers/chromium.ts';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: tsx tests/with-test-env.ts <command> [args…]');
  process.exit(2);
}
const chromium = findChromium();
if (!chromium) console.warn(`with-test-env: ${NO_CHROMIUM_MESSAGE}`);
const result = spawnSync(command, args, {
  stdio: 'inherit',
  env: { ...process.env, SWEETSPOT_CHROMIUM: chromium ?? NO_CHROMIUM },
});
if (result.error) {
  console.error(`with-test-env: could not run ${command}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
