/**
 * Scenario files: export as pretty JSON, import with every problem reported. Pure TS.
 * Import refuses a scenario made by a newer app and migrates older ones (migrateScenario).
 */
import {
  formatError,
  migrateScenario,
  SCENARIO_VERSION,
  type Scenario,
  type ValidationError,
  validateScenario,
} from '@sweetspot/scenario';

/** Largest scenario file we read (a scenario is a few KB; calibrated ones a few hundred). */
export const MAX_SCENARIO_FILE_BYTES = 5 * 1024 * 1024;

export type ScenarioDocumentResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; errors: ValidationError[]; newer: boolean };

function versionOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as { version?: unknown }).version;
  return typeof v === 'number' ? v : undefined;
}

/**
 * A scenario document (parsed JSON, a stored record), ready to edit: older formats are migrated,
 * then validated; a document from a newer version of the app is refused with a message saying so.
 */
export function openScenarioDocument(value: unknown): ScenarioDocumentResult {
  const version = versionOf(value);
  if (version !== undefined && version > SCENARIO_VERSION) {
    return {
      ok: false,
      newer: true,
      errors: [
        {
          path: 'version',
          message: `is ${version}: this scenario was made by a newer version of Sweetspot; this app reads version ${SCENARIO_VERSION} — please update the app to open it`,
        },
      ],
    };
  }
  const result = validateScenario(migrateScenario(value));
  return result.ok ? result : { ok: false, errors: result.errors, newer: false };
}

/** The text of a scenario file: the scenario as indented JSON, with a final newline. */
export function scenarioFileText(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** Reads a scenario file's text: the scenario, or every problem found. */
export function readScenarioText(text: string): ScenarioDocumentResult {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error))
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the target.
      .replace(/[\s\u0000-\u001f\u007f]+/g, ' ')
      .trim();
    return {
      ok: false,
      newer: false,
      errors: [{ path: '', message: `is not valid JSON: ${detail}` }],
    };
  }
  return openScenarioDocument(value);
}

/** Problems as the lines shown to the user: `path: message`, or the message alone. */
export function problemLines(errors: readonly ValidationError[]): string[] {
  return errors.map((e) => (e.path === '' ? `The file ${e.message}` : formatError(e)));
}
