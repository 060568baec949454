/**
 * The mail conformance suite: every adapter that declares mail support runs it against its sandbox, seeded
 * from the sample archive (tests/sandbox/sample-data/mail.ts, real-world fixtures included when present).
 * Bytes are compared: the MIME an exporter streams is the MIME that was seeded, and the MIME that arrives
 * at an importer is the MIME that left, apart from what the target declares its provider rebuilds.
 */
import { createHash } from 'node:crypto';
import { exportAll as exportAllPages } from './export-all';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AdapterError, type AdapterContext, type ContentStream, type ExportedItem, type ImportItem, type ImportResult, type Importer, type ProviderDescriptor } from '../../model/adapter';
import type { MailMessage } from '../../model/mail';
import { readArchivedMessage, type ArchivedMessage } from '../../model/mail-archive';
import { decodeHeaderText, headerBlockEnd, headerValue, parseHeaderBlock, parseMailDate } from '../../model/mail-headers';
import { readMbox } from '../../model/mail-mbox';
import { isAttachment, walkMime } from '../../model/mail-mime';
import { iterateStream } from '../../model/byte-stream';
import { writeSampleMail } from '../sandbox/sample-data/mail';

export interface MailConformanceAccount {
  ctx: AdapterContext;
  /** Replaces the account's content with the archive under `dir` (`mail/<folder>.mbox`). */
  seed(dir: string): Promise<void>;
  reset(): Promise<void>;
  /** Makes the provider's next API call answer 429 with a Retry-After of `seconds`. */
  throttleNext(seconds: number): Promise<void>;
  close(): Promise<void>;
}

export interface MailConformanceTarget {
  name: string;
  provider: ProviderDescriptor;
  pageSize: number;
  open(): Promise<MailConformanceAccount>;
  /** The folder names a seeded message is expected to come back with, in this provider's spelling. */
  expectedFolders(message: ArchivedMessage): string[];
  /** MIME larger than this arrives rebuilt from its parts: its attachments are compared instead of its bytes. */
  rebuildsAbove?: number;
  /** Imported messages come back as drafts (Outlook's MIME import). */
  importsAsDrafts?: boolean;
  /**
   * Two messages sharing a Message-ID in different folders both arrive (Outlook); otherwise the second is found
   * as the first (Gmail keeps one message per Message-ID). In one folder, the second is always found.
   */
  keepsCopiesInOtherFolders?: boolean;
  /** The account holds only real messages: mbox text without header fields is never seeded (Exchange). */
  holdsOnlyMessages?: boolean;
}

export interface ExpectedMessage extends ArchivedMessage {
  messageId: string;
  subject: string;
  date?: string;
  sha: string;
}

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const piece of body) parts.push(Buffer.from(piece));
  return Buffer.concat(parts);
}

/** The archive's messages as the suite expects them back. */
export async function readExpected(dir: string): Promise<ExpectedMessage[]> {
  const out: ExpectedMessage[] = [];
  for (const file of (await readdir(join(dir, 'mail'))).filter((f) => f.endsWith('.mbox')).sort()) {
    for await (const entry of readMbox(createReadStream(join(dir, 'mail', file)))) {
      const archived = readArchivedMessage(file.slice(0, -5), await collect(entry.body));
      const fields = parseHeaderBlock(archived.raw);
      const date = parseMailDate(headerValue(fields, 'Date'));
      out.push({
        ...archived,
        messageId: headerValue(fields, 'Message-ID')?.trim() ?? '',
        subject: decodeHeaderText(headerValue(fields, 'Subject') ?? ''),
        ...(date && { date }),
        sha: sha(archived.raw),
      });
    }
  }
  return out;
}

const exportAll = (target: MailConformanceTarget, ctx: AdapterContext) => exportAllPages<MailMessage>(target.provider.dataTypes.mail!.export!.create(ctx));

