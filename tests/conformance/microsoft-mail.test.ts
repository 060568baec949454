/**
 * The Outlook mail adapter against the Microsoft sandbox, started in this process, through the mail
 * conformance suite. Graph makes every imported message a draft and rebuilds messages over its 4 MB
 * request limit from their parts; both are declared here and reported per item by the importer.
 */
import { MicrosoftMailExporter } from '../../adapters/microsoft/mail/export';
import { MAX_MIME_BYTES } from '../../adapters/microsoft/mail/import';
import { microsoft } from '../../adapters/microsoft/descriptor';
import { describe, expect, it } from 'vitest';
import { GRAPH_API, graphRequest } from '../../adapters/microsoft/client';
import { folderUrl } from '../../adapters/microsoft/mail/folders';
import type { DataTypeSupport, ImportItem, ImportResult, ProviderDescriptor } from '../../model/adapter';
import type { MailMessage } from '../../model/mail';
import { ALICE } from '../sandbox/microsoft/account';
import { createMicrosoftSandbox } from '../sandbox/microsoft/index';
import { startSandbox } from '../sandbox/server';
import { runMailConformance } from './mail.suite';
import { sandboxContext } from './sandbox-target';

const PAGE_SIZE = 10;

const mail = microsoft.dataTypes.mail as DataTypeSupport;
const provider: ProviderDescriptor = {
  ...microsoft,
  dataTypes: { mail: { ...mail, export: { create: (ctx) => new MicrosoftMailExporter(ctx, PAGE_SIZE) } } },
};

runMailConformance({
  name: 'microsoft',
  provider,
  pageSize: PAGE_SIZE,
  expectedFolders: (m) => [m.folder, ...m.labels],
  rebuildsAbove: MAX_MIME_BYTES,
  importsAsDrafts: true,
  keepsCopiesInOtherFolders: true,
  holdsOnlyMessages: true,
  async open() {
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createMicrosoftSandbox(ctx, { serviceTimeMs: 0 })] });
    const { ctx, close } = sandboxContext(sandbox, 'microsoft', microsoft, mail, { tokenAccount: ALICE.id, contextAccount: ALICE.id });
    const account = sandbox.providers.microsoft;
    return {
      ctx,
      async seed(dir) {
        account.reset();
        await account.seed(dir);
      },
      reset: async () => account.reset(),
      async throttleNext(seconds) {
        sandbox.faults.add({ provider: 'microsoft', kind: 'status', status: 429, retryAfter: { seconds }, pathPattern: '^/graph\\.microsoft\\.com/' });
      },
      close,
    };
  },
});

describe('microsoft mail: a worker stopped between the create and the state PATCH', () => {
  it('lookup finds the message and sets its state (Graph makes every message read and unflagged)', async () => {
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createMicrosoftSandbox(ctx, { serviceTimeMs: 0 })] });
    const { ctx, close } = sandboxContext(sandbox, 'microsoft', microsoft, mail, { tokenAccount: ALICE.id, contextAccount: ALICE.id });
    try {
      const importer = mail.import!.create(ctx);
      const inbox = await importer.ensureContainer({ key: 'suite:container:Inbox', dataType: 'mail', name: 'Inbox', isDefault: true });
      // What the stopped worker left: the MIME created, its state never set.
      const raw = 'From: Bob <bob@example.org>\r\nTo: alice@example.com\r\nSubject: Half done\r\nDate: Mon, 3 Mar 2025 10:00:00 +0000\r\nMessage-ID: <half-done@example.org>\r\n\r\nHello\r\n';
      const created = await ctx.fetch(ctx.url(`${folderUrl(inbox)}/messages`), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: Buffer.from(raw).toString('base64') });
      expect(created.status).toBe(201);
      const data: MailMessage = { messageId: '<half-done@example.org>', subject: 'Half done', date: '2025-03-03T10:00:00Z', folders: ['Inbox', 'Work'], read: false, flagged: true, important: false, draft: false, rawSource: 'x' };
      const id = (await importer.lookup([{ key: 'k', dataType: 'mail', title: 'Half done', data, containerId: inbox }])).get('k');
      expect(id).toBeDefined();
      const message = await graphRequest<{ isRead: boolean; flag: { flagStatus: string }; categories: string[] }>(ctx, 'GET', `${GRAPH_API}/me/messages/${id}?$select=isRead,flag,categories`);
      expect(message).toMatchObject({ isRead: false, flag: { flagStatus: 'flagged' }, categories: ['Work'] });
    } finally {
      await close();
    }
  });
});

