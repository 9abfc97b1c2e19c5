import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PRESETS } from './presets.ts';
import { decodeShareCode, encodeShareCode, MAX_SHARE_LENGTH, SHARE_PREFIX } from './share.ts';
import { validateScenario } from './validate.ts';

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

  it('refuses a zip bomb', () => {
    const bomb = zlibSync(new Uint8Array(5 * 1024 * 1024).fill(32), { level: 9 });
    let b = '';
    for (const x of bomb) b += String.fromCharCode(x);
    const code =
      SHARE_PREFIX + btoa(b).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
    const r = decodeShareCode(code);
    expect(r.ok).toBe(false);
  });

  it('a scenario of a newer format version is refused with a message saying so', () => {
    const newer = { ...structuredClone(PRESETS[0]), version: 2 };
    const bytes = new TextEncoder().encode(JSON.stringify(newer));
    let b = '';
    for (const x of zlibSync(bytes)) b += String.fromCharCode(x);
    const r = decodeShareCode(
      SHARE_PREFIX + btoa(b).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, ''),
    );
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
