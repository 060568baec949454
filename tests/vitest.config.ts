import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  // `wxt/browser` becomes WXT's fakeBrowser (real storage/runtime semantics) in unit tests.
  plugins: [WxtVitest()],
  define: {
    // Node tests call providers through the sandbox's URL rewrite only when a test sets it up itself.
    __FERRY_SANDBOX_ORIGIN__: JSON.stringify(''),
    __FERRY_CLIENT_IDS__: JSON.stringify({ google: 'test-google', microsoft: 'test-microsoft' }),
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/conformance/**/*.test.ts', 'tests/sandbox/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
