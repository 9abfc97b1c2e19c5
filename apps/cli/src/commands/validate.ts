import { formatError } from '@sweetspot/scenario';
import { defineCommand } from '../define-command.ts';
import { EXIT } from '../exit-codes.ts';
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
export const validateCommand = defineCommand({
  synopsis: 'validate <scenario.json>',
  summary: 'check a scenario file and print every problem',
  help: VALIDATE_HELP,
  args: { one: 'usage: sweetspot validate <scenario.json>' },
  flags: {},
  async run({ io, file }) {
    const path = file as string;
    const result = await readScenarioFile(io, path);
    if (result.ok) {
      io.stdout(`${path}: valid scenario "${result.scenario.name}"\n`);
      return EXIT.ok;
    }
    io.stderr(`${path}: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}\n`);
    for (const error of result.errors) io.stderr(`  ${formatError(error)}\n`);
    return EXIT.failed;
  },
});
