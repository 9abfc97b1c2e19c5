import {
  defaultScenario,
  formatError,
  parseScenarioJson,
  type Scenario,
  type ValidationResult,
} from '@sweetspot/scenario';
import { describeFileError, type Io, UsageError } from './io.ts';

/** Drops a UTF-8 byte-order mark (Windows editors write one; JSON.parse refuses it). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads a scenario file and checks it. A file that cannot be read or is not JSON at all is a
 * UsageError (exit 2); a JSON file with problems comes back as a failed ValidationResult.
 */
export async function readScenarioFile(io: Io, path: string): Promise<ValidationResult> {
  let text: string;
  try {
    if (path === '') throw new UsageError('the scenario file name is empty');
    text = stripBom(await io.readFile(path));
  } catch (error) {
    throw new UsageError(describeFileError(path, error));
  }
  const result = parseScenarioJson(text);
  if (!result.ok && !isJson(text)) {
    throw new UsageError(`${path}: ${result.errors.map((e) => formatError(e)).join('; ')}`);
  }
  return result;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Reads and validates a scenario file, or returns the built-in default when no path is given. */
export async function loadScenario(io: Io, path: string | undefined): Promise<Scenario> {
  if (path === undefined) return defaultScenario();
  const result = await readScenarioFile(io, path);
  if (!result.ok) {
    const lines = result.errors.map((e) => `  ${formatError(e)}`);
    throw new UsageError(`${path} is not a valid scenario:\n${lines.join('\n')}`);
  }
  return result.scenario;
}
