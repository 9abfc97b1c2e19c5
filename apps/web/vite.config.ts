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
  preview: { port: 4173, strictPort: true },
});
