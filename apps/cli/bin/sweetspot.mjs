#!/usr/bin/env node
// Runs the built CLI. `npm install` at the repository root builds it (the root `prepare` script).
import { existsSync } from 'node:fs';

// Ctrl-C while the CLI is still loading: nothing has been written, so stop at once with 130 (not
// a death by signal). main() replaces this with its own handler.
const early = () => process.exit(130);
process.on('SIGINT', early);

const entry = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'sweetspot: the CLI has not been built yet. Run `npm install` (or `npm run build -w @sweetspot/cli`) at the repository root.\n',
  );
  process.exit(2);
}
const { main } = await import(entry.href);
process.removeListener('SIGINT', early);
process.exitCode = await main(process.argv.slice(2));
// A Ctrl-C after the command has finished but before the process has exited (output still
// draining) still means "cancelled", not a death by signal.
process.on('SIGINT', () => process.exit(130));
