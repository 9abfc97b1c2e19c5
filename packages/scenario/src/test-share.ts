/** Damaged share codes for the link tests (test files only; tests/fuzz-share.test.ts too). */

/** `code` with bit `bit` (0–7) of its character `i` flipped. */
export function flipBit(code: string, i: number, bit: number): string {
  return (
    code.slice(0, i) + String.fromCharCode(code.charCodeAt(i) ^ (1 << bit)) + code.slice(i + 1)
  );
}
