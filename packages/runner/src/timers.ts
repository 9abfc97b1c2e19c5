/**
 * Timers without lib DOM or @types/node: every JavaScript host we run on (browsers, workers,
 * Node) has these globals, but lib ES2022 does not declare them.
 */
interface TimerHost {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

const host = globalThis as unknown as TimerHost;

export function setTimer(callback: () => void, ms: number): unknown {
  return host.setTimeout(callback, ms);
}

export function clearTimer(id: unknown): void {
  host.clearTimeout(id);
}

/** Resolves on a later macrotask, so that pending events (an abort click) run first. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    host.setTimeout(resolve, 0);
  });
}
