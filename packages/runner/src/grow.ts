/** A merged chunk that grows as batches of trials arrive (a stop rule, a precision target). */
import { copyTrials, createChunk, type Layout, type SimulationChunk } from '@sweetspot/engine';

/**
 * A new chunk of `capacity` trials from `from.trialStart`, holding the first `count` trials of
 * `from` and its aggregates: what a growing merged chunk is reallocated to (capacity doubling, so
 * merging costs O(total) copies overall), or trimmed to (capacity = count) at the end.
 */
export function regrowChunk(
  layout: Layout,
  from: SimulationChunk,
  count: number,
  capacity: number,
): SimulationChunk {
  const to = createChunk(layout, from.trialStart, capacity);
  copyTrials(layout, from, 0, to, 0, count);
  to.aggregates.set(from.aggregates);
  return to;
}
