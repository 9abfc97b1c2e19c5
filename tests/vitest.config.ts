import { defineConfig } from 'vitest/config';
import shared from '../vitest.shared.ts';

// The shared settings, with this folder's own files in place of a package's src/ (Vitest's
// mergeConfig would add to the shared `include` rather than replace it).
export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'browser/**'],
  },
});
