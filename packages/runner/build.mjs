// Bundles the Node worker entry into one self-contained ESM file (engine, scenario schema and
// comlink included), for shipped use: `createNodePool({ workerUrl })` or `defaultNodeWorkerUrl()`.
// Usage: node build.mjs [outfile]   (default dist/worker-node.mjs)
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const outfile = process.argv[2] ?? `${root}dist/worker-node.mjs`;

await build({
  entryPoints: [`${root}src/worker-node.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Prefer ES module builds of dependencies (comlink ships UMD as `main`).
  mainFields: ['module', 'main'],
});
console.log(`built ${outfile}`);
