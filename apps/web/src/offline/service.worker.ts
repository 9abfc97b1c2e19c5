/// <reference lib="webworker" />
/**
 * Sweetspot's service worker: after the first visit the app works with no network.
 *
 * Built by offline/precache-plugin.ts (not bundled with the app): the build replaces the two
 * placeholders below with the list of every file in dist/ (hashed assets, workers, index.html,
 * icons, manifest) and a hash of their contents. Installing caches them all in a cache named
 * after that hash; activating deletes older Sweetspot caches. Every same-origin GET is answered
 * from the cache first (navigations with the cached index.html), the network otherwise.
 *
 * A new version waits until no tab uses the old one (an open page keeps the files it started
 * with), unless the page asks it to take over ({ type: 'skip-waiting' }, the "Reload" button of
 * the update banner). No imports: this file must stand alone.
 */

const PRECACHE = '__SWEETSPOT_PRECACHE__' as unknown as string[];
const VERSION = '__SWEETSPOT_CACHE_VERSION__';
const PREFIX = 'sweetspot-';
const CACHE = `${PREFIX}${VERSION}`;

const sw = self as unknown as ServiceWorkerGlobalScope;
const INDEX = new URL('index.html', sw.registration.scope).href;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.addAll(
          PRECACHE.map((url) => new Request(new URL(url, sw.location.href), { cache: 'reload' })),
        ),
      ),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      // Control the page that installed us, so it works offline without a reload.
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === 'skip-waiting') void sw.skipWaiting();
});

async function fromCache(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const navigation = request.mode === 'navigate';
  // ignoreVary: servers often send `Vary: Origin`, and module scripts (crossorigin) carry an
  // Origin header that the precache requests did not: the files are the same all the same.
  const hit = await cache.match(navigation ? INDEX : request.url, { ignoreVary: true });
  if (hit) return hit;
  return fetch(request);
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  event.respondWith(fromCache(request));
});
