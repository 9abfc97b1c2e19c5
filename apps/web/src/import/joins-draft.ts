/** Lookup-table joins as edited on the page: a new join's guessed columns, and what the worker needs. */
import { normalizeName } from '@sweetspot/calibration';
import type { JoinConfig, JoinDraft, ParsedFileInfo } from './types.ts';

/** A new join's columns: the export column and lookup column with the same name, if any. */
export function guessJoin(
  lookup: ParsedFileInfo,
  exportHeaders: readonly string[],
): Omit<JoinDraft, 'uid'> {
  const byNorm = new Map(exportHeaders.map((h) => [normalizeName(h), h]));
  for (const key of lookup.headers) {
    const column = byNorm.get(normalizeName(key));
    if (column !== undefined)
      return { fileId: lookup.fileId, fileName: lookup.name, column, key, aliases: {} };
  }
  return {
    fileId: lookup.fileId,
    fileName: lookup.name,
    column: '',
    key: lookup.headers[0] ?? '',
    aliases: {},
  };
}

/** The joins as the worker reads them: the lookup file by id, its name for messages. */
export function joinConfigsOf(joins: readonly JoinDraft[]): JoinConfig[] {
  return joins.map((j) => ({
    fileId: j.fileId,
    column: j.column,
    key: j.key,
    aliases: j.aliases,
    source: j.fileName,
  }));
}
