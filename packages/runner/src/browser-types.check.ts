// Type-level checks only (tsconfig.browser.json): the DOM's AbortSignal fits the core's
// AbortSignalLike, so `run(scenario, { signal: controller.signal })` type-checks in the app.
import type { AbortSignalLike } from './types.ts';

export type DomAbortSignalFits = AbortSignal extends AbortSignalLike ? true : never;
export const domAbortSignalFits: DomAbortSignalFits = true;
