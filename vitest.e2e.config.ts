import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: browser mode (`muragat serve`) driven in real Chromium (Debian's, through
 * playwright-core). One file at a time: each starts its own server and browser.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
