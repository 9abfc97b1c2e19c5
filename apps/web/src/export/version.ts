/** The app's version (apps/web/package.json), set at build time by vite.config.ts. */
declare const __SWEETSPOT_VERSION__: string | undefined;

export const APP_VERSION: string =
  typeof __SWEETSPOT_VERSION__ === 'string' ? __SWEETSPOT_VERSION__ : 'dev';
