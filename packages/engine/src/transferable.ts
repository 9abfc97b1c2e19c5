/**
 * The buffers under `views`, each once, that can be transferred to another thread rather than
 * copied (a SharedArrayBuffer cannot be, and a buffer listed twice makes postMessage throw).
 * Chunks and traces leave their worker this way.
 */
export function transferableBuffers(views: readonly ArrayBufferView[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const { buffer } of views)
    if (buffer instanceof ArrayBuffer && !out.includes(buffer)) out.push(buffer);
  return out;
}
