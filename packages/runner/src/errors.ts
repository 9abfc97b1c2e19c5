import { formatError, type ValidationError } from '@sweetspot/scenario';

/** The scenario is invalid: `errors` says where and why; the message names every field. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly errors: ValidationError[];

  constructor(errors: ValidationError[]) {
    super(`Invalid scenario: ${errors.map(formatError).join('; ')}`);
    this.errors = errors;
  }
}

/** A worker died (uncaught error, exit, killed, out of memory) or failed inside the engine. */
export class WorkerCrashedError extends Error {
  override readonly name = 'WorkerCrashedError';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`Simulation worker crashed: ${detail}`, options);
  }
}

/** The run was aborted through its signal, or the runner was disposed. `name` is 'AbortError'. */
export class RunAbortedError extends Error {
  override readonly name = 'AbortError';

  constructor(message = 'The simulation run was aborted', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** True for any abort: ours, a DOMException from `signal.throwIfAborted()`, and the like. */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AbortError'
  );
}

/** A readable one-line description of anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}

/**
 * Rebuilds a `ScenarioError` from one that crossed a thread boundary (comlink copies `name`,
 * `message` and, with our throw handler, `errors`), or returns undefined for any other error.
 */
export function reviveScenarioError(error: unknown): ScenarioError | undefined {
  if (error instanceof ScenarioError) return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { name?: unknown; message?: unknown; errors?: unknown };
  if (e.name !== 'ScenarioError') return undefined;
  if (Array.isArray(e.errors)) return new ScenarioError(e.errors as ValidationError[]);
  const message = String(e.message ?? '').replace(/^Invalid scenario: /, '');
  return new ScenarioError([{ path: '', message }]);
}

/**
 * How a worker entry serializes a thrown value for comlink: like comlink's own handler, plus the
 * `errors` array of a `ScenarioError` (comlink's `Object.assign` on the other side restores it).
 */
export function serializeThrown(value: unknown): { isError: boolean; value: unknown } {
  if (value instanceof Error) {
    const out: Record<string, unknown> = {
      message: value.message,
      name: value.name,
      stack: value.stack,
    };
    if (value instanceof ScenarioError) out.errors = value.errors;
    return { isError: true, value: out };
  }
  return { isError: false, value };
}
