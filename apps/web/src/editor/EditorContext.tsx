import type { Scenario } from '@sweetspot/scenario';
import { createContext, useContext } from 'react';
import type { PathKey } from './paths.ts';

/** What every editor control needs: the draft, a way to change it, and the field errors. */
export interface EditorApi {
  draft: Scenario;
  /** Sets one value; `undefined` removes an optional field. */
  set(path: readonly PathKey[], value: unknown): void;
  /** Replaces the draft with a function of it (add/remove rows and the like). */
  apply(edit: (draft: Scenario) => Scenario): void;
  /** Field path → error messages. */
  errors: ReadonlyMap<string, string[]>;
  /** The currency to show amounts in (the draft's, when Intl knows it). */
  currency: string;
}

export const EditorContext = createContext<EditorApi | null>(null);

export function useEditor(): EditorApi {
  const api = useContext(EditorContext);
  if (!api) throw new Error('useEditor outside of an EditorContext');
  return api;
}
