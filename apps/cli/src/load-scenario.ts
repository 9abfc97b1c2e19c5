import {
  defaultScenario,
  formatError,
  parseScenarioJson,
  type Scenario,
} from '@sweetspot/scenario';
import { describeFileError, type Io, UsageError } from './io.ts';

/** Reads and validates a scenario file, or returns the built-in default when no path is given. */
export async function loadScenario(io: Io, path: string | undefined): Promise<Scenario> {
  if (path === undefined) return defaultScenario();
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    throw new UsageError(describeFileError(path, error));
  }
  const result = parseScenarioJson(text);
  if (!result.ok) {
    const lines = result.errors.map((e) => `  ${formatError(e)}`);
    throw new UsageError(`${path} is not a valid scenario:\n${lines.join('\n')}`);
  }
  return result.scenario;
}
