/**
 * The Gmail exporter reads metadata in batches through the engine's pacer, against the Google sandbox (started
 * in this process) with Gmail's quota on: within the quota no call is refused; with a burst allowance smaller
 * than a batch, the refused calls are sent again and every message still arrives once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { google } from '../../../adapters/google/descriptor';
import { GoogleMailExporter, METADATA_BATCH } from '../../../adapters/google/mail/export';
import { GMAIL_QUOTA } from '../../../adapters/google/mail/quota';
import type { AdapterContext, DataTypeSupport } from '../../../model/adapter';
import { pacedFetch } from '../../../entrypoints/background/engine/paced-fetch';
import { Pacer } from '../../../entrypoints/background/engine/pacer';
import { sandboxContext } from '../../conformance/sandbox-target';
import { GOOGLE_ACCOUNT } from '../../sandbox/google/account';
import { createGoogleSandbox } from '../../sandbox/google/index';
import { writeSampleMail } from '../../sandbox/sample-data/mail';
import { startSandbox } from '../../sandbox/server';

const MESSAGES = 120;
let close: (() => Promise<void>) | undefined;

afterEach(async () => {
  delete process.env.FERRY_SANDBOX_GMAIL_QUOTA;
  await close?.();
});

/** A sandbox with MESSAGES messages and the Gmail quota `quota` (FERRY_SANDBOX_GMAIL_QUOTA), and an exporter paced as the engine paces it. */
async function openExport(quota: string) {
  process.env.FERRY_SANDBOX_GMAIL_QUOTA = quota;
  const sandbox = await startSandbox({ port: 0, providers: [(c) => createGoogleSandbox(c, { rateLimit: null })] });
  const target = sandboxContext(sandbox, 'google', google, google.dataTypes.mail as DataTypeSupport, { tokenAccount: GOOGLE_ACCOUNT.email, contextAccount: GOOGLE_ACCOUNT.sub });
  close = target.close;
  const dir = await mkdtemp(join(tmpdir(), 'ferry-gmail-batch-'));
  try {
    await writeSampleMail(dir, { count: MESSAGES, folders: 4, fixtures: false, largeAttachmentBytes: 0 });
    sandbox.providers.google.reset();
    await sandbox.providers.google.seed(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  sandbox.log.clear();
  const pacer = new Pacer({ minIntervalMs: 0, maxConcurrency: 4, quota: GMAIL_QUOTA });
  const ctx: AdapterContext = { ...target.ctx, fetch: pacedFetch(target.ctx.fetch, pacer) };
  const gmailRequests = () => sandbox.log.list('google').filter((e) => e.host === 'gmail.googleapis.com');
  return { exporter: new GoogleMailExporter(ctx, MESSAGES), gmailRequests };
}

function expectEveryMessageOnce(items: { key: string; title: string }[]): void {
  expect(items).toHaveLength(MESSAGES);
  expect(new Set(items.map((i) => i.key)).size).toBe(MESSAGES);
  for (const item of items) expect(item.title).not.toBe('(no subject)');
}

describe('Gmail export in batches', () => {
  it("reads a page's metadata in batches of 40 calls, no single gets, no 429 within Gmail's 250 units a second", async () => {
    const { exporter, gmailRequests } = await openExport('250,250');
    const page = await exporter.exportPage(undefined);
    expectEveryMessageOnce(page.items);
    const requests = gmailRequests();
    expect(requests.filter((e) => e.path === '/batch/gmail/v1').map((e) => e.status)).toEqual(Array(MESSAGES / METADATA_BATCH).fill(200));
    expect(requests.filter((e) => /\/messages\/[^/]+$/.test(e.path))).toEqual([]);
  });

  it('sends the calls of a batch that were refused with 429 again, and still gets every message once', async () => {
    const { exporter, gmailRequests } = await openExport('250,120');
    const page = await exporter.exportPage(undefined);
    expectEveryMessageOnce(page.items);
    expect(gmailRequests().filter((e) => e.path === '/batch/gmail/v1').length).toBeGreaterThan(MESSAGES / METADATA_BATCH);
  });
});
