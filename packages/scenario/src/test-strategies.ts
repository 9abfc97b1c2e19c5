/** Strategies built by hand for this package's tests (test files only). */
import { quarterEndPanic } from './presets.ts';
import type { QuarterEndPush, Strategy } from './types.ts';

/** A sweet-spot, best-value-per-hour strategy with `over` applied. */
export const st = (over: Partial<Strategy>): Strategy => ({
  id: 'x',
  name: 'X',
  pursue: 'sweet-spot',
  priority: 'expected-value-per-hour',
  ...over,
});

/** The quarter-end push of the "quarter-end panic" preset (chase everything from week 9). */
export const push: QuarterEndPush = {
  ...(quarterEndPanic.strategies.find((s) => s.quarterEndPush)?.quarterEndPush as QuarterEndPush),
};
