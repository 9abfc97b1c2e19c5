/*
 * Per-deal and per-rep state lives in plain arrays, not typed arrays. Once any ArrayBuffer in the
 * process has been transferred (a worker posting its results, a module loader's message port), V8
 * checks every typed array access for a detached buffer; plain arrays of numbers need no such
 * check, and V8 keeps them unboxed as long as they only ever hold numbers (they are built here,
 * never holey). Measured with V8 in Node 20; it changes no number the model computes.
 */

/** A packed array of n zeros that V8 stores as unboxed doubles. */
export function numbers(n: number): number[] {
  const a: number[] = [];
  for (let i = 0; i < n; i++) a.push(0.5); // a fraction, so the array holds doubles from the start
  return a.fill(0);
}

/** A packed array of n small integers (zeros to start with). */
export function integers(n: number): number[] {
  const a: number[] = [];
  for (let i = 0; i < n; i++) a.push(0);
  return a;
}

/** arr[i] += v, spelled so that noUncheckedIndexedAccess stays on; V8 inlines it. */
export function add(arr: number[], i: number, v: number): void {
  arr[i] = (arr[i] as number) + v;
}
