/**
 * The library as React state: the entries, the entry being worked on ("active": last opened or
 * saved), and the operations. The database is opened once per page. When a final result arrives
 * for the active entry's scenario, its headline figures are recorded.
 */
import type { Scenario } from '@sweetspot/scenario';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunController } from '../run/controller.ts';
import { cleanName, copyName, headlineOf, type OpenResult, openStoredScenario } from './logic.ts';
import { type LibraryEntry, LibraryError, type LibraryStore, openLibrary } from './store.ts';

let shared: Promise<LibraryStore> | undefined;

/** The page's library database (opened on first use). */
export function libraryStore(): Promise<LibraryStore> {
  shared ??= openLibrary();
  return shared;
}

export interface ActiveEntry {
  id: string;
  revision: string;
  name: string;
  /** JSON of the scenario as saved (what the run controller keys results by). */
  key: string;
}

export interface LibraryApi {
  status: 'opening' | 'ready' | 'unavailable';
  /** Why the library is unavailable, or why the last operation failed. */
  error: string | undefined;
  entries: LibraryEntry[];
  active: ActiveEntry | undefined;
  save(name: string, scenario: Scenario, mode: 'new' | 'update'): Promise<boolean>;
  rename(id: string, name: string): Promise<boolean>;
  duplicate(id: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  /** Reads an entry; on success it becomes the active one. */
  open(id: string): Promise<OpenResult | undefined>;
  clearError(): void;
}

function message(error: unknown): string {
  if (error instanceof LibraryError) return error.message;
  return `The library failed: ${error instanceof Error ? error.message : String(error)}`;
}

export function useLibrary(controller: RunController): LibraryApi {
  const [store, setStore] = useState<LibraryStore | undefined>();
  const [status, setStatus] = useState<LibraryApi['status']>('opening');
  const [error, setError] = useState<string | undefined>();
  const [entries, setEntries] = useState<LibraryEntry[]>([]);
  const [active, setActive] = useState<ActiveEntry | undefined>();

  useEffect(() => {
    let live = true;
    libraryStore().then(
      async (s) => {
        const list = await s.list();
        if (!live) return;
        setStore(s);
        setEntries(list);
        setStatus('ready');
      },
      (e: unknown) => {
        if (!live) return;
        setStatus('unavailable');
        setError(message(e));
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const refresh = useCallback(async (s: LibraryStore) => setEntries(await s.list()), []);

  /** Runs an operation; failures become the error message (nothing else changes). */
  const run = useCallback(
    async <T>(op: (s: LibraryStore) => Promise<T>): Promise<T | undefined> => {
      if (!store) return undefined;
      try {
        setError(undefined);
        const value = await op(store);
        await refresh(store);
        return value;
      } catch (e) {
        setError(message(e));
        await refresh(store).catch(() => undefined);
        return undefined;
      }
    },
    [store, refresh],
  );

  const save = useCallback(
    async (name: string, scenario: Scenario, mode: 'new' | 'update') => {
      const clean = cleanName(name);
      if (!clean) {
        setError('Give the scenario a name to save it.');
        return false;
      }
      const key = JSON.stringify(scenario);
      const shown = controller.getState().result;
      const headline =
        shown?.final && shown.key === key ? headlineOf(shown.summary, Date.now()) : undefined;
      const entry = await run((s) =>
        s.save({
          ...(mode === 'update' && active ? { id: active.id } : {}),
          name: clean,
          scenario,
          ...(headline ? { headline } : {}),
        }),
      );
      if (!entry) return false;
      setActive({ id: entry.id, revision: entry.revision, name: entry.name, key });
      return true;
    },
    [run, controller, active],
  );

  const rename = useCallback(
    async (id: string, name: string) => {
      const clean = cleanName(name);
      if (!clean) {
        setError('A name cannot be empty.');
        return false;
      }
      const entry = await run((s) => s.rename(id, clean));
      if (entry) setActive((a) => (a && a.id === id ? { ...a, name: entry.name } : a));
      return entry !== undefined;
    },
    [run],
  );

  const duplicate = useCallback(
    async (id: string) => {
      const source = entries.find((e) => e.id === id);
      if (!source) return false;
      const name = copyName(
        source.name,
        entries.map((e) => e.name),
      );
      return (await run((s) => s.duplicate(id, name))) !== undefined;
    },
    [run, entries],
  );

  const remove = useCallback(
    async (id: string) => {
      const done = await run(async (s) => {
        await s.remove(id);
        return true;
      });
      if (done) setActive((a) => (a?.id === id ? undefined : a));
      return done === true;
    },
    [run],
  );

  const open = useCallback(
    async (id: string) => {
      const opened = await run((s) => s.get(id));
      if (!opened) {
        setError((e) => e ?? 'That scenario is no longer in the library.');
        return undefined;
      }
      const result = openStoredScenario(opened.scenario);
      if (result.ok)
        setActive({
          id,
          revision: opened.entry.revision,
          name: opened.entry.name,
          key: JSON.stringify(result.scenario),
        });
      return result;
    },
    [run],
  );

  // Record the headline of the active entry's final result.
  const recorded = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!store || !active) return;
    const check = () => {
      const r = controller.getState().result;
      if (!r?.final || r.key !== active.key) return;
      const mark = `${active.revision}:${r.runId}`;
      if (recorded.current === mark) return;
      recorded.current = mark;
      const headline = headlineOf(r.summary, Date.now());
      if (!headline) return;
      store
        .setHeadline(active.id, active.revision, headline)
        .then(() => refresh(store))
        .catch(() => undefined);
    };
    check();
    return controller.subscribe(check);
  }, [store, active, controller, refresh]);

  return {
    status,
    error,
    entries,
    active,
    save,
    rename,
    duplicate,
    remove,
    open,
    clearError: () => setError(undefined),
  };
}
