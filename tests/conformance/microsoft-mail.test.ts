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
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
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
