/** Worker thread entry: exposes the simulation API over comlink. */
import { parentPort, workerData } from 'node:worker_threads';
import { expose, transfer, transferHandlers } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createSimulationApi } from './api.ts';
import { serializeThrown } from './errors.ts';

if (!parentPort) throw new Error('worker-node.ts must run in a worker thread');

// Keep a ScenarioError's `errors` array when it crosses to the main thread.
const throwHandler = transferHandlers.get('throw');
if (throwHandler) {
  transferHandlers.set('throw', {
    canHandle: throwHandler.canHandle,
    serialize: (thrown) => [serializeThrown((thrown as { value: unknown }).value), []],
    deserialize: throwHandler.deserialize,
  });
}

const testHooks =
  (workerData as { sweetspotTestHooks?: boolean } | undefined)?.sweetspotTestHooks === true ||
  process.env.SWEETSPOT_RUNNER_TEST_HOOKS === '1';

expose(
  createSimulationApi({
    transfer: (chunk, buffers) => transfer(chunk, buffers),
    exit: (code) => process.exit(code),
    testHooks,
  }),
  nodeEndpoint(parentPort),
);
