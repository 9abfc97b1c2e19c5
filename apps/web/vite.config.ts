import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import pkg from './package.json' with { type: 'json' };
import { precacheServiceWorker } from './src/offline/precache-plugin.ts';

/**
 * The dev server injects an inline script (React Fast Refresh preamble) that the production
 * Content-Security-Policy forbids. In `vite dev` only, drop the CSP <meta>; the built app keeps it.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'sweetspot-dev-without-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, '');
    },
  };
}

/**
 * The Content-Security-Policy of index.html's <meta> tag, read from the file so that the page and
 * the server cannot drift apart. A <meta> CSP cannot carry `frame-ancestors` (browsers ignore it
 * there), so the header adds it: no other site may frame the app (clickjacking).
 */
function cspHeader(): string {
  const html = readFileSync(new URL('./index.html', import.meta.url), 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/s.exec(html)?.[1];
  if (!meta) throw new Error('apps/web/index.html: the Content-Security-Policy <meta> is missing');
  return `${meta.replace(/\s+/g, ' ').trim()}; frame-ancestors 'none'`;
}

/** Headers of every response of the production server (`npm start` runs `vite preview`). */
const SECURITY_HEADERS = {
  'Content-Security-Policy': cspHeader(),
  // Scripts and styles only run when served with their own MIME type.
  'X-Content-Type-Options': 'nosniff',
  // A Referer never carries the fragment (the scenario); this keeps the path and query private too.
  'Referrer-Policy': 'no-referrer',
  // For browsers that predate frame-ancestors.
  'X-Frame-Options': 'DENY',
};

export default defineConfig({
  plugins: [react(), devWithoutCsp(), precacheServiceWorker()],
  // The app version, printed on reports so that numbers can be reproduced.
  define: { __SWEETSPOT_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // No inline modulepreload polyfill script: everything the page runs comes from its own files.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  preview: { port: 4173, strictPort: true, headers: SECURITY_HEADERS },
});
