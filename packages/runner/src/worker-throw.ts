/** The worker side of comlink's error transfer, shared by the browser and Node worker entries. */
import { transferHandlers } from 'comlink';
import { serializeThrown } from './errors.ts';

/** Makes comlink keep a ScenarioError's `errors` array when it crosses to the main thread. */
export function keepScenarioErrors(): void {
  const throwHandler = transferHandlers.get('throw');
  if (!throwHandler) return;
  transferHandlers.set('throw', {
    canHandle: throwHandler.canHandle,
    serialize: (thrown) => [serializeThrown((thrown as { value: unknown }).value), []],
    deserialize: throwHandler.deserialize,
  });
}
