/**
 * Imports messages into Outlook folders, an importer batch at a time through Graph's $batch: one $batch finds
 * the batch's messages again by internetMessageId in their folder (so a second import of one whose answer was
 * lost finds the first), one creates the small ones from their MIME (POST /mailFolders/{id}/messages,
 * Content-Type text/plain, the MIME in base64: Graph's "create message in MIME format"), one sets every
 * message's state (isRead, flag, categories, importance). A MIME too large for a $batch goes in a request of
 * its own; one too large for any request is rebuilt from its parts (rebuild.ts). Graph makes every such
 * message a draft; that and more is reported per item.
 * https://learn.microsoft.com/graph/api/user-post-messages, https://learn.microsoft.com/graph/json-batching
 */
import { KeyedQueue } from '../../keyed-queue';
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer } from '../../../model/adapter';
import { isSystemFolder, type MailMessage } from '../../../model/mail';
import { encodeBase64 } from '../../../model/mail-base64';
import { ChunkReader, iterateStream } from '../../../model/byte-stream';
import { parseJsonAnswer, sendRequest } from '../../http';
import { MAX_BATCH_BYTES, batchedSize, graphBatch, graphError, graphRequest, query, type BatchRequest } from '../client';
import type { GraphMessage } from './api-types';
import { IN_ORDER, findMessages, messageUrl, partError, type Found } from './find';
import { WELL_KNOWN, ensureFolder, folderUrl } from './folders';
import { importLosses, toGraphState } from './map';
import { rebuildMessage } from './rebuild';

/** Outlook lets no client mark a message as its own, so a message is found by its Message-ID in its folder. */
const MESSAGE_ID_IN_FOLDER = {
  field: 'messageId',
  why: 'both have the same Message-ID and folder, which is how Ferry recognises a message it already put into Outlook.',
};

/** Largest MIME sent whole: its base64 (4/3 of it) stays under Graph's 4 MB request limit. */
export const MAX_MIME_BYTES = 3_000_000;
/**
 * Largest MIME created inside a $batch: there its base64 text is base64-encoded again (16/9 of the MIME), and
 * the whole $batch must stay under Graph's 4 MB.
 */
export const MAX_BATCHED_MIME_BYTES = 2_200_000;
/** Sources read side by side while a batch's creates are gathered. */
const READS_AT_ONCE = 4;

type Outcome = { id: string; rebuilt: boolean; existing: boolean } | AdapterError;
/** What reading a source gave: its MIME, undefined when too large for one request, or what it threw. */
type Read = { mime: Uint8Array | undefined } | { thrown: unknown };

/** A message's MIME when it fits one request, else undefined (it is then rebuilt from its parts). */
async function readMime(item: ImportItem<MailMessage>): Promise<Uint8Array | undefined> {
  const open = item.content;
  if (!open) throw new AdapterError(`The source gives no way to read the content of "${item.title}", so it cannot be copied.`, 'skip');
  const reader = new ChunkReader(iterateStream((await open()).body));
  try {
    const mime = await reader.read(MAX_MIME_BYTES);
    return (await reader.atEnd()) ? mime : undefined;
  } finally {
    await reader.close();
  }
}

const settle = (reading: Promise<Uint8Array | undefined>): Promise<Read> => reading.then((mime) => ({ mime }), (thrown: unknown) => ({ thrown }));

/**
 * Starts reading the first messages of the batch while their lookups travel (the source is the slower side):
 * READS_AT_ONCE at a time, in order, as many as their declared sizes fit in 4 MB, so no more than that is held
 * early. The rest is read when its creates are gathered. A message then found already was read for nothing,
 * which happens only when a batch is tried again.
 */
function readAhead(items: readonly ImportItem<MailMessage>[]): Map<string, Promise<Read>> {
  const reads = new Map<string, Promise<Read>>();
  const started: Promise<Read>[] = [];
  let bytes = 0;
  for (const item of items) {
    bytes += item.data.sizeBytes ?? MAX_MIME_BYTES;
    if (bytes > MAX_BATCH_BYTES) break;
    const turn = started[started.length - READS_AT_ONCE] ?? Promise.resolve();
    const read = turn.then(() => settle(readMime(item)));
    started.push(read);
    reads.set(item.key, read);
  }
  return reads;
}

