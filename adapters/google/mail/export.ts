/**
 * Exports the whole mailbox but Spam and Trash: messages.list pages all ids, messages.get?format=metadata
 * reads each one's labels, size and the three headers the model keeps, 40 in one batch request; the
 * bytes are read only when the importer asks (openContent, format=raw, decoded as they arrive, never batched).
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import { isSystemFolder, type MailMessage } from '../../../model/mail';
import { iterateStream, streamOf } from '../../../model/byte-stream';
import { decodeCursor, encodeCursor } from '../../cursor';
import { sendRequest } from '../../http';
import { googleBatch, googleError, googleRequest, query } from '../client';
import type { GmailMessage, GmailMessageList } from './api-types';
import { GMAIL_API, listLabels } from './labels';
import { fromGmailMessage } from './map';
import { rawMessageBytes } from './raw-field';

/** Ids per page; each costs a messages.get, so pages stay well under messages.list's 500. */
export const MESSAGES_PAGE_SIZE = 100;
/** Gmail's batch endpoint (the discovery document's batchPath under the API's root). */
const BATCH_URL = 'https://gmail.googleapis.com/batch/gmail/v1';
/**
 * Calls per batch: Gmail takes 100 but advises that "larger than 50 requests may trigger rate limiting"; 40
 * reads are 200 units, so a batch never needs the whole second's 250 and the list call before it still fits.
 */
export const METADATA_BATCH = 40;
/** Batches in flight at once within a page (the pacer still spaces them by their quota units). */
const PARALLEL_BATCHES = 2;
/** Sends of a call whose part of a batch answered "try again" before the page fails as a whole. */
const PART_ATTEMPTS = 3;

interface Cursor {
  pageToken?: string;
}

export const containerKey = (account: string, folder: string): string => `google:${account}:mail:container:${folder}`;
export const messageKey = (account: string, id: string): string => `google:${account}:mail:${id}`;

function containerOf(account: string, folder: string): Container {
  const container: Container = { key: containerKey(account, folder), dataType: 'mail', name: folder };
  if (folder === 'Inbox') container.isDefault = true;
  return container;
}

async function inParallel<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export class GoogleMailExporter implements Exporter {
  readonly dataType = 'mail' as const;
  private labelNames?: Map<string, string>;
  private readonly emitted = new Set<string>();

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = MESSAGES_PAGE_SIZE,
  ) {}

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    const cursor = cursorText === undefined ? {} : decodeCursor<Cursor>(cursorText);
    const names = await this.labels();
    const params = query({ maxResults: this.pageSize, pageToken: cursor.pageToken, includeSpamTrash: false });
    const page = await googleRequest<GmailMessageList>(this.ctx, 'GET', `${GMAIL_API}/messages${params}`);
    const ids = (page.messages ?? []).map((m) => m.id);
    const chunks = Array.from({ length: Math.ceil(ids.length / METADATA_BATCH) }, (_, i) => ids.slice(i * METADATA_BATCH, (i + 1) * METADATA_BATCH));
    const messages = (await inParallel(chunks, PARALLEL_BATCHES, (chunk) => this.metadata(chunk))).flat();
    const items = messages.filter((m): m is GmailMessage => m !== undefined).map((m) => this.itemOf(m, names));
    const containers = this.newContainers(items);
    return page.nextPageToken ? { containers, items, next: encodeCursor<Cursor>({ pageToken: page.nextPageToken }) } : { containers, items };
  }

  private async labels(): Promise<Map<string, string>> {
    this.labelNames ??= new Map((await listLabels(this.ctx)).filter((l) => l.type !== 'system').map((l) => [l.id, l.name]));
    return this.labelNames;
  }

  /**
   * The messages' metadata in one batch, in order; undefined for one deleted since it was listed. Calls
   * whose part answered "try again" go again in a smaller batch; any other refusal fails the page.
   */
  private async metadata(ids: readonly string[]): Promise<(GmailMessage | undefined)[]> {
    const params = `${query({ format: 'metadata' })}&metadataHeaders=Message-ID&metadataHeaders=Subject&metadataHeaders=Date`;
    const found: (GmailMessage | undefined)[] = new Array(ids.length);
    let pending = ids.map((_, index) => index);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const requests = pending.map((index) => ({ id: String(index), method: 'GET' as const, url: `${GMAIL_API}/messages/${encodeURIComponent(ids[index]!)}${params}` }));
      const answers = await googleBatch(this.ctx, requests, BATCH_URL);
      pending = [];
      for (const answer of answers) {
        const index = Number(answer.id);
        if (answer.ok) found[index] = answer.body as GmailMessage;
        else if (answer.status === 404) found[index] = undefined;
        else if (answer.error.errorClass === 'retry' && attempt < PART_ATTEMPTS) pending.push(index);
        else throw answer.error;
      }
    }
    return found;
  }

  private itemOf(message: GmailMessage, names: Map<string, string>): ExportedItem<MailMessage> {
    const data = fromGmailMessage(message, names);
    const item: ExportedItem<MailMessage> = {
      key: messageKey(this.ctx.account, message.id),
      dataType: 'mail',
      containerKey: containerKey(this.ctx.account, data.folders[0]!),
      title: data.subject || '(no subject)',
      data,
    };
    if (data.sizeBytes !== undefined) item.bytes = data.sizeBytes;
    return item;
  }

  /** The containers of this page's items not emitted before (system folders first, then labels by name). */
  private newContainers(items: ExportedItem<MailMessage>[]): Container[] {
    const fresh = [...new Set(items.map((i) => i.data.folders[0]!))].filter((f) => !this.emitted.has(f));
    fresh.sort((a, b) => Number(isSystemFolder(b)) - Number(isSystemFolder(a)) || a.localeCompare(b));
    for (const folder of fresh) this.emitted.add(folder);
    return fresh.map((folder) => containerOf(this.ctx.account, folder));
  }

  /** The raw message, decoded from format=raw's base64url as it arrives; Gmail serves no byte ranges of it. */
  async openContent(item: { key: string; data: ItemData }): Promise<ContentStream> {
    const data = item.data as MailMessage;
    const response = await sendRequest(this.ctx, 'Google', this.ctx.url(data.rawSource), { method: 'GET', headers: { accept: 'application/json' } });
    if (!response.ok || !response.body) throw googleError(response.status, await response.text(), response.headers.get('retry-after'), Date.now(), data.rawSource);
    const content: ContentStream = { body: streamOf(rawMessageBytes(iterateStream(response.body))), contentType: 'message/rfc822', offset: 0 };
    return content;
  }
}
