import fc from 'fast-check';
import { Deflate, strToU8, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PRESETS } from './presets.ts';
import {
  decodeShareCode,
  encodeShareCode,
  inflateZlibLimited,
  MAX_SHARE_JSON_BYTES,
  MAX_SHARE_LENGTH,
  SHARE_INFLATE_MARGIN,
  SHARE_PREFIX,
} from './share.ts';
import { flipBit, shareCodeOf } from './test-share.ts';
import { validateScenario } from './validate.ts';

// The exhaustive and zip-bomb tests take seconds on a loaded machine: they get 60 s to finish
// (a bound on the run, not an assertion about speed).
describe('share codes', () => {
  it('round-trips every preset exactly and stays link-sized', () => {
    for (const preset of PRESETS) {
      const code = encodeShareCode(preset);
      expect(code.startsWith(SHARE_PREFIX)).toBe(true);
      expect(code).toMatch(/^s1\.[A-Za-z0-9_-]+$/);
      // Browsers handle URLs far longer, but a shareable link should stay a few KB.
      expect(code.length).toBeLessThan(4000);
      const back = decodeShareCode(code);
      expect(back.ok).toBe(true);
      if (back.ok) expect(back.scenario).toEqual(validateScenario(preset).ok ? preset : null);
    }
  });

  it('round-trips arbitrary seeds, names and numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
        fc.string({ minLength: 1, maxLength: 80 }),
        (seed, name) => {
          const scenario = {
            ...structuredClone(PRESETS[0]),
            seed,
            name: name.trim() || 'x',
          } as (typeof PRESETS)[number];
          const back = decodeShareCode(encodeShareCode(scenario));
          expect(back.ok).toBe(true);
          if (back.ok) expect(back.scenario.seed).toBe(seed);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports truncated, tampered and foreign codes as readable errors', () => {
    const code = encodeShareCode(PRESETS[0] as (typeof PRESETS)[number]);
    const cases = [
      code.slice(0, code.length - 7),
      `${code.slice(0, 20)}A${code.slice(21)}`,
      `${code}!!`,
      'hello',
      's9.abcdef',
      '',
      SHARE_PREFIX,
      `${SHARE_PREFIX}${'A'.repeat(MAX_SHARE_LENGTH)}`,
    ];
    for (const c of cases) {
      const r = decodeShareCode(c);
      expect(r.ok, c.slice(0, 40)).toBe(false);
      if (!r.ok) {
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) expect(e.message).toMatch(/^[a-z"].+/);
      }
    }
    const newer = decodeShareCode('s2.AAAA');
    expect(!newer.ok && newer.errors[0]?.message).toContain('newer version');
  });

  it('every single-bit flip of a preset link is refused with a message or decodes to the original', () => {
    const code = encodeShareCode(PRESETS[0] as (typeof PRESETS)[number]);
    const original = decodeShareCode(code);
    if (!original.ok) throw new Error('the preset link does not decode');
    let refused = 0;
    let same = 0;
    for (let i = 0; i < code.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = flipBit(code, i, bit);
        const r = decodeShareCode(flipped);
        if (r.ok) {
          // Only bits that carry nothing (base64 padding bits, deflate padding) may go unnoticed.
          expect(r.scenario, `char ${i} bit ${bit}`).toEqual(original.scenario);
          same++;
        } else {
          expect(r.errors[0]?.message, `char ${i} bit ${bit}`).toMatch(/^the link .+/);
          refused++;
        }
      }
    }
    expect(refused + same).toBe(code.length * 8);
    // Almost all are refused; the few that decode are the original (2 of 17,944 when measured).
    expect(same).toBeLessThan(code.length / 100);
  }, 60_000);

  it('an altered scenario under the old checksum is refused (the checksum is verified)', () => {
    const preset = PRESETS[0] as (typeof PRESETS)[number];
    const good = zlibSync(strToU8(JSON.stringify(preset)), { level: 9 });
    // Same document with the seed changed, compressed, then given the original's Adler-32.
    const altered = zlibSync(strToU8(JSON.stringify({ ...preset, seed: preset.seed + 1 })), {
      level: 9,
    });
    altered.set(good.subarray(good.length - 4), altered.length - 4);
    const r = decodeShareCode(shareCodeOf(altered));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toContain('checksum does not match');
    expect(inflateZlibLimited(altered, MAX_SHARE_JSON_BYTES)).toMatchObject({
      ok: false,
      reason: 'checksum',
    });
  });

  it('stops a zip bomb before inflating more than the limit', () => {
    // 50 MB of spaces: 48.6 KB compressed, the densest deflate can be (≈ 1030:1).
    const bomb = zlibSync(new Uint8Array(50 * 1024 * 1024).fill(32), { level: 9 });
    const r = inflateZlibLimited(bomb, MAX_SHARE_JSON_BYTES);
    expect(r).toMatchObject({ ok: false, reason: 'too-big' });
    expect(r.inflated).toBeLessThanOrEqual(MAX_SHARE_JSON_BYTES);
    expect(r.inflated).toBeGreaterThan(MAX_SHARE_JSON_BYTES - SHARE_INFLATE_MARGIN);
  }, 60_000);

  it('stops before the limit even when a stored block is held back until it is complete', () => {
    // Dense blocks up to just under the limit, then a 60,000-byte stored (uncompressed) block:
    // the inflater releases a stored block only once all of it has arrived.
    const out: Uint8Array[] = [];
    const deflate = new Deflate({ level: 9 }, (chunk) => out.push(chunk));
    deflate.push(new Uint8Array(MAX_SHARE_JSON_BYTES - 30_000).fill(32));
    deflate.flush(true);
    const stored = new Uint8Array(60_000).map((_, i) => (i * 7919) & 255);
    const header = [0x78, 0xda];
    const block = [1, 60_000 & 255, 60_000 >> 8, ~60_000 & 255, (~60_000 >> 8) & 255];
    const parts = [
      Uint8Array.from(header),
      ...out,
      Uint8Array.from(block),
      stored,
      new Uint8Array(4),
    ];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    const r = inflateZlibLimited(bytes, MAX_SHARE_JSON_BYTES);
    expect(r).toMatchObject({ ok: false, reason: 'too-big' });
    expect(r.inflated).toBeLessThanOrEqual(MAX_SHARE_JSON_BYTES);
  });

  it('inflates data up to the limit less the margin, whatever its compression', () => {
    const size = MAX_SHARE_JSON_BYTES - SHARE_INFLATE_MARGIN;
    const dense = new Uint8Array(size).fill(32);
    let x = 1;
    const noise = new Uint8Array(size).map(() => {
      x = (x * 48271) % 2147483647;
      return x & 255;
    });
    for (const data of [dense, noise]) {
      const r = inflateZlibLimited(zlibSync(data, { level: 9 }), MAX_SHARE_JSON_BYTES);
      expect(r.ok).toBe(true);
      // First differing byte (-1: none); toEqual on a megabyte array is needlessly slow.
      if (r.ok) expect(r.data.findIndex((v, i) => v !== data[i])).toBe(-1);
      if (r.ok) expect(r.data.length).toBe(size);
    }
    const over = inflateZlibLimited(
      zlibSync(new Uint8Array(MAX_SHARE_JSON_BYTES + 1).fill(32)),
      MAX_SHARE_JSON_BYTES,
    );
    expect(over.ok).toBe(false);
  }, 60_000);

  it('refuses a zip bomb', () => {
    const bomb = zlibSync(new Uint8Array(5 * 1024 * 1024).fill(32), { level: 9 });
    const r = decodeShareCode(shareCodeOf(bomb));
    expect(r.ok).toBe(false);
  });

  it('a scenario of a newer format version is refused with a message saying so', () => {
    const newer = { ...structuredClone(PRESETS[0]), version: 2 };
    const bytes = new TextEncoder().encode(JSON.stringify(newer));
    const r = decodeShareCode(shareCodeOf(zlibSync(bytes)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toContain('newer version of Sweetspot');
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        decodeShareCode(s);
        decodeShareCode(SHARE_PREFIX + s);
      }),
      { numRuns: 500 },
    );
  });
});