/** An item's own failure, as a single request's would be: fatal and unexpected errors stop the batch. */
function itemError(error: unknown): AdapterError {
  if (!(error instanceof AdapterError) || error.errorClass === 'fatal') throw error;
  return error;
}

/**
 * The batch in rounds: a Message-ID's first copy in the first round, its second in the next, and so on, so a
 * copy is looked for only once the one before it is made (messages without one are never found again).
 */
function rounds(items: readonly ImportItem<MailMessage>[]): ImportItem<MailMessage>[][] {
  const out: ImportItem<MailMessage>[][] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const id = item.data.messageId;
    const round = id ? (seen.get(id) ?? 0) : 0;
    if (id) seen.set(id, round + 1);
    (out[round] ??= []).push(item);
  }
  return out;
}

export class MicrosoftMailImporter implements Importer {
  readonly dataType = 'mail' as const;
  private readonly sameMessage = new KeyedQueue();
  private readonly folders = new Map<string, Promise<string>>();

  constructor(private readonly ctx: AdapterContext) {}

  ensureContainer(container: Container): Promise<string> {
    let id = this.folders.get(container.name);
    if (!id) {
      id = isSystemFolder(container.name)
        ? graphRequest<{ id: string }>(this.ctx, 'GET', `${folderUrl(WELL_KNOWN[container.name])}${query({ $select: 'id' })}`).then((f) => f.id)
        : ensureFolder(this.ctx, container.name);
      id.catch(() => this.folders.delete(container.name));
      this.folders.set(container.name, id);
    }
    return id;
  }

