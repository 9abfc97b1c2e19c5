import { parseArgs } from 'node:util';
import { formatError, parseScenarioJson } from '@sweetspot/scenario';
import { describeFileError, type Io, UsageError } from '../io.ts';

/** `sweetspot validate file.json`: prints every problem; exit 1 when the scenario is invalid. */
export async function validateCommand(args: string[], io: Io): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [path] = positionals;
  if (path === undefined || positionals.length > 1)
    throw new UsageError('usage: sweetspot validate <scenario.json>');
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    throw new UsageError(describeFileError(path, error));
  }
  const result = parseScenarioJson(text);
  if (result.ok) {
    io.stdout(`${path}: valid scenario "${result.scenario.name}"\n`);
    return 0;
  }
  io.stderr(`${path}: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}\n`);
  for (const error of result.errors) io.stderr(`  ${formatError(error)}\n`);
  return 1;
}
