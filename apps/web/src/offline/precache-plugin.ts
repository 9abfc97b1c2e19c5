/**
 * Vite plugin (build only): writes dist/sw.js from src/offline/service.worker.ts with the list of
 * every built file to precache and a cache version that is a hash of their contents. Runs after
 * the bundle is written, so the list has the hashed names, the workers, index.html and the
 * public files (icons, manifest) — exactly what the app needs to start offline.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Plugin, type ResolvedConfig, transformWithOxc } from 'vite';

const SOURCE = fileURLToPath(new URL('./service.worker.ts', import.meta.url));
export const SW_FILE = 'sw.js';

function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, rel));
    else out.push(rel);
  }
  return out;
}

/** Files that the app never requests: the service worker itself, source maps, OS litter. */
function precached(file: string): boolean {
  return file !== SW_FILE && !file.endsWith('.map') && !/(^|\/)\.|Thumbs\.db$/.test(file);
}

export function precacheServiceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'sweetspot-precache-service-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async writeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir);
      const files = filesUnder(outDir).filter(precached);
      const hash = createHash('sha256');
      for (const file of files) {
        hash.update(file);
        hash.update('\0');
        hash.update(readFileSync(path.join(outDir, file)));
        hash.update('\0');
      }
      const version = hash.digest('hex').slice(0, 16);
      const base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      const urls = files.map((f) => `${base}${f}`);
      const { code } = await transformWithOxc(readFileSync(SOURCE, 'utf8'), SOURCE, {
        lang: 'ts',
      });
      const replaced = code
        .replace(/(["'])__SWEETSPOT_PRECACHE__\1/, JSON.stringify(urls))
        .replace(/(["'])__SWEETSPOT_CACHE_VERSION__\1/, JSON.stringify(version));
      if (replaced.includes('__SWEETSPOT_')) throw new Error('service worker placeholders left');
      writeFileSync(path.join(outDir, SW_FILE), `// Sweetspot ${version}\n${replaced}`);
      config.logger.info(
        `sweetspot: ${SW_FILE} precaches ${urls.length} files (cache version ${version})`,
      );
    },
  };
}
