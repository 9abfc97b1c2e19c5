/**
 * Fuzzing the share-code decoder (issue 16): random, truncated, bit-flipped, spliced and oversized
 * codes. Whatever comes in, `decodeShareCode` returns — never throws — and either refuses with a
 * message about the link or gives back exactly the scenario the code was made from. Seeded, so a
 * failure reproduces; the cases that once got through are kept at the end as regression tests.
 */
import { readFileSync } from 'node:fs';
import {
  decodeShareCode,
  encodeShareCode,
  MAX_SHARE_LENGTH,
  PRESETS,
  type Scenario,
  SHARE_PREFIX,
  type ShareDecodeResult,
} from '@sweetspot/scenario';
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { flipBit } from '../packages/scenario/src/test-share.ts';

const SEED = 20261205;
const RUNS = 400;

const links = PRESETS.map((p) => encodeShareCode(p as Scenario));
const originals = links.map((code) => {
  const r = decodeShareCode(code);
  if (!r.ok) throw new Error('a preset link does not decode');
  return r.scenario;
});

const oldLinks = Object.values(
  JSON.parse(
    readFileSync(new URL('./fixtures/presets-v0.1-share-links.json', import.meta.url), 'utf8'),
  ) as Record<string, { code: string }>,
).map((o) => o.code);

/** Never throws; a refusal carries at least one plain message; an acceptance is one of `allowed`. */
function decodeSafely(code: string, allowed: readonly Scenario[]): ShareDecodeResult {
  let r: ShareDecodeResult;
  try {
    r = decodeShareCode(code);
  } catch (error) {
    throw new Error(`decodeShareCode threw on ${JSON.stringify(code.slice(0, 60))}: ${error}`);
  }
  if (r.ok) {
    expect(
      allowed.some((s) => JSON.stringify(s) === JSON.stringify(r.scenario)),
      `accepted a scenario that is not the original: ${code.slice(0, 60)}`,
    ).toBe(true);
  } else {
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) {
      expect(typeof e.message).toBe('string');
      expect(e.message.length).toBeGreaterThan(5);
      // No stack traces or engine internals in what the user reads.
      expect(e.message).not.toMatch(/\n\s+at |Error:|undefined|NaN/);
    }
  }
  return r;
}

/** base64url of raw bytes, as a share code (lets the fuzz build codes the encoder never would). */
function codeOf(bytes: Uint8Array): string {
  let b = '';
  for (const x of bytes) b += String.fromCharCode(x);
  return SHARE_PREFIX + btoa(b).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

const linkIndex = fc.integer({ min: 0, max: links.length - 1 });

describe('share codes under fuzzing', () => {
  it('random text, with and without the prefix, is refused with a message', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000, unit: 'binary' }), fc.boolean(), (s, prefixed) => {
        decodeSafely(prefixed ? SHARE_PREFIX + s : s, []);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('random base64url bodies and random zlib-shaped bytes are refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.boolean(), (bytes, withHeader) => {
        const data = withHeader ? Uint8Array.from([0x78, 0xda, ...bytes]) : bytes;
        decodeSafely(codeOf(data), []);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('compressed non-scenarios (JSON of any shape) are refused with the field named', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const r = decodeSafely(
          codeOf(zlibSync(new TextEncoder().encode(JSON.stringify(value)))),
          [],
        );
        expect(r.ok).toBe(false);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('a truncated link is refused (or, cut only in padding bits, is the original)', () => {
    fc.assert(
      fc.property(linkIndex, fc.nat(), (i, cut) => {
        const code = links[i] as string;
        decodeSafely(code.slice(0, cut % code.length), [originals[i] as Scenario]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('bit flips, anywhere and several at once, are refused or give the original', () => {
    fc.assert(
      fc.property(
        linkIndex,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (i, flips) => {
          const chars = [...(links[i] as string)];
          for (const [at, bit] of flips) {
            const k = at % chars.length;
            chars[k] = String.fromCharCode((chars[k] as string).charCodeAt(0) ^ (1 << bit));
          }
          decodeSafely(chars.join(''), [originals[i] as Scenario]);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('links spliced from two presets, or with characters inserted or deleted, are refused or an original', () => {
    fc.assert(
      fc.property(
        linkIndex,
        linkIndex,
        fc.nat(),
        fc.string({ maxLength: 8 }),
        (i, j, at, insert) => {
          const a = links[i] as string;
          const b = links[j] as string;
          const k = 3 + (at % (a.length - 3));
          decodeSafely(a.slice(0, k) + b.slice(k), originals);
          decodeSafely(a.slice(0, k) + insert + a.slice(k), originals);
          decodeSafely(a.slice(0, k) + a.slice(k + 1 + (at % 5)), originals);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('oversized codes and zip bombs are refused with a message, quickly and without throwing', () => {
    // Longer than any link: refused before decoding.
    const long = decodeSafely(SHARE_PREFIX + 'A'.repeat(MAX_SHARE_LENGTH), []);
    expect(!long.ok && long.errors[0]?.message).toMatch(/too long/);
    // The densest bomb that fits the length limit: ≈ 48 MiB of spaces.
    const bytesThatFit = Math.floor(((MAX_SHARE_LENGTH - SHARE_PREFIX.length) * 6) / 8);
    let size = 48 * 1024 * 1024;
    let bomb = zlibSync(new Uint8Array(size).fill(32), { level: 9 });
    while (bomb.length > bytesThatFit) {
      size = Math.floor(size * 0.98);
      bomb = zlibSync(new Uint8Array(size).fill(32), { level: 9 });
    }
    const r = decodeSafely(codeOf(bomb), []);
    expect(!r.ok && r.errors[0]?.message).toMatch(/too much data/);
    // A scenario padded with 2 MB of whitespace inside the JSON: too much data, not a crash.
    const padded = `${JSON.stringify(originals[0]).slice(0, -1)}${' '.repeat(2_000_000)}}`;
    const big = decodeSafely(codeOf(zlibSync(new TextEncoder().encode(padded), { level: 9 })), []);
    expect(!big.ok && big.errors[0]?.message).toMatch(/too much data/);
  });

  it('deeply nested and prototype-polluting documents are refused, never thrown', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    decodeSafely(codeOf(zlibSync(new TextEncoder().encode(deep), { level: 9 })), []);
    // A 2.5 KB link whose provenance nests 5,000 levels (issue 16: it killed the worker).
    const nested = `${'{"calibration":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const withProvenance = `${JSON.stringify(originals[0]).slice(0, -1)},"provenance":${nested}}`;
    decodeSafely(codeOf(zlibSync(new TextEncoder().encode(withProvenance), { level: 9 })), []);
    const proto = `{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}`;
    decodeSafely(codeOf(zlibSync(new TextEncoder().encode(proto))), []);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });

  describe('regressions (cases that once got through)', () => {
    it('a v0.1 preset link with its seed or warm-up digit flipped is refused (issue 16)', () => {
      // These links used to decode with seed 20261128 → 30261128 or warm-up 26 → 36: fflate did
      // not check the Adler-32 checksum. Every single-bit flip of the first old link now gives a
      // message or the original.
      const code = oldLinks[0] as string;
      const original = decodeShareCode(code);
      if (!original.ok) throw new Error('the old link does not decode');
      let accepted = 0;
      for (let i = 0; i < code.length; i++) {
        for (let bit = 0; bit < 8; bit++) {
          const flipped = flipBit(code, i, bit);
          if (decodeSafely(flipped, [original.scenario]).ok) accepted++;
        }
      }
      expect(accepted).toBeLessThan(10);
    });
  });
});
