import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The app's unit tests run in Node, without a DOM: what needs a browser is in tests/browser.
export default mergeConfig(shared, defineConfig({ test: { environment: 'node' } }));
