import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';
import type { Scenario } from './types.ts';
import { type ValidationError, validateScenario } from './validate.ts';

/**
 * Scenario ⇄ URL-safe text, for share links: `s1.` + base64url(zlib(JSON)). The prefix versions
 * the encoding itself (not the scenario format, which carries its own `version`).
 */
export const SHARE_PREFIX = 's1.';

/** Longest share code we accept: beyond this, a link is not a link a person would send. */
export const MAX_SHARE_LENGTH = 64 * 1024;

/** Largest inflated JSON we accept, so a crafted link cannot inflate into gigabytes. */
export const MAX_SHARE_JSON_BYTES = 1024 * 1024;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** RFC 4648 §5 base64url without padding (written out: `btoa` is not in the ES library). */
function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Inverse of toBase64Url; throws on characters outside the alphabet or a dangling character. */
function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new RangeError('truncated base64url');
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const v = LOOKUP[text.charCodeAt(i)] ?? -1;
    if (v < 0) throw new RangeError('bad base64url character');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (acc >> bits) & 255;
    }
  }
  return bytes;
}

/** Encodes a scenario as a compact share code for a URL fragment. */
export function encodeShareCode(scenario: Scenario): string {
  return SHARE_PREFIX + toBase64Url(zlibSync(strToU8(JSON.stringify(scenario)), { level: 9 }));
}

export type ShareDecodeResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; errors: ValidationError[] };

const fail = (message: string): ShareDecodeResult => ({
  ok: false,
  errors: [{ path: '', message }],
});

/**
 * Decodes a share code back into a validated scenario. Malformed, truncated, tampered or
 * oversized codes come back as errors, never exceptions.
 */
export function decodeShareCode(code: string): ShareDecodeResult {
  if (code.length > MAX_SHARE_LENGTH)
    return fail(`the link is too long (${code.length} characters)`);
  if (!code.startsWith(SHARE_PREFIX)) {
    const prefix = /^s(\d+)\./.exec(code);
    return prefix
      ? fail(
          `the link was made by a newer version of Sweetspot (link format ${prefix[1]}); please update`,
        )
      : fail('the link is not a Sweetspot scenario link');
  }
  const body = code.slice(SHARE_PREFIX.length);
  if (!/^[A-Za-z0-9_-]*$/.test(body)) return fail('the link is damaged (unexpected characters)');
  let json: string;
  try {
    const inflated = unzlibSync(fromBase64Url(body), { out: undefined });
    if (inflated.length > MAX_SHARE_JSON_BYTES) return fail('the link holds too much data');
    json = strFromU8(inflated);
  } catch {
    return fail('the link is damaged or incomplete (it could not be decompressed)');
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return fail('the link is damaged (its scenario is not valid JSON)');
  }
  const result = validateScenario(migrateScenario(value));
  return result.ok ? { ok: true, scenario: result.scenario } : result;
}

/** The newest scenario format this build reads. */
export const SCENARIO_VERSION = 1;

/**
 * Brings an older scenario document up to the current format. Version 1 is the first format, so
 * there is nothing to migrate yet; a newer version is left alone and validation refuses it with a
 * message saying so. New versions add a step here (vN → vN+1) and keep the old ones.
 */
export function migrateScenario(value: unknown): unknown {
  return value;
}
