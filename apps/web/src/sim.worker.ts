// A simulation worker of the pool: the runner's browser worker entry, exposed with comlink.
import './zod-config.ts';
import '@sweetspot/runner/worker-browser';