  async importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    const mail = items as ImportItem<MailMessage>[];
    const results = new Map<string, ImportResult>();
    await this.sameMessage.runAll(
      mail.map((i) => i.data.messageId),
      async () => {
        for (const round of rounds(mail)) for (const result of await this.importRound(round)) results.set(result.key, result);
      },
    );
    return mail.map((item) => results.get(item.key)!);
  }

  private async importRound(items: ImportItem<MailMessage>[]): Promise<ImportResult[]> {
    const outcomes = new Map<string, Outcome>();
    const early = readAhead(items);
    const found = await this.whole(items, () => this.find(items));
    const fresh: ImportItem<MailMessage>[] = [];
    for (const item of items) {
      const got = found instanceof AdapterError ? found : found.get(item.key);
      if (got instanceof AdapterError) outcomes.set(item.key, got);
      else if (got) outcomes.set(item.key, { id: got, rebuilt: false, existing: true });
      else fresh.push(item);
    }
    await this.create(fresh, outcomes, early);
    const made = items.filter((item) => !(outcomes.get(item.key) instanceof AdapterError));
    const patches = made.map((item, i): BatchRequest => {
      const { id } = outcomes.get(item.key) as Exclude<Outcome, AdapterError>;
      return { id: String(i), method: 'PATCH', url: messageUrl(id), body: toGraphState(item.data).patch };
    });
    const patched = await this.whole(made, () => graphBatch(this.ctx, patches, IN_ORDER));
    made.forEach((item, i) => {
      const answer = patched instanceof AdapterError ? patched : patched[i]!;
      if (answer instanceof AdapterError) outcomes.set(item.key, answer);
      else if (!answer.ok) outcomes.set(item.key, partError(answer));
    });
    return items.map((item) => this.result(item, outcomes.get(item.key)!));
  }

  private result(item: ImportItem<MailMessage>, outcome: Outcome): ImportResult {
    if (outcome instanceof AdapterError) return { key: item.key, ok: false, error: outcome };
    const { lost } = toGraphState(item.data);
    return {
      key: item.key,
      ok: true,
      destinationId: outcome.id,
      lost: [...importLosses(item.data, outcome.rebuilt), ...lost],
      ...(outcome.existing && { found: MESSAGE_ID_IN_FOLDER }),
    };
  }

  /** A $batch call that failed as a whole is every one of its items' failure (a fatal one stops the job). */
  private async whole<T>(items: readonly unknown[], call: () => Promise<T>): Promise<T | AdapterError> {
    if (items.length === 0) return call();
    try {
      return await call();
    } catch (error) {
      return itemError(error);
    }
  }

  private find(items: readonly ImportItem<MailMessage>[]): Promise<Found> {
    return findMessages(this.ctx, items.map((item) => ({ key: item.key, messageId: item.data.messageId, folderId: item.containerId })));
  }

  /**
   * Creates the messages not found: the small ones gathered into $batch calls of up to 4 MB (so no more than
   * that is held), the others one by one. Sources are read a few at a time.
   */
  private async create(items: readonly ImportItem<MailMessage>[], outcomes: Map<string, Outcome>, early: Map<string, Promise<Read>>): Promise<void> {
    let pending: { item: ImportItem<MailMessage>; request: BatchRequest }[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      const batch = pending;
      pending = [];
      pendingBytes = 0;
      const answers = await this.whole(batch, () => graphBatch(this.ctx, batch.map((p) => p.request), IN_ORDER));
      batch.forEach(({ item }, i) => {
        const answer = answers instanceof AdapterError ? answers : answers[i]!;
        if (answer instanceof AdapterError) outcomes.set(item.key, answer);
        else if (!answer.ok) outcomes.set(item.key, partError(answer));
        else outcomes.set(item.key, { id: (answer.body as GraphMessage).id, rebuilt: false, existing: false });
      });
    };
    for (let at = 0; at < items.length; at += READS_AT_ONCE) {
      const group = items.slice(at, at + READS_AT_ONCE);
      const read = await Promise.all(group.map((item) => early.get(item.key) ?? settle(readMime(item))));
      for (const [i, item] of group.entries()) {
        const got = read[i]!;
        if ('thrown' in got) {
          outcomes.set(item.key, itemError(got.thrown));
          continue;
        }
        const { mime } = got;
        if (!mime || mime.length > MAX_BATCHED_MIME_BYTES) {
          outcomes.set(item.key, await this.createAlone(item, mime).catch((error: unknown) => itemError(error)));
          continue;
        }
        const request: BatchRequest = { id: String(pending.length), method: 'POST', url: `${folderUrl(item.containerId)}/messages`, contentType: 'text/plain', body: encodeBase64(mime) };
        const size = batchedSize(request);
        if (pendingBytes + size > MAX_BATCH_BYTES) await flush();
        request.id = String(pending.length);
        pending.push({ item, request });
        pendingBytes += size;
      }
    }
    if (pending.length) await flush();
  }

  /** A message too large for a $batch: its MIME in a request of its own, or rebuilt when too large for that. */
  private async createAlone(item: ImportItem<MailMessage>, mime: Uint8Array | undefined): Promise<Outcome> {
    if (!mime) return { id: await rebuildMessage(this.ctx, item.containerId, item.content!, item.data.important), rebuilt: true, existing: false };
    const url = this.ctx.url(`${folderUrl(item.containerId)}/messages`);
    const response = await sendRequest(this.ctx, 'Microsoft', url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', accept: 'application/json' },
      body: encodeBase64(mime),
    });
    const text = await response.text();
    if (!response.ok) throw graphError(response.status, text, response.headers.get('retry-after'), Date.now(), url);
    return { id: parseJsonAnswer<GraphMessage>(text, 'Microsoft', 'the new message').id, rebuilt: false, existing: false };
  }

  /**
   * A message found here may have been made by a worker stopped before its state PATCH (Graph creates every
   * message read, unflagged): the state is set again, which changes nothing when it was already set.
   */
  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const mail = items as ImportItem<MailMessage>[];
    const found = await this.find(mail);
    const hits: { item: ImportItem<MailMessage>; id: string }[] = [];
    for (const item of mail) {
      const got = found.get(item.key);
      if (got instanceof AdapterError) throw got;
      if (got) hits.push({ item, id: got });
    }
    const answers = await graphBatch(this.ctx, hits.map((h, i) => ({ id: String(i), method: 'PATCH', url: messageUrl(h.id), body: toGraphState(h.item.data).patch })), IN_ORDER);
    const ids = new Map<string, string>();
    hits.forEach((h, i) => {
      const answer = answers[i]!;
      if (!answer.ok) throw answer.error;
      ids.set(h.item.key, h.id);
    });
    return ids;
  }
}
