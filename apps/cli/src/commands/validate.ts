import { parseArgs } from 'node:util';
import { formatError } from '@sweetspot/scenario';
import { type Io, UsageError } from '../io.ts';
import { readScenarioFile } from '../load-scenario.ts';

export const VALIDATE_HELP = `Usage: sweetspot validate <scenario.json>

Checks a scenario file and prints every problem as "path: message" (docs/scenario-format.md).
Exit code 0 when the scenario is valid, 1 when it is JSON but not a valid scenario, 2 when it
cannot be read or is not JSON.

Options:
  -h, --help      print this help

Example:
  sweetspot validate my-team.json
`;

/**
 * `sweetspot validate file.json`: prints every problem; exit 1 when the file is JSON but not a
 * valid scenario, 2 (a UsageError) when it cannot be read or is not JSON at all.
 */
export async function validateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(VALIDATE_HELP);
    return 0;
  }
  const [path] = positionals;
  if (path === undefined || positionals.length > 1)
    throw new UsageError('usage: sweetspot validate <scenario.json>');
  const result = await readScenarioFile(io, path);
  if (result.ok) {
    io.stdout(`${path}: valid scenario "${result.scenario.name}"\n`);
    return 0;
  }
  io.stderr(`${path}: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}\n`);
  for (const error of result.errors) io.stderr(`  ${formatError(error)}\n`);
  return 1;
}
