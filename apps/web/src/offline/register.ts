/**
 * Registers the service worker (production builds only: the dev server has no sw.js) and tells
 * subscribers when a new version is installed and waiting, with a way to switch to it.
 */

type UpdateListener = (apply: (() => void) | undefined) => void;

const listeners = new Set<UpdateListener>();
let pendingApply: (() => void) | undefined;

/** Subscribes to "a new version is ready"; called at once if one already is. */
export function onUpdateReady(listener: UpdateListener): () => void {
  listeners.add(listener);
  if (pendingApply) listener(pendingApply);
  return () => listeners.delete(listener);
}

function announce(worker: ServiceWorker): void {
  pendingApply = () => {
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
      once: true,
    });
    worker.postMessage({ type: 'skip-waiting' });
  };
  for (const listener of listeners) listener(pendingApply);
}

export function registerServiceWorker(url: string): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register(url).then(
      (registration) => {
        // A version already waiting (installed during an earlier visit).
        if (registration.waiting && navigator.serviceWorker.controller)
          announce(registration.waiting);
        registration.addEventListener('updatefound', () => {
          const installing = registration.installing;
          installing?.addEventListener('statechange', () => {
            // "installed" with a controller: an update (the first install has no controller).
            if (installing.state === 'installed' && navigator.serviceWorker.controller)
              announce(installing);
          });
        });
      },
      (error: unknown) => {
        // Offline support is an extra: the app works without it.
        console.warn('Sweetspot: the service worker could not be registered', error);
      },
    );
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
