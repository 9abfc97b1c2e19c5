import { describe, expect, it } from 'vitest';
import { checkFileName, decodeChunks, MAX_FILE_BYTES, sniffBytes } from './read-file.ts';

describe('file checks', () => {
  it('refuses workbooks, other formats, empty and huge files by name and size', () => {
    expect(checkFileName('pipeline.XLSX', 10)).toMatchObject({ ok: false });
    expect(checkFileName('a.json', 10)).toMatchObject({
      ok: false,
      message: expect.stringContaining('JSON file'),
    });
    expect(checkFileName('a.csv', 0)).toMatchObject({ ok: false });
    expect(checkFileName('a.csv', MAX_FILE_BYTES + 1)).toMatchObject({ ok: false });
    expect(checkFileName('a.csv', 10)).toEqual({ ok: true });
    expect(checkFileName('export', 10)).toEqual({ ok: true });
  });

  it('sniffs encodings and binary content', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniffBytes('a', enc('a,b\n1,2'))).toEqual({ ok: true, encoding: 'utf-8' });
    // A multi-byte character cut off at the end of the sample is still UTF-8.
    expect(sniffBytes('a', enc('a,é').slice(0, 3))).toMatchObject({ encoding: 'utf-8' });
    expect(sniffBytes('a', Uint8Array.from([0x61, 0xe9, 0x2c]))).toMatchObject({
      encoding: 'windows-1252',
    });
    expect(sniffBytes('a', Uint8Array.from([0xff, 0xfe, 0x61, 0]))).toMatchObject({
      encoding: 'utf-16le',
    });
    expect(sniffBytes('a', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0]))).toMatchObject({ ok: false });
    expect(sniffBytes('a', Uint8Array.from([0x61, 0, 0x62]))).toMatchObject({ ok: false });
  });

  it('decodes chunks and counts bytes, across split characters', async () => {
    const text = 'naïve,café\n'.repeat(20_000);
    const bytes: number[] = [];
    let out = '';
    for await (const chunk of decodeChunks(
      new Blob([text]),
      'utf-8',
      (b) => bytes.push(b),
      () => false,
    ))
      out += chunk;
    expect(out).toBe(text);
    expect(bytes.at(-1)).toBe(new TextEncoder().encode(text).length);
  });
});
