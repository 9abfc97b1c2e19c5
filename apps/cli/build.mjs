// Bundles the CLI and its worker thread entry into plain JavaScript (Node 20 cannot run .ts).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Bundled CommonJS dependencies may call require(); give them one.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
};

await build({
  ...common,
  entryPoints: { cli: 'src/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
});
await build({
  ...common,
  entryPoints: { 'worker-node': '../../packages/runner/src/worker-node.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
});