describe('microsoft mail: batches', () => {
  const raw = (n: number, body = 'Hello') =>
    `From: Bob <bob@example.org>\r\nTo: alice@example.com\r\nSubject: Batch ${n}\r\nDate: Mon, 3 Mar 2025 10:00:00 +0000\r\nMessage-ID: <batch-${n}@example.org>\r\n\r\n${body}\r\n`;
  const item = (n: number, containerId: string, text = raw(n)): ImportItem<MailMessage> => ({
    key: `batch:${n}`,
    dataType: 'mail',
    title: `Batch ${n}`,
    containerId,
    data: { messageId: `<batch-${n}@example.org>`, subject: `Batch ${n}`, date: '2025-03-03T10:00:00Z', folders: ['Inbox', `Label ${n}`], read: n % 2 === 0, flagged: true, important: false, draft: false, rawSource: `batch:${n}` },
    content: async () => ({ body: new Blob([text]).stream(), size: text.length, offset: 0 }),
  });

  async function open() {
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createMicrosoftSandbox(ctx, { serviceTimeMs: 0 })] });
    const { ctx, close } = sandboxContext(sandbox, 'microsoft', microsoft, mail, { tokenAccount: ALICE.id, contextAccount: ALICE.id });
    const importer = mail.import!.create(ctx);
    const inbox = await importer.ensureContainer({ key: 'suite:container:Inbox', dataType: 'mail', name: 'Inbox', isDefault: true });
    const inInbox = async () =>
      (await graphRequest<{ value: { id: string; internetMessageId: string; isRead: boolean; flag: { flagStatus: string }; categories: string[] }[] }>(
        ctx,
        'GET',
        `${folderUrl(inbox)}/messages?$select=id,internetMessageId,isRead,flag,categories&$top=100`,
      )).value;
    return { sandbox, ctx, close, importer, inbox, inInbox };
  }

  const failure = (result: ImportResult | undefined) => {
    if (!result || result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
    return result.error;
  };

  it('a throttled create inside the $batch: that message and those queued behind it come back "retry" with its Retry-After; the rest is made once', async () => {
    const { sandbox, close, importer, inbox, inInbox } = await open();
    try {
      sandbox.faults.add({ provider: 'microsoft', kind: 'status', status: 429, retryAfter: { seconds: 5 }, method: 'POST', pathPattern: '/mailFolders/[^/]+/messages$', afterRequests: 1 });
      const items = [1, 2, 3].map((n) => item(n, inbox));
      const first = await importer.importBatch(items);
      expect(first[0]?.ok).toBe(true);
      for (const result of first.slice(1)) {
        expect(failure(result).errorClass).toBe('retry');
        expect(failure(result).details.retryAfterMs).toBe(5000);
      }
      const second = await importer.importBatch(items);
      expect(second.every((r) => r.ok)).toBe(true);
      expect(second[0]).toMatchObject({ destinationId: first[0]!.ok ? first[0]!.destinationId : '', found: { field: 'messageId' } });
      const messages = await inInbox();
      expect(messages.map((m) => m.internetMessageId).sort()).toEqual(['<batch-1@example.org>', '<batch-2@example.org>', '<batch-3@example.org>']);
      for (const m of messages) expect(m).toMatchObject({ flag: { flagStatus: 'flagged' } });
    } finally {
      await close();
    }
  });

  it('a 503 on one state PATCH inside the $batch: that message is "retry", and the next attempt finds it and sets its state', async () => {
    const { sandbox, close, importer, inbox, inInbox } = await open();
    try {
      sandbox.faults.add({ provider: 'microsoft', kind: 'status', status: 503, method: 'PATCH', pathPattern: '/me/messages/[^/]+$', afterRequests: 2 });
      const items = [1, 2, 3].map((n) => item(n, inbox));
      const first = await importer.importBatch(items);
      expect(first.slice(0, 2).every((r) => r.ok)).toBe(true);
      expect(failure(first[2]).errorClass).toBe('retry');
      expect(failure(first[2]).details.status).toBe(503);
      const again = await importer.importBatch([items[2]!]);
      expect(again[0]).toMatchObject({ ok: true, found: { field: 'messageId' } });
      const messages = await inInbox();
      expect(messages).toHaveLength(3);
      const third = messages.find((m) => m.internetMessageId === '<batch-3@example.org>');
      expect(third).toMatchObject({ isRead: false, flag: { flagStatus: 'flagged' }, categories: ['Label 3'] });
    } finally {
      await close();
    }
  });

  it('a message Outlook refuses inside the $batch is skipped alone: the ones behind it are sent again at once', async () => {
    const { close, importer, inbox, inInbox } = await open();
    try {
      const notMime = 'no header fields at all';
      const results = await importer.importBatch([item(1, inbox), item(2, inbox, notMime), item(3, inbox), item(4, inbox)]);
      expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
      expect(failure(results[1]).errorClass).toBe('skip');
      expect((await inInbox()).map((m) => m.internetMessageId).sort()).toEqual(['<batch-1@example.org>', '<batch-3@example.org>', '<batch-4@example.org>']);
    } finally {
      await close();
    }
  });

  it('a worker stopped between the create $batch and the PATCH $batch: lookup finds every message and sets its state; nothing is made twice', async () => {
    const { sandbox, ctx, close, importer, inbox, inInbox } = await open();
    try {
      // The third $batch (lookups, creates, then state) never answers: the worker is gone.
      sandbox.faults.add({ provider: 'microsoft', kind: 'drop', method: 'POST', pathPattern: '/v1\\.0/\\$batch$', afterRequests: 2 });
      const items = [1, 2, 3, 4].map((n) => item(n, inbox));
      const stopped = await importer.importBatch(items);
      for (const result of stopped) expect(failure(result).errorClass).toBe('retry');
      const made = await inInbox();
      expect(made).toHaveLength(4);
      for (const m of made) expect(m).toMatchObject({ isRead: true, flag: { flagStatus: 'notFlagged' }, categories: [] });
      const found = await mail.import!.create(ctx).lookup(items);
      expect([...found.keys()].sort()).toEqual(items.map((i) => i.key));
      const after = await inInbox();
      expect(after).toHaveLength(4);
      for (const m of after) {
        const n = Number(/batch-(\d+)@/.exec(m.internetMessageId)![1]);
        expect(found.get(`batch:${n}`)).toBe(m.id);
        expect(m).toMatchObject({ isRead: n % 2 === 0, flag: { flagStatus: 'flagged' }, categories: [`Label ${n}`] });
      }
      const resumed = await mail.import!.create(ctx).importBatch(items);
      for (const result of resumed) expect(result).toMatchObject({ ok: true, destinationId: found.get(result.key), found: { field: 'messageId' } });
      expect(await inInbox()).toHaveLength(4);
    } finally {
      await close();
    }
  });

  it('two copies of one message in one batch: the second is found as the first, not made again', async () => {
    const { close, importer, inbox, inInbox } = await open();
    try {
      const copy = { ...item(1, inbox), key: 'batch:1:copy' };
      const [a, b] = await importer.importBatch([item(1, inbox), copy]);
      expect(a).toMatchObject({ ok: true });
      expect(b).toMatchObject({ ok: true, destinationId: a!.ok ? a!.destinationId : '', found: { field: 'messageId' } });
      expect(await inInbox()).toHaveLength(1);
    } finally {
      await close();
    }
  });
});
