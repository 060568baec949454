import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { JobView, Request } from '../../entrypoints/background/messages';

/**
 * Ferry's transfer page as a person uses it, by accessible names only — so a tester writes an
 * end-to-end test in a few lines, and the test breaks when the page stops being usable by name.
 */
export class FerryApp {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  static async open(context: BrowserContext, extensionId: string): Promise<FerryApp> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/transfer.html`);
    context.on('page', (opened) => {
      pickEverythingIfPicker(opened).catch((error: unknown) => console.error('[harness] the media picker could not be answered:', error));
    });
    return new FerryApp(context, page, extensionId);
  }

  async choose(from: string, to: string): Promise<void> {
    await this.page.getByLabel('From', { exact: true }).selectOption({ label: from });
    await this.page.getByLabel('To', { exact: true }).selectOption({ label: to });
  }

  /**
   * Clicks "Connect <provider>" (or "Reconnect <provider>") and approves on the provider's consent page —
   * when there is one: a provider that remembers the consent (Microsoft after a revoked refresh token)
   * finishes without showing a page, as it does for a person.
   */
  async connect(provider: string, verb: 'Connect' | 'Reconnect' = 'Connect'): Promise<void> {
    const consentPage = this.context.waitForEvent('page', { timeout: 30_000 }).catch(() => undefined);
    const button = this.page.getByRole('button', { name: `${verb} ${provider}`, exact: true });
    await button.click();
    const connected =
      verb === 'Connect'
        ? this.page.getByRole('button', { name: `Disconnect ${provider}`, exact: true }).waitFor({ timeout: 30_000 })
        : button.waitFor({ state: 'detached', timeout: 30_000 });
    const first = await Promise.race([consentPage, connected.then(() => 'connected' as const)]);
    if (first !== 'connected' && first) {
      await first.getByRole('button', { name: 'Approve', exact: true }).click();
    }
    await connected;
  }

  /**
   * Connects a provider that signs in with an app password (CalDAV, CardDAV, WebDAV): fills its form by label and
   * clicks Connect. A refusal throws the page's own alert, so a wrong password reads as what the person would see.
   */
  async connectWithPassword(provider: string, login: PasswordLogin): Promise<void> {
    const form = this.page.getByRole('form', { name: `Connect ${provider}`, exact: true });
    await form.getByLabel('Server address', { exact: true }).fill(login.url);
    await form.getByLabel('User name', { exact: true }).fill(login.username);
    await form.getByLabel('App password', { exact: true }).fill(login.password);
    await form.getByRole('button', { name: `Connect ${provider}`, exact: true }).click();
    const connected = this.page.getByRole('button', { name: `Disconnect ${provider}`, exact: true });
    const alert = this.page.getByRole('alert');
    await expect(connected.or(alert).first()).toBeVisible({ timeout: 30_000 });
    if (!(await connected.isVisible())) throw new Error(`${provider} did not connect: ${(await alert.allInnerTexts()).join(' ')}`);
  }

  /**
   * Chooses files on disk for a source of files (the Ferry archive, Takeout, Instagram, Facebook) through the page's
   * file input, as a person does, and waits until Ferry has kept its copy and read them.
   */
  async chooseFiles(provider: string, paths: readonly string[]): Promise<void> {
    const other = this.page.getByRole('button', { name: 'Choose other files', exact: true });
    if (await other.isVisible()) await other.click();
    await this.page.getByLabel(new RegExp(`^Choose (the zip file|your ${provider} zip file).*`)).setInputFiles([...paths]);
    const chosen = this.page.getByRole('button', { name: 'Choose other files', exact: true });
    const alert = this.page.getByRole('alert');
    await expect(chosen.or(alert).first()).toBeVisible({ timeout: 10 * 60_000 });
    if (!(await chosen.isVisible())) throw new Error(`${provider}: the files were refused: ${(await alert.allInnerTexts()).join(' ')}`);
  }

  /**
   * Saves the archive a finished transfer wrote to `target`, through the page's "Save the archive" button. The save
   * dialog cannot be answered by a test, so the page is made to take its other way, a download.
   */
  async saveOutput(target: string): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker = undefined;
    });
    const download = this.page.waitForEvent('download', { timeout: 10 * 60_000 });
    await this.page.getByRole('button', { name: 'Save the archive', exact: true }).click();
    await (await download).saveAs(target);
  }

  /** Leaves exactly these data types checked. */
  async selectTypes(labels: string[]): Promise<void> {
    const group = this.page.getByRole('group', { name: 'What to move' });
    const boxes = group.getByRole('checkbox');
    for (const box of await boxes.all()) {
      const name = (await box.getAttribute('aria-label')) ?? (await box.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? ''));
      await box.setChecked(labels.some((l) => name.trim() === l));
    }
  }

  async start(): Promise<void> {
    await this.page.getByRole('button', { name: 'Start transfer', exact: true }).click();
    await expect(this.page.getByRole('status').first()).toBeVisible();
  }

  /** Waits until the job leaves 'running' (or reaches `status`), reading the worker's own view. */
  async waitForJob(
    until: (job: JobView) => boolean = (j) => j.status !== 'running',
    timeoutMs = 240_000,
  ): Promise<JobView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.currentJob();
      if (job && until(job)) return job;
      if (Date.now() > deadline) throw new Error(`job did not reach the expected state in time: ${JSON.stringify(job?.status)}`);
      await this.page.waitForTimeout(250);
    }
  }

  /** The newest job, as the worker reports it (the same message the page itself sends). */
  async currentJob(): Promise<JobView | undefined> {
    const jobs = await this.send<JobView[]>({ type: 'jobs/list' });
    return jobs.sort((a, b) => b.createdAt - a.createdAt)[0];
  }

  async send<T>(request: Request): Promise<T> {
    const reply = await this.page.evaluate(
      (r) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(r),
      request,
    );
    const typed = reply as { ok: boolean; value?: T; error?: string };
    if (!typed?.ok) throw new Error(`worker refused ${request.type}: ${typed?.error}`);
    return typed.value as T;
  }
}

/** What a tester gives for the side of a transfer that is their own server (`--url --username --password`). */
export interface PasswordLogin {
  url: string;
  username: string;
  password: string;
}

/**
 * A provider's media picker (the Google Photos picker) opened by Ferry's export: pick everything, as a person
 * moving their whole library would — "Select all", then "Done".
 */
async function pickEverythingIfPicker(page: Page): Promise<void> {
  await page.waitForLoadState('domcontentloaded');
  if (!/\/photos\.google\.com\//.test(page.url())) return;
  await page.getByRole('button', { name: 'Select all', exact: true }).click();
  await page.getByRole('button', { name: 'Done', exact: true }).click();
}
