/**
 * Web Worker entry: exposes the simulation API over comlink. The app's worker file is just
 * `import '@sweetspot/runner/worker-browser';`.
 */
import { expose, transfer } from 'comlink';
import { createSimulationApi } from './api.ts';
import { keepScenarioErrors } from './worker-throw.ts';

keepScenarioErrors();

expose(
  createSimulationApi({
    transfer: (chunk, buffers) => transfer(chunk, buffers),
    exit: () => self.close(),
  }),
);
