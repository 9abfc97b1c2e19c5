import { describe, expect, it } from 'vitest';
import { transferableBuffers } from './transferable.ts';

describe('transferableBuffers', () => {
  it('lists each buffer once, in order, and leaves shared buffers out', () => {
    const a = new Float64Array(4);
    const b = new Float64Array(2);
    const onA = new Float64Array(a.buffer, 8, 1);
    const shared = new Float64Array(new SharedArrayBuffer(16));
    expect(transferableBuffers([a, b, onA, shared])).toEqual([a.buffer, b.buffer]);
    expect(transferableBuffers([])).toEqual([]);
  });
});
