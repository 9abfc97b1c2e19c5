/**
 * The scenario library in IndexedDB (through `idb`): named scenarios with the headline results
 * of their last run. Plain TS, no React; unit-tested against fake-indexeddb.
 *
 * Two object stores:
 * - `revisions`: one immutable record per saved version of a scenario (the scenario as JSON data);
 * - `entries`: one record per library item (name, dates, last headline) with a pointer to its
 *   current revision.
 *
 * A save writes the new revision, then swaps the entry's pointer to it, then deletes the old
 * revision — all in ONE readwrite transaction, so it commits whole or not at all: a failed write
 * (quota exceeded, a crash, a thrown error) never loses or half-replaces the previous version.
 */
import type { Scenario } from '@sweetspot/scenario';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

export const LIBRARY_DB_NAME = 'sweetspot-library';
/** Version of the database layout (object stores), not of the scenario format. */
export const LIBRARY_DB_VERSION = 1;

/** What the library list shows of an entry's last run. */
export interface LibraryHeadline {
  /** "Year", "2 quarters", "Quarter": the period the figures cover (the whole horizon). */
  period: string;
  currency: string;
  trials: number;
  a: { id: string; name: string; meanBookings: number };
  b: { id: string; name: string; meanBookings: number };
  /** Share of trials in which A booked more than B over the horizon. */
  pABeatsB: number;
  /** When the run finished (ms since the epoch). */
  computedAt: number;
}

export interface LibraryEntry {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** Id of the current revision (the pointer a save swaps). */
  revision: string;
  /** The scenario format version of the current revision (`version` field), as saved. */
  scenarioVersion: unknown;
  headline?: LibraryHeadline;
}

export interface LibraryRevision {
  id: string;
  entryId: string;
  savedAt: number;
  /** The scenario as saved: unknown until migrated and validated (it may come from a newer app). */
  scenario: unknown;
}

interface LibrarySchema extends DBSchema {
  entries: { key: string; value: LibraryEntry; indexes: { updatedAt: number } };
  revisions: { key: string; value: LibraryRevision; indexes: { entryId: string } };
}

/** A library problem with a sentence for the user. */
export class LibraryError extends Error {
  override name = 'LibraryError';
}

/**
 * Test hooks that make a save fail at a given step (called synchronously inside the
 * transaction; throwing aborts it).
 */
export interface LibraryFaults {
  /** After the new revision is written, before the entry's pointer moves to it. */
  afterRevisionWrite?: () => void;
  /** After the pointer moved, before the old revision is deleted. */
  afterPointerSwap?: () => void;
}

export interface SaveInput {
  /** Existing entry to save a new version of; absent: a new entry. */
  id?: string;
  name: string;
  scenario: Scenario;
  headline?: LibraryHeadline;
}

export interface OpenedEntry {
  entry: LibraryEntry;
  /** The stored scenario, not yet migrated or validated. */
  scenario: unknown;
}

export interface LibraryStore {
  list(): Promise<LibraryEntry[]>;
  get(id: string): Promise<OpenedEntry | undefined>;
  save(input: SaveInput): Promise<LibraryEntry>;
  rename(id: string, name: string): Promise<LibraryEntry>;
  duplicate(id: string, name: string): Promise<LibraryEntry>;
  remove(id: string): Promise<void>;
  /** Records the headline of a run of the entry's revision `revision` (ignored if it moved on). */
  setHeadline(id: string, revision: string, headline: LibraryHeadline): Promise<boolean>;
  close(): void;
}

export interface LibraryOptions {
  name?: string;
  now?: () => number;
  faults?: LibraryFaults;
}

/** A random id (crypto.getRandomValues works in insecure contexts too, unlike randomUUID). */
export function newId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof DOMException !== 'undefined' && error instanceof DOMException) return error.message;
  return String(error);
}

