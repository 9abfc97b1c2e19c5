/// <reference lib="webworker" />
// Decodes share links off the main thread: inflating (up to 1 MiB), parsing and validating a
// crafted link cannot freeze the page (docs/sharing.md). One request per worker, then it is ended.
import '../zod-config.ts';
import { decodeShareCode } from '@sweetspot/scenario';
import type { DecodeReply, DecodeRequest } from './decodeClient.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<DecodeRequest>) => {
  const { id, code } = event.data;
  let reply: DecodeReply;
  try {
    reply = { id, result: decodeShareCode(code) };
  } catch (error) {
    // decodeShareCode returns errors rather than throwing; this is the last line of defence.
    const detail = error instanceof Error ? error.message : String(error);
    reply = {
      id,
      result: {
        ok: false,
        errors: [{ path: '', message: `the link could not be read (${detail})` }],
      },
    };
  }
  scope.postMessage(reply);
});
