/**
 * Subscribes a component to a slice of the run controller's state. A component re-renders only
 * when its slice changes (compared with Object.is), so progress ticks do not redraw the editor
 * or the results.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { RunController, RunState } from './controller.ts';

export function useRunState<T>(controller: RunController, select: (state: RunState) => T): T {
  const getSnapshot = useCallback(() => select(controller.getState()), [controller, select]);
  return useSyncExternalStore(controller.subscribe, getSnapshot);
}
