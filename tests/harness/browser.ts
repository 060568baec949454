import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { SANDBOX_EXTENSION_ID } from '../sandbox/identity';
import { SANDBOX_EXTENSION_DIR } from './paths';

export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface FerryBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Every console line of Ferry's pages and worker, for the "no token in the console" check. */
  consoleLines: string[];
}

/**
 * Chromium with the sandbox build of Ferry loaded. The flags keep Chromium off the (closed) network
 * and let it trust the sandbox's self-signed certificate.
 */
export async function launchFerry(opts: { headless?: boolean; userDataDir?: string } = {}): Promise<FerryBrowser> {
  const context = await chromium.launchPersistentContext(opts.userDataDir ?? '', {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1100, height: 900 },
    args: [
      `--disable-extensions-except=${SANDBOX_EXTENSION_DIR}`,
      `--load-extension=${SANDBOX_EXTENSION_DIR}`,
      '--ignore-certificate-errors',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  const consoleLines: string[] = [];
  const prefix = `chrome-extension://${SANDBOX_EXTENSION_ID}/`;
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith(prefix)) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(prefix), timeout: 15_000 }));
  worker.on('console', (m) => consoleLines.push(`[worker] ${m.text()}`));
  context.on('console', (m) => consoleLines.push(`[page] ${m.text()}`));
  return { context, extensionId: SANDBOX_EXTENSION_ID, worker, consoleLines };
}

/**
 * Stops Ferry's service worker the way Chromium does when it is idle or killed (CDP
 * ServiceWorker.stopAllWorkers). Any extension page's next message wakes it with fresh globals.
 */
export async function stopServiceWorker(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