/** Opens (creating or upgrading) the library database. */
export async function openLibrary(options: LibraryOptions = {}): Promise<LibraryStore> {
  if (typeof indexedDB === 'undefined')
    throw new LibraryError(
      'This browser has no IndexedDB (private mode in some browsers): the library is unavailable.',
    );
  const name = options.name ?? LIBRARY_DB_NAME;
  const now = options.now ?? (() => Date.now());
  const faults = options.faults;
  let db: IDBPDatabase<LibrarySchema>;
  try {
    db = await openDB<LibrarySchema>(name, LIBRARY_DB_VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          const entries = database.createObjectStore('entries', { keyPath: 'id' });
          entries.createIndex('updatedAt', 'updatedAt');
          const revisions = database.createObjectStore('revisions', { keyPath: 'id' });
          revisions.createIndex('entryId', 'entryId');
        }
      },
    });
  } catch (error) {
    if ((error as { name?: string } | null)?.name === 'VersionError')
      throw new LibraryError(
        'The library was written by a newer version of Sweetspot; update the app to open it.',
      );
    throw new LibraryError(`The library could not be opened: ${describe(error)}`);
  }

  /** Runs a readwrite transaction over both stores; a throw aborts it (nothing is written). */
  async function write<T>(
    body: (tx: ReturnType<typeof rw>) => Promise<T>,
    what: string,
  ): Promise<T> {
    const tx = rw();
    try {
      const value = await body(tx);
      await tx.done;
      return value;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already finished or aborted
      }
      await tx.done.catch(() => undefined);
      if (error instanceof LibraryError) throw error;
      throw new LibraryError(`${what} failed; nothing was changed (${describe(error)}).`);
    }
  }
  function rw() {
    return db.transaction(['entries', 'revisions'], 'readwrite');
  }

  const store: LibraryStore = {
    async list() {
      const all = await db.getAll('entries');
      return all.sort((x, y) => y.updatedAt - x.updatedAt || x.name.localeCompare(y.name));
    },

    async get(id) {
      const tx = db.transaction(['entries', 'revisions'], 'readonly');
      const entry = await tx.objectStore('entries').get(id);
      const revision = entry ? await tx.objectStore('revisions').get(entry.revision) : undefined;
      await tx.done;
      if (!entry) return undefined;
      if (!revision)
        throw new LibraryError(`"${entry.name}" has lost its saved scenario (revision missing).`);
      return { entry, scenario: revision.scenario };
    },

    save(input) {
      return write(async (tx) => {
        const entries = tx.objectStore('entries');
        const revisions = tx.objectStore('revisions');
        const t = now();
        const existing = input.id === undefined ? undefined : await entries.get(input.id);
        if (input.id !== undefined && !existing)
          throw new LibraryError('That scenario is no longer in the library.');
        const entryId = existing?.id ?? newId();
        // 1. The new version, as a record of its own (the old one is untouched).
        const revision: LibraryRevision = {
          id: newId(),
          entryId,
          savedAt: t,
          scenario: structuredClone(input.scenario),
        };
        await revisions.add(revision);
        faults?.afterRevisionWrite?.();
        // 2. Swap the pointer.
        const entry: LibraryEntry = {
          id: entryId,
          name: input.name,
          createdAt: existing?.createdAt ?? t,
          updatedAt: t,
          revision: revision.id,
          scenarioVersion: input.scenario.version,
          ...(input.headline ? { headline: input.headline } : {}),
        };
        await entries.put(entry);
        faults?.afterPointerSwap?.();
        // 3. Drop the old version.
        if (existing) await revisions.delete(existing.revision);
        return entry;
      }, 'Saving');
    },

    rename(id, newName) {
      return write(async (tx) => {
        const entries = tx.objectStore('entries');
        const entry = await entries.get(id);
        if (!entry) throw new LibraryError('That scenario is no longer in the library.');
        const renamed = { ...entry, name: newName, updatedAt: now() };
        await entries.put(renamed);
        return renamed;
      }, 'Renaming');
    },

    duplicate(id, copyName) {
      return write(async (tx) => {
        const entries = tx.objectStore('entries');
        const revisions = tx.objectStore('revisions');
        const entry = await entries.get(id);
        const source = entry ? await revisions.get(entry.revision) : undefined;
        if (!entry || !source) throw new LibraryError('That scenario is no longer in the library.');
        const t = now();
        const copyId = newId();
        const revision: LibraryRevision = {
          id: newId(),
          entryId: copyId,
          savedAt: t,
          scenario: source.scenario,
        };
        await revisions.add(revision);
        const copy: LibraryEntry = {
          ...entry,
          id: copyId,
          name: copyName,
          createdAt: t,
          updatedAt: t,
          revision: revision.id,
        };
        await entries.add(copy);
        return copy;
      }, 'Duplicating');
    },

    remove(id) {
      return write(async (tx) => {
        const entries = tx.objectStore('entries');
        const revisions = tx.objectStore('revisions');
        await entries.delete(id);
        // Every revision of the entry (the current one, and any left over).
        const keys = await revisions.index('entryId').getAllKeys(id);
        for (const key of keys) await revisions.delete(key);
      }, 'Deleting');
    },

    setHeadline(id, revision, headline) {
      return write(async (tx) => {
        const entries = tx.objectStore('entries');
        const entry = await entries.get(id);
        if (!entry || entry.revision !== revision) return false;
        await entries.put({ ...entry, headline });
        return true;
      }, 'Recording the results');
    },

    close() {
      db.close();
    },
  };
  return store;
}
