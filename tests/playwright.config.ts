import { defineConfig } from '@playwright/test';

// Playwright's network inspection of the service worker slows its uploads many times over.
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';

export default defineConfig({
  testDir: './e2e',
  globalSetup: './harness/global-setup.ts',
  timeout: 300_000,
  expect: { timeout: 20_000 },
  // One sandbox on a fixed port (the sandbox build has its origin built in): one test at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  outputDir: '../test-results',
  projects: [
    { name: 'e2e', testIgnore: /bench-quick\.spec\.ts/ },
    // The bench smoke starts a sandbox of its own on the same port: it runs once the e2e worker (and the
    // sandbox it holds) is gone.
    { name: 'bench-smoke', testMatch: /bench-quick\.spec\.ts/, dependencies: ['e2e'] },
  ],
});