/** The decoded attachments of a MIME message, by hash. */
async function attachmentHashes(bytes: AsyncIterable<Uint8Array>): Promise<string[]> {
  const hashes: string[] = [];
  for await (const leaf of walkMime(bytes)) {
    const body = await collect(leaf.body);
    if (isAttachment(leaf)) hashes.push(sha(body));
  }
  return hashes.sort();
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

const contentOf = (raw: Uint8Array) => async (): Promise<ContentStream> => ({
  body: new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < raw.length; at += 64 * 1024) controller.enqueue(raw.slice(at, at + 64 * 1024));
      controller.close();
    },
  }),
  size: raw.length,
  offset: 0,
});

export function runMailConformance(target: MailConformanceTarget): void {
  describe(`mail conformance: ${target.name}`, () => {
    let account: MailConformanceAccount;
    let dir: string;
    let expected: ExpectedMessage[];
    const support = () => target.provider.dataTypes.mail!;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ferry-mail-conformance-'));
      await writeSampleMail(dir, { count: Math.max(target.pageSize * 3 + 1, 40), folders: 6, seed: 11 });
      expected = await readExpected(dir);
      account = await target.open();
    });
    afterAll(async () => {
      await account?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });
    beforeEach(async () => {
      await account.reset();
    });

    const byId = (items: ExportedItem<MailMessage>[]) => new Map(items.filter((i) => i.data.messageId).map((i) => [i.data.messageId, i]));

    it('export: keys, containers and every field of every seeded message, over several pages', async () => {
      await account.seed(dir);
      const { items, containers, pages } = await exportAll(target, account.ctx);
      expect(pages, 'several pages').toBeGreaterThanOrEqual(3);
      expect(items).toHaveLength(target.holdsOnlyMessages ? expected.filter(isMessage).length : expected.length);
      const prefix = `${target.provider.id}:${account.ctx.account}:mail:`;
      expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
      for (const item of items) {
        expect(item.key.startsWith(prefix), item.key).toBe(true);
        expect(containers.some((c) => c.key === item.containerKey), `container of ${item.title}`).toBe(true);
      }
      expect(containers.filter((c) => c.isDefault).map((c) => c.name)).toEqual(['Inbox']);
      for (const want of expected.filter((e) => e.messageId)) {
        // Real-world archives hold a few messages twice (one Message-ID, two folders): any copy in the right folders will do.
        const copies = items.filter((i) => i.data.messageId === want.messageId).map((i) => i.data);
        const got = copies.find((c) => sameSet(c.folders, target.expectedFolders(want))) ?? copies[0];
        expect(got, `${want.messageId} exported`).toBeDefined();
        const label = `${target.name}: ${want.messageId}`;
        expect(got!.subject, `${label} subject`).toBe(want.subject);
        if (want.date) expect(got!.date, `${label} date`).toBe(want.date);
        expect([...got!.folders].sort(), `${label} folders`).toEqual([...target.expectedFolders(want)].sort());
        expect({ read: got!.read, flagged: got!.flagged, important: got!.important, draft: got!.draft }, `${label} flags`).toEqual({
          read: want.read,
          flagged: want.flagged,
          important: want.important,
          draft: want.draft,
        });
      }
    });

    it('export: the bytes streamed are the bytes seeded, the large message included', async () => {
      await account.seed(dir);
      const { exporter, items } = await exportAll(target, account.ctx);
      const wanted = new Set(expected.map((e) => e.sha));
      for (const item of items) {
        const content = await exporter.openContent!(item, 0);
        expect(content.offset).toBe(0);
        const bytes = await collect(iterateStream(content.body));
        expect(wanted.has(sha(bytes)), `${target.name}: bytes of "${item.title}" (${bytes.length} bytes)`).toBe(true);
      }
      expect(Math.max(...items.map((i) => i.bytes ?? 0), ...expected.map((e) => e.raw.length))).toBeGreaterThan(4 * 1024 * 1024);
    });

    it('containers: ensureContainer is idempotent, and the default maps to the default', async () => {
      const importer = support().import!.create(account.ctx);
      const work = { key: 'suite:container:Work', dataType: 'mail' as const, name: 'Work' };
      const inbox = { key: 'suite:container:Inbox', dataType: 'mail' as const, name: 'Inbox', isDefault: true };
      const workId = await importer.ensureContainer(work);
      expect(await importer.ensureContainer(work)).toBe(workId);
      expect(await support().import!.create(account.ctx).ensureContainer(work)).toBe(workId);
      const inboxId = await importer.ensureContainer(inbox);
      expect(inboxId).not.toBe(workId);
    });

    it('import: everything arrives, field by field and byte for byte; lookup and re-import find it', async () => {
      const importer = support().import!.create(account.ctx);
      const lookupBefore = await importer.lookup(
        expected.slice(0, 3).map((e, i) => ({ key: `suite:${i}`, dataType: 'mail', title: e.subject, data: dataOf(e), containerId: 'none' })),
      );
      expect(lookupBefore.size, 'lookup finds nothing that was never imported').toBe(0);
      const all = [...new Map(expected.map((e) => [e.messageId || e.sha, e])).values()];
      // An mbox may hold text that is no message at all (no header fields): providers refuse it, item by item.
      const unique = all.filter(isMessage);
      const notMessages = await importItems(importer, all.filter((e) => !isMessage(e)));
      for (const result of await importer.importBatch(notMessages)) {
        expect(result.ok, `${result.key} is refused`).toBe(false);
        if (!result.ok) expect(result.error.errorClass, result.error.message).toBe('skip');
      }
      const items = await importItems(importer, unique);
      const first = await importInBatches(importer, items, support().import!.batchSize);
      for (const [key, result] of first) {
        if (!target.importsAsDrafts) continue;
        const lost = result.lost?.map((l) => l.field) ?? [];
        const item = items.find((i) => i.key === key)!;
        if (!item.data.draft) expect(lost, `${key} says it arrives as a draft`).toContain('draft');
        expect(lost, `${key} says its received date is not kept`).toContain('date');
      }
      const { exporter, items: arrived } = await exportAll(target, account.ctx);
      expect(arrived).toHaveLength(unique.length);
      const arrivedById = byId(arrived);
      const arrivedByHash = new Map<string, ExportedItem<MailMessage>>();
      for (const item of arrived) arrivedByHash.set(sha(await collect(iterateStream((await exporter.openContent!(item)).body))), item);
      for (const want of unique) {
        const rebuilt = target.rebuildsAbove !== undefined && want.raw.length > target.rebuildsAbove;
        const got = rebuilt ? arrivedById.get(want.messageId) : arrivedByHash.get(want.sha);
        const label = `${target.name}: "${want.subject}" (${want.raw.length} bytes)`;
        expect(got, `${label} arrived with the same bytes`).toBeDefined();
        if (rebuilt) {
          const bytes = iterateStream((await exporter.openContent!(got!)).body);
          expect(await attachmentHashes(bytes), `${label}: its attachments`).toEqual(await attachmentHashes(once(want.raw)));
        }
        expect([...got!.data.folders].sort(), `${label} folders`).toEqual([...target.expectedFolders(want)].sort());
        expect({ read: got!.data.read, flagged: got!.data.flagged, important: got!.data.important }, `${label} flags`).toEqual({
          read: want.read,
          flagged: want.flagged,
          important: want.important,
        });
        if (want.date && !rebuilt) expect(got!.data.date, `${label} date`).toBe(want.date);
        expect(got!.data.draft, `${label} draft`).toBe(target.importsAsDrafts ? true : want.draft);
      }
      const second = await importInBatches(support().import!.create(account.ctx), items, support().import!.batchSize);
      const withId = items.filter((i) => i.data.messageId);
      for (const item of withId) expect(second.get(item.key)?.destinationId, `${item.title} found again`).toBe(first.get(item.key)?.destinationId);
      const found = await support().import!.create(account.ctx).lookup(withId);
      for (const item of withId) expect(found.get(item.key), `lookup of ${item.title}`).toBe(first.get(item.key)?.destinationId);
      const without = items.length - withId.length;
      const after = await exportAll(target, account.ctx);
      // A message without a Message-ID cannot be found again: each re-import of one makes another copy.
      expect(after.items.length, `${without} messages have no Message-ID`).toBe(unique.length + without);
    });

    it('copies sharing a Message-ID: a copy is found (and says so) wherever the destination keeps one message', async () => {
      const importer = support().import!.create(account.ctx);
      const message = expected.find((e) => e.messageId && isMessage(e) && e.raw.length < 100_000)!;
      const other = expected.map((e) => e.folder).find((f) => f !== message.folder)!;
      const [first, copyElsewhere, copyHere] = await importItems(importer, [message, { ...message, folder: other, labels: [] }, { ...message, labels: [] }]);
      // The first two run side by side, as batches do: still one of them creates and the other finds.
      const [[a], [c]] = await Promise.all([importer.importBatch([first!]), importer.importBatch([copyHere!])]);
      const [b] = await importer.importBatch([copyElsewhere!]);
      for (const result of [a, b, c]) if (!result?.ok) throw new Error(`refused: ${result && !result.ok ? result.error.message : 'no answer'}`);
      const [made, elsewhere, here] = [a, b, c] as Extract<ImportResult, { ok: true }>[];
      expect(here!.destinationId, 'a second copy in the same folder is the first').toBe(made!.destinationId);
      const finder = [made!, here!].filter((r) => r.found);
      expect(finder, 'exactly one of the two was found, not created').toHaveLength(1);
      expect(finder[0]!.found?.field).toBe('messageId');
      expect(finder[0]!.found?.why).toMatch(/Message-ID/);
      if (target.keepsCopiesInOtherFolders) {
        expect(elsewhere!.destinationId, 'a copy in another folder is its own message').not.toBe(made!.destinationId);
        expect(elsewhere!.found).toBeUndefined();
      } else {
        expect(elsewhere!.destinationId, 'a copy in another folder is the first message').toBe(made!.destinationId);
        expect(elsewhere!.found?.field).toBe('messageId');
      }
      const { items: arrived } = await exportAll(target, account.ctx);
      expect(arrived.filter((i) => i.data.messageId === message.messageId)).toHaveLength(target.keepsCopiesInOtherFolders ? 2 : 1);
    });

    it('throttling: a 429 comes back as a retry with the provider\'s Retry-After', async () => {
      await account.throttleNext(7);
      const exporter = support().export!.create(account.ctx);
      const error = await exporter.exportPage(undefined).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AdapterError);
      expect((error as AdapterError).errorClass).toBe('retry');
      expect((error as AdapterError).details.retryAfterMs).toBe(7000);
    });
  });
}

