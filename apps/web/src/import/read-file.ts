/**
 * Reading a local file as CSV text: refuse what is clearly not a CSV (by name and by its first
 * bytes), pick the text encoding, and stream the decoded text in chunks, counting bytes. Works
 * on any Blob (a File in the browser or in Node), without network or DOM.
 */

/** The calibration package's own limit (CsvOptions.maxChars default). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export type FileCheck = { ok: true } | { ok: false; message: string };

const WORKBOOK = /\.(xlsx|xlsm|xlsb|xls|ods|numbers)$/i;
const OTHER_BINARY =
  /\.(zip|gz|tgz|7z|rar|pdf|docx?|pptx?|png|jpe?g|gif|webp|svg|json|xml|html?|exe|dmg|mp[34]|mov)$/i;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Checks name and size before reading anything. */
export function checkFileName(name: string, size: number): FileCheck {
  if (WORKBOOK.test(name))
    return {
      ok: false,
      message: `"${name}" is a spreadsheet workbook, not a CSV file. Export it as CSV first (in Excel: File › Save As › CSV UTF-8; in Google Sheets: File › Download › CSV).`,
    };
  if (OTHER_BINARY.test(name)) {
    const ext = /\.([^.]+)$/.exec(name)?.[1]?.toUpperCase() ?? '';
    return {
      ok: false,
      message: `"${name}" is a ${ext} file, not a CSV export. Choose the CSV file your CRM exported (one row per opportunity).`,
    };
  }
  if (size === 0)
    return { ok: false, message: `"${name}" is empty (0 bytes): there is nothing to import.` };
  if (size > MAX_FILE_BYTES)
    return {
      ok: false,
      message: `"${name}" is ${megabytes(size)}; the import reads files up to ${megabytes(MAX_FILE_BYTES)}. Export fewer columns or a shorter period.`,
    };
  return { ok: true };
}

export type Sniff = { ok: true; encoding: string; note?: string } | { ok: false; message: string };

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Looks at the first bytes: binary formats, byte-order marks, UTF-8 or not. */
export function sniffBytes(name: string, head: Uint8Array): Sniff {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]))
    return {
      ok: false,
      message: `"${name}" is a zip archive (an Excel .xlsx workbook is one), not CSV text. Export it as CSV first.`,
    };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0]))
    return {
      ok: false,
      message: `"${name}" is an old Excel (.xls) workbook, not CSV text. Export it as CSV first.`,
    };
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46]))
    return { ok: false, message: `"${name}" is a PDF document, not CSV text.` };
  if (startsWith(head, [0xff, 0xfe])) return { ok: true, encoding: 'utf-16le' };
  if (startsWith(head, [0xfe, 0xff])) return { ok: true, encoding: 'utf-16be' };
  let controls = 0;
  for (const b of head) {
    if (b === 0) return binary(name);
    if (b < 0x09 || (b > 0x0d && b < 0x20)) controls++;
  }
  if (head.length > 0 && controls / head.length > 0.01) return binary(name);
  try {
    // stream: true tolerates a character cut off at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { ok: true, encoding: 'utf-8' };
  } catch {
    return {
      ok: true,
      encoding: 'windows-1252',
      note: 'The file is not UTF-8: it was read as Windows-1252 (Western European). If names look wrong, export it again as CSV UTF-8.',
    };
  }
}

function binary(name: string): Sniff {
  return {
    ok: false,
    message: `"${name}" does not look like text (it holds binary data). Choose the CSV file your CRM exported.`,
  };
}

export const SNIFF_BYTES = 8192;

/**
 * The file's decoded text in chunks, as the file streams in. `onBytes` gets the bytes read so
 * far; when `cancelled()` turns true the stream is cancelled and the chunks stop.
 */
export async function* decodeChunks(
  blob: Blob,
  encoding: string,
  onBytes: (bytes: number) => void,
  cancelled: () => boolean,
): AsyncGenerator<string> {
  const reader = blob.stream().getReader();
  const decoder = new TextDecoder(encoding);
  let bytes = 0;
  try {
    for (;;) {
      if (cancelled()) {
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      onBytes(bytes);
      const text = decoder.decode(value, { stream: true });
      if (text !== '') yield text;
    }
    const tail = decoder.decode();
    if (tail !== '') yield tail;
  } finally {
    reader.releaseLock();
  }
}
