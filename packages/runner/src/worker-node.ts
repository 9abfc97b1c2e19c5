/** Worker thread entry: exposes the simulation API over comlink. */
import { parentPort, workerData } from 'node:worker_threads';
import { expose, transfer } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createSimulationApi } from './api.ts';
import { keepScenarioErrors } from './worker-throw.ts';

if (!parentPort) throw new Error('worker-node.ts must run in a worker thread');

keepScenarioErrors();

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
