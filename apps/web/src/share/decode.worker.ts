/// <reference lib="webworker" />
// Decodes share links off the main thread: inflating (up to 1 MiB), parsing and validating a
// crafted link cannot freeze the page (docs/sharing.md). One request per worker, then it is ended
// (share/decodeClient.ts, over the worker bridge).
import '../zod-config.ts';
import { decodeShareCode } from '@sweetspot/scenario';
import { expose } from 'comlink';
import type { DecodeWorkerApi } from './decodeClient.ts';

const api: DecodeWorkerApi = {
  decode(code) {
    try {
      return decodeShareCode(code);
    } catch (error) {
      // decodeShareCode returns errors rather than throwing; this is the last line of defence.
      const detail = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        errors: [{ path: '', message: `the link could not be read (${detail})` }],
      };
    }
  },
};

expose(api);
