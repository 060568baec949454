/**
 * How fast the Outlook mail importer moves messages into the Microsoft sandbox over the benchmark's network
 * (40 ms each way, 200 Mbit/s, each mailbox request holding Outlook's slot 10 ms), called as the engine calls
 * it: batches of `batchSize`, as many side by side as the pacer allows, every request through the engine's
 * pacer and paced fetch with Outlook's limits, items answered "retry" sent again. The source is in memory, so
 * this is Outlook's side alone. Prints messages/s against the rate Outlook's limits allow (tests/bench/limits.ts,
 * its in-flight term) and fails below a floor far under it. FERRY_MAIL_THROUGHPUT_COUNT sets the count.
 */
import { describe, expect, it } from 'vitest';
import { microsoft } from '../../adapters/microsoft/descriptor';
import { Pacer } from '../../entrypoints/background/engine/pacer';
import { pacedFetch } from '../../entrypoints/background/engine/paced-fetch';
import type { AdapterError, ContentStream, DataTypeSupport, ImportItem, ImportResult } from '../../model/adapter';
import type { MailMessage } from '../../model/mail';
import { mailLimit } from '../bench/limits';
import { ALICE } from '../sandbox/microsoft/account';
import { createMicrosoftSandbox } from '../sandbox/microsoft/index';
import { startSandbox } from '../sandbox/server';
import { sandboxContext } from './sandbox-target';

const COUNT = Number(process.env.FERRY_MAIL_THROUGHPUT_COUNT ?? 200);
const FOLDERS = 10;
const NET = { latencyMs: 40, mbit: 200 };
/** Messages/s below which something is wrong (several times under what a busy 2-core machine does). */
const FLOOR = 5;

const mail = microsoft.dataTypes.mail as DataTypeSupport;

function message(i: number): { data: MailMessage; raw: Uint8Array } {
  const messageId = `<throughput-${i}@example.org>`;
  const text = `Message ${i}\r\n${'The quick brown fox jumps over the lazy dog. '.repeat(60)}\r\n`;
  const raw = new TextEncoder().encode(
    `From: Bob <bob@example.org>\r\nTo: alice@example.com\r\nSubject: Throughput ${i}\r\nDate: Mon, 3 Mar 2025 10:00:00 +0000\r\n` +
      `Message-ID: ${messageId}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}`,
  );
  const folder = i % FOLDERS === 0 ? 'Inbox' : `Folder ${i % FOLDERS}`;
  const data: MailMessage = {
    messageId,
    subject: `Throughput ${i}`,
    date: '2025-03-03T10:00:00Z',
    folders: i % 3 === 0 ? [folder, 'Label'] : [folder],
    read: i % 2 === 0,
    flagged: i % 5 === 0,
    important: i % 7 === 0,
    draft: false,
    sizeBytes: raw.length,
    rawSource: `throughput:${i}`,
  };
  return { data, raw };
}

const contentOf = (raw: Uint8Array) => async (): Promise<ContentStream> => ({
  body: new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(raw);
      controller.close();
    },
  }),
  size: raw.length,
  offset: 0,
});

describe('throughput into Outlook mail', () => {
  it(`${COUNT} messages in ${FOLDERS} folders`, async () => {
    const sandbox = await startSandbox({ port: 0, wan: NET, providers: [(ctx) => createMicrosoftSandbox(ctx, { serviceTimeMs: 10 })] });
    const { ctx, close } = sandboxContext(sandbox, 'microsoft', microsoft, mail, { tokenAccount: ALICE.id, contextAccount: ALICE.id });
    const pacer = new Pacer(microsoft.limits!);
    const paced = { ...ctx, fetch: pacedFetch(ctx.fetch, pacer) };
    try {
      const importer = mail.import!.create(paced);
      const messages = Array.from({ length: COUNT }, (_, i) => message(i));
      const folderIds = new Map<string, string>();
      for (const { data } of messages) {
        const name = data.folders[0]!;
        if (!folderIds.has(name)) folderIds.set(name, await importer.ensureContainer({ key: `t:${name}`, dataType: 'mail', name, ...(name === 'Inbox' && { isDefault: true }) }));
      }
      const queue: ImportItem<MailMessage>[] = messages.map(({ data, raw }, i) => ({
        key: `throughput:${i}`,
        dataType: 'mail',
        title: data.subject,
        data,
        containerId: folderIds.get(data.folders[0]!)!,
        content: contentOf(raw),
      }));
      const done = new Map<string, Extract<ImportResult, { ok: true }>>();
      let retries = 0;
      const start = performance.now();
      const worker = async (): Promise<void> => {
        for (let batch = queue.splice(0, mail.import!.batchSize); batch.length; batch = queue.splice(0, mail.import!.batchSize)) {
          for (const result of await importer.importBatch(batch)) {
            if (result.ok) done.set(result.key, result);
            else if ((result.error as AdapterError).errorClass === 'retry') {
              retries++;
              queue.push(batch.find((b) => b.key === result.key)!);
            } else throw result.error;
          }
        }
      };
      await Promise.all(Array.from({ length: microsoft.limits!.maxConcurrency }, worker));
      const seconds = (performance.now() - start) / 1000;
      expect(done.size).toBe(COUNT);
      const bytes = messages.reduce((sum, m) => sum + m.raw.length, 0);
      const limit = mailLimit(COUNT, bytes, NET);
      const outlookBound = COUNT / Math.max(limit.terms.T_inflight!, limit.terms.T_window!);
      const rate = COUNT / seconds;
      console.log(
        `Outlook mail: ${COUNT} messages in ${seconds.toFixed(1)} s = ${rate.toFixed(1)}/s; Outlook's limits allow ${outlookBound.toFixed(1)}/s ` +
          `(${(rate / outlookBound).toFixed(2)}×), ${retries} items sent again`,
      );
      expect(rate).toBeGreaterThan(FLOOR);
    } finally {
      await close();
    }
  }, 600_000);
});
