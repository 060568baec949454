import { test as base } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '../sandbox/server';
import { DEFAULT_SANDBOX_PORT } from '../sandbox/identity';
import { launchFerry, type FerryBrowser } from './browser';
import { FerryApp } from './ferry-app';
import { SandboxControl } from './sandbox-control';

type RunningSandbox = Awaited<ReturnType<typeof startSandbox>> & { control: SandboxControl };

/**
 * What an end-to-end test gets: a running sandbox (both providers, emptied before each test), a
 * Chromium with the sandbox build of Ferry in a fresh profile on disk, Ferry's transfer page, and a
 * scratch folder. A new test is a few lines: seed, click through `app`, assert on `sandbox`.
 */
export const test = base.extend<
  { ferry: FerryBrowser; app: FerryApp; scratch: string; profileDir: string },
  { sandbox: RunningSandbox }
>({
  sandbox: [
    async ({}, use) => {
      const running = await startSandbox({ port: Number(process.env.FERRY_SANDBOX_PORT ?? DEFAULT_SANDBOX_PORT) });
      await use({ ...running, control: new SandboxControl(running.origin) });
      await running.close();
    },
    { scope: 'worker' },
  ],
  scratch: async ({}, use) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  profileDir: async ({ scratch }, use) => {
    await use(path.join(scratch, 'profile'));
  },
  ferry: async ({ sandbox, profileDir }, use) => {
    await sandbox.control.reset();
    const browser = await launchFerry({ userDataDir: profileDir });
    await use(browser);
    await browser.context.close();
  },
  app: async ({ ferry }, use) => {
    await use(await FerryApp.open(ferry.context, ferry.extensionId));
  },
});

export { expect } from '@playwright/test';