const isMessage = (e: ExpectedMessage): boolean => headerBlockEnd(e.raw) >= 0 && parseHeaderBlock(e.raw).length > 0;

const sameSet = (a: readonly string[], b: readonly string[]): boolean => [...a].sort().join('\n') === [...b].sort().join('\n');

function dataOf(e: ExpectedMessage): MailMessage {
  return {
    messageId: e.messageId,
    subject: e.subject,
    date: e.date ?? '',
    folders: [e.folder, ...e.labels],
    read: e.read,
    flagged: e.flagged,
    important: e.important,
    draft: e.draft,
    sizeBytes: e.raw.length,
    rawSource: `suite:${e.sha}`,
  };
}

async function importItems(importer: Importer, list: ExpectedMessage[]): Promise<ImportItem<MailMessage>[]> {
  const containers = new Map<string, string>();
  const items: ImportItem<MailMessage>[] = [];
  for (const [i, e] of list.entries()) {
    if (!containers.has(e.folder)) {
      containers.set(e.folder, await importer.ensureContainer({ key: `suite:container:${e.folder}`, dataType: 'mail', name: e.folder, ...(e.folder === 'Inbox' && { isDefault: true }) }));
    }
    items.push({ key: `conformance:suite:mail:${i}`, dataType: 'mail', title: e.subject, data: dataOf(e), containerId: containers.get(e.folder)!, content: contentOf(e.raw) });
  }
  return items;
}

async function importInBatches(importer: Importer, items: ImportItem<MailMessage>[], batchSize: number) {
  const results = new Map<string, Extract<ImportResult, { ok: true }>>();
  for (let i = 0; i < items.length; i += batchSize) {
    for (const result of await importer.importBatch(items.slice(i, i + batchSize))) {
      if (!result.ok) throw new Error(`refused ${result.key}: ${result.error.message}`);
      results.set(result.key, result);
    }
  }
  return results;
}
