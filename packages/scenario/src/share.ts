import { Inflate, strFromU8, strToU8, zlibSync } from 'fflate';
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
 * Most bytes one byte of deflate data can inflate to: a 1-bit length code for 258 bytes and a
 * 1-bit distance code, four pairs to the byte (RFC 1951; the "1032:1" bound of zlib's docs).
 */
const MAX_INFLATE_RATIO = 1032;

/**
 * Output one push can release beyond MAX_INFLATE_RATIO × its own bytes: bits carried over from the
 * previous push (at most 8 bytes of input) and a stored block, which fflate holds back until all
 * of it has arrived (at most 65,535 bytes).
 */
const PUSH_SLACK_BYTES = MAX_INFLATE_RATIO * 8 + 65_535;

/** Data of at most `limit − SHARE_INFLATE_MARGIN` bytes always inflates (74,823 bytes). */
export const SHARE_INFLATE_MARGIN = PUSH_SLACK_BYTES + MAX_INFLATE_RATIO;

/** Adler-32 (RFC 1950 §8.2), continued over `data` from the running value `adler`. */
function adler32(adler: number, data: Uint8Array): number {
  let a = adler & 0xffff;
  let b = adler >>> 16;
  // Reduce every 5552 bytes (zlib's NMAX): the sums stay exact integers below 2^32.
  for (let i = 0; i < data.length; ) {
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i] as number;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Why zlib data was refused, and how many bytes were inflated before stopping. */
export type InflateResult =
  | { ok: true; data: Uint8Array; inflated: number }
  | { ok: false; reason: 'damaged' | 'checksum' | 'too-big'; inflated: number };

/**
 * Inflates zlib data (RFC 1950) of at most `limit` bytes, streaming, and verifies its Adler-32
 * checksum (fflate's `unzlibSync` skips it, so an altered link could change numbers silently).
 * The input is fed in steps small enough that, at deflate's largest ratio, no step can inflate
 * past the limit: it stops before inflating more than `limit` bytes, whatever the input. The
 * price: data within SHARE_INFLATE_MARGIN bytes of the limit may be refused too.
 */
export function inflateZlibLimited(bytes: Uint8Array, limit: number): InflateResult {
  let inflated = 0;
  // Header (CMF, FLG): deflate with a window of at most 32 KB, FCHECK, and no preset dictionary.
  const cmf = bytes[0] ?? 0;
  const flg = bytes[1] ?? 0;
  if (
    bytes.length < 7 ||
    (cmf & 15) !== 8 ||
    cmf >> 4 > 7 ||
    ((cmf << 8) | flg) % 31 !== 0 ||
    (flg & 32) !== 0
  )
    return { ok: false, reason: 'damaged', inflated };
  const body = bytes.subarray(2, bytes.length - 4);
  const tail = bytes.subarray(bytes.length - 4);
  const expected =
    (((tail[0] as number) << 24) |
      ((tail[1] as number) << 16) |
      ((tail[2] as number) << 8) |
      (tail[3] as number)) >>>
    0;
  const parts: Uint8Array[] = [];
  let adler = 1;
  let tooBig = false;
  const inflater = new Inflate((chunk) => {
    inflated += chunk.length;
    if (inflated > limit) tooBig = true;
    else {
      parts.push(chunk);
      adler = adler32(adler, chunk);
    }
  });
  try {
    let at = 0;
    while (at < body.length) {
      const step = Math.floor((limit - inflated - PUSH_SLACK_BYTES) / MAX_INFLATE_RATIO);
      // Not even one more byte can be pushed without the risk of inflating past the limit.
      if (step < 1) return { ok: false, reason: 'too-big', inflated };
      inflater.push(body.subarray(at, at + step), false);
      at += step;
      if (tooBig) return { ok: false, reason: 'too-big', inflated };
    }
    inflater.push(new Uint8Array(0), true);
  } catch {
    return { ok: false, reason: 'damaged', inflated };
  }
  if (tooBig) return { ok: false, reason: 'too-big', inflated };
  if (adler !== expected) return { ok: false, reason: 'checksum', inflated };
  const data = new Uint8Array(inflated);
  let offset = 0;
  for (const part of parts) {
    data.set(part, offset);
    offset += part.length;
  }
  return { ok: true, data, inflated };
}

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
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(body);
  } catch {
    return fail('the link is damaged or incomplete (it could not be decompressed)');
  }
  const inflated = inflateZlibLimited(bytes, MAX_SHARE_JSON_BYTES);
  if (!inflated.ok) {
    if (inflated.reason === 'too-big')
      return fail(
        `the link holds too much data (over ${MAX_SHARE_JSON_BYTES / 1024 / 1024} MiB once unpacked)`,
      );
    if (inflated.reason === 'checksum')
      return fail('the link has been altered or damaged (its checksum does not match)');
    return fail('the link is damaged or incomplete (it could not be decompressed)');
  }
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(inflated.data));
  } catch {
    return fail('the link is damaged (its scenario is not valid JSON)');
  }
  try {
    const result = validateScenario(migrateScenario(value));
    return result.ok ? { ok: true, scenario: result.scenario } : result;
  } catch {
    // Validation should never throw; if a pathological document makes it (stack depth), the
    // link is still refused with a message rather than taking the page down.
    return fail("the link's scenario could not be checked (it is too deeply nested or too large)");
  }
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
