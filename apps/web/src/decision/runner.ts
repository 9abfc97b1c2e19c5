/**
 * The decision panels' worker pool: the app's browser pool (same simulation worker), created when
 * the first analysis starts and terminated when the panels go away. It is separate from the main
 * run's pool, so cancelling an analysis never disturbs the results on screen.
 */
import type { Runner } from '@sweetspot/runner';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { createAppRunner } from '../run/runners.ts';

export interface DecisionRunner {
  /** The pool, created on first use. */
  get(): Runner;
  /** Throws the pool away (after a failure, so that Retry starts on fresh workers). */
  reset(): void;
}

export function useDecisionRunner(create: () => Runner = () => createAppRunner('normal')) {
  const pool = useRef<Runner | undefined>(undefined);
  const make = useRef(create);
  const get = useCallback(() => {
    pool.current ??= make.current();
    return pool.current;
  }, []);
  const reset = useCallback(() => {
    pool.current?.dispose();
    pool.current = undefined;
  }, []);
  useEffect(() => reset, [reset]);
  return useMemo<DecisionRunner>(() => ({ get, reset }), [get, reset]);
}
