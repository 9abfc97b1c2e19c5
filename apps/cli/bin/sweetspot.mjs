#!/usr/bin/env node
// Runs the built CLI. `npm install` at the repository root builds it (the root `prepare` script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'sweetspot: the CLI has not been built yet. Run `npm install` (or `npm run build -w @sweetspot/cli`) at the repository root.\n',
  );
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
// A Ctrl-C after the command has finished but before the process has exited (output still
// draining) still means "cancelled", not a signal death.
process.on('SIGINT', () => process.exit(130));
