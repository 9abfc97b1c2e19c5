/**
 * Web Worker entry: exposes the simulation API over comlink. The app's worker file is just
 * `import '@sweetspot/runner/worker-browser';`.
 */
import { expose, transfer, transferHandlers } from 'comlink';
import { createSimulationApi } from './api.ts';
import { serializeThrown } from './errors.ts';

// Keep a ScenarioError's `errors` array when it crosses to the main thread.
const throwHandler = transferHandlers.get('throw');
if (throwHandler) {
  transferHandlers.set('throw', {
    canHandle: throwHandler.canHandle,
    serialize: (thrown) => [serializeThrown((thrown as { value: unknown }).value), []],
    deserialize: throwHandler.deserialize,
  });
}

expose(
  createSimulationApi({
    transfer: (chunk, buffers) => transfer(chunk, buffers),
    exit: () => self.close(),
  }),
);
