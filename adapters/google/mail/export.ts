/**
 * Exports the whole mailbox but Spam and Trash: messages.list pages all ids, messages.get?format=metadata
 * reads each one's labels, size and the three headers the model keeps; the bytes are read only when the
 * importer asks (openContent, format=raw, decoded as they arrive).
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import { isSystemFolder, type MailMessage } from '../../../model/mail';
import { iterateStream, streamOf } from '../../../model/byte-stream';
import { decodeCursor, encodeCursor } from '../../cursor';
import { sendRequest } from '../../http';
import { googleError, googleRequest, query } from '../client';
import type { GmailMessage, GmailMessageList } from './api-types';
import { GMAIL_API, listLabels } from './labels';
import { fromGmailMessage } from './map';
import { rawMessageBytes } from './raw-field';

/** Ids per page; each costs a messages.get, so pages stay well under messages.list's 500. */
export const MESSAGES_PAGE_SIZE = 100;
/** messages.get calls in flight at once within a page (the pacer still spaces them). */
const PARALLEL_GETS = 4;

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
    const messages = await inParallel(page.messages ?? [], PARALLEL_GETS, (m) => this.metadata(m.id));
    const items = messages.filter((m): m is GmailMessage => m !== undefined).map((m) => this.itemOf(m, names));
    const containers = this.newContainers(items);
    return page.nextPageToken ? { containers, items, next: encodeCursor<Cursor>({ pageToken: page.nextPageToken }) } : { containers, items };
  }

  private async labels(): Promise<Map<string, string>> {
    this.labelNames ??= new Map((await listLabels(this.ctx)).filter((l) => l.type !== 'system').map((l) => [l.id, l.name]));
    return this.labelNames;
  }

  /** A message's metadata, or undefined when it was deleted since it was listed. */
  private async metadata(id: string): Promise<GmailMessage | undefined> {
    const params = `${query({ format: 'metadata' })}&metadataHeaders=Message-ID&metadataHeaders=Subject&metadataHeaders=Date`;
    try {
      return await googleRequest<GmailMessage>(this.ctx, 'GET', `${GMAIL_API}/messages/${encodeURIComponent(id)}${params}`);
    } catch (error) {
      if (error instanceof AdapterError && error.details.status === 404) return undefined;
      throw error;
    }
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
