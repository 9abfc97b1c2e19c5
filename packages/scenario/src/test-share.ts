/** Damaged share codes for the link tests (test files only; tests/fuzz-share.test.ts too). */
import { SHARE_PREFIX } from './share.ts';

// A host API (Node 16+, every browser) that ES2022's lib leaves out: declared here, so that this
// file type-checks with the package's sources (no DOM, no Node types).
declare const btoa: (binary: string) => string;

/** The share code of zlib bytes, as the app writes one: the prefix, then base64url unpadded. */
export function shareCodeOf(zlib: Uint8Array): string {
  let binary = '';
  for (const x of zlib) binary += String.fromCharCode(x);
  return SHARE_PREFIX + btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** `code` with bit `bit` (0–7) of its character `i` flipped. */
export function flipBit(code: string, i: number, bit: number): string {
  return (
    code.slice(0, i) + String.fromCharCode(code.charCodeAt(i) ^ (1 << bit)) + code.slice(i + 1)
  );
}
