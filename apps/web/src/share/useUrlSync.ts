/**
 * Keeps the URL fragment in step with the scenario being edited (`#s=<share code>`), so a reload
 * or a bookmark keeps it: history.replaceState (no history entry per edit), debounced. Only valid
 * scenarios are written; while the draft has errors the URL keeps the last valid one. A link
 * pasted into the address bar of an open tab (only the fragment changes: no reload) is opened,
 * decoded in a worker (decodeClient.ts); if another link is pasted meanwhile, only the last opens.
 */
import { encodeShareCode, type Scenario } from '@sweetspot/scenario';
import { useEffect, useRef } from 'react';
import { appLinkDecoder, type LinkDecoder } from './decodeClient.ts';
import type { LinkProblem } from './urlState.ts';
import { hashWithShareCode, shareCodeFromHash } from './urlState.ts';

export const URL_SYNC_DELAY_MS = 400;

export function useUrlSync(
  scenario: Scenario | undefined,
  onOpen: (scenario: Scenario) => void,
  onProblem: (problem: LinkProblem) => void,
  delayMs = URL_SYNC_DELAY_MS,
  decode: LinkDecoder = appLinkDecoder(),
): void {
  const written = useRef<string | undefined>(shareCodeFromHash(window.location.hash));
  const pending = useRef<(() => void) | undefined>(undefined);

  useEffect(() => {
    if (!scenario) return;
    const write = () => {
      pending.current = undefined;
      const code = encodeShareCode(scenario);
      if (code === written.current && shareCodeFromHash(window.location.hash) === code) return;
      written.current = code;
      const url = new URL(window.location.href);
      url.hash = hashWithShareCode(url.hash, code);
      window.history.replaceState(window.history.state, '', url);
    };
    pending.current = write;
    const timer = window.setTimeout(write, delayMs);
    return () => window.clearTimeout(timer);
  }, [scenario, delayMs]);

  // Leaving the page (reload, close) right after an edit: write it now.
  useEffect(() => {
    const flush = () => pending.current?.();
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
    };
  }, []);

  const handlers = useRef({ onOpen, onProblem, decode });
  handlers.current = { onOpen, onProblem, decode };
  useEffect(() => {
    let latest = 0;
    const onHashChange = () => {
      const code = shareCodeFromHash(window.location.hash);
      if (code === undefined || code === written.current) return;
      written.current = code;
      const request = ++latest;
      void handlers.current.decode(code).then((decoded) => {
        // A newer link was pasted, or the app is gone: this answer is stale.
        if (request !== latest) return;
        if (decoded.ok) handlers.current.onOpen(decoded.scenario);
        else handlers.current.onProblem({ errors: decoded.errors });
      });
    };
    window.addEventListener('hashchange', onHashChange);
    return () => {
      latest = -1;
      window.removeEventListener('hashchange', onHashChange);
    };
  }, []);
}
