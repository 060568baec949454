/**
 * Imports messages into Outlook folders. A message up to MAX_MIME_BYTES goes in as its own MIME
 * (POST /mailFolders/{id}/messages, Content-Type text/plain, the MIME in base64: Graph's "create message
 * in MIME format"); a larger one is rebuilt from its parts (rebuild.ts). Then its state is set (isRead, flag,
 * categories, importance). A message is found again by its internetMessageId in its folder, so a second import
 * of one whose answer was lost finds the first. Graph makes every such message a draft; that and more is reported per item.
 * https://learn.microsoft.com/graph/api/user-post-messages
 */
import { KeyedQueue } from '../../keyed-queue';
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer } from '../../../model/adapter';
import { isSystemFolder, type MailMessage } from '../../../model/mail';
import { encodeBase64 } from '../../../model/mail-base64';
import { ChunkReader, iterateStream } from '../../../model/byte-stream';
import { parseJsonAnswer, sendRequest } from '../../http';
import { GRAPH_API, graphError, graphRequest, odataString, query } from '../client';
import type { GraphCollection, GraphMessage } from './api-types';
import { WELL_KNOWN, ensureFolder, folderUrl } from './folders';
import { importLosses, toGraphState } from './map';
import { INCOMPLETE_CATEGORY, rebuildMessage } from './rebuild';

/** Outlook lets no client mark a message as its own, so a message is found by its Message-ID in its folder. */
const MESSAGE_ID_IN_FOLDER = {
  field: 'messageId',
  why: 'both have the same Message-ID and folder, which is how Ferry recognises a message it already put into Outlook.',
};

/** Largest MIME sent whole: its base64 (4/3 of it) stays under Graph's 4 MB request limit. */
export const MAX_MIME_BYTES = 3_000_000;

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
    const results: ImportResult[] = [];
    for (const item of items as ImportItem<MailMessage>[]) results.push(await this.sameMessage.run(item.data.messageId, () => this.importOne(item)));
    return results;
  }

  private async importOne(item: ImportItem<MailMessage>): Promise<ImportResult> {
    try {
      const existing = await this.find(item.data.messageId, item.containerId);
      let rebuilt = false;
      let id = existing;
      if (!id) {
        const made = await this.create(item);
        id = made.id;
        rebuilt = made.rebuilt;
      }
      const { patch, lost } = toGraphState(item.data);
      await graphRequest(this.ctx, 'PATCH', `${GRAPH_API}/me/messages/${encodeURIComponent(id)}`, patch);
      return { key: item.key, ok: true, destinationId: id, lost: [...importLosses(item.data, rebuilt), ...lost], ...(existing && { found: MESSAGE_ID_IN_FOLDER }) };
    } catch (error) {
      if (!(error instanceof AdapterError) || error.errorClass === 'fatal') throw error;
      return { key: item.key, ok: false, error };
    }
  }

  private async create(item: ImportItem<MailMessage>): Promise<{ id: string; rebuilt: boolean }> {
    const open = item.content;
    if (!open) throw new AdapterError(`The source gives no way to read the content of "${item.title}", so it cannot be copied.`, 'skip');
    const reader = new ChunkReader(iterateStream((await open()).body));
    let mime: Uint8Array;
    let fits: boolean;
    try {
      mime = await reader.read(MAX_MIME_BYTES);
      fits = await reader.atEnd();
    } finally {
      await reader.close();
    }
    if (!fits) return { id: await rebuildMessage(this.ctx, item.containerId, open, item.data.important), rebuilt: true };
    const url = this.ctx.url(`${folderUrl(item.containerId)}/messages`);
    const response = await sendRequest(this.ctx, 'Microsoft', url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', accept: 'application/json' },
      body: encodeBase64(mime),
    });
    const text = await response.text();
    if (!response.ok) throw graphError(response.status, text, response.headers.get('retry-after'), Date.now(), url);
    return { id: parseJsonAnswer<GraphMessage>(text, 'Microsoft', 'the new message').id, rebuilt: false };
  }

  /**
   * The id of a message with this internetMessageId in the folder, if any. Looking in the folder only keeps copies
   * of one message filed in two folders (a Gmail message's labels, an Outlook message copied) apart.
   */
  private async find(messageId: string, folderId: string): Promise<string | undefined> {
    if (!messageId) return undefined;
    const url = `${folderUrl(folderId)}/messages${query({ $filter: `internetMessageId eq ${odataString(messageId)}`, $select: 'id,categories', $top: 1 })}`;
    try {
      const found = (await graphRequest<GraphCollection<GraphMessage>>(this.ctx, 'GET', url)).value?.[0];
      if (!found?.categories?.includes(INCOMPLETE_CATEGORY)) return found?.id;
      await graphRequest(this.ctx, 'DELETE', `${GRAPH_API}/me/messages/${encodeURIComponent(found.id)}`);
      return undefined;
    } catch (error) {
      // A folder that is gone holds nothing to find; the create then says what is wrong with it.
      if (error instanceof AdapterError && error.details.status === 404) return undefined;
      throw error;
    }
  }

  /**
   * A message found here may have been made by a worker stopped before its state PATCH (Graph creates every
   * message read, unflagged): the state is set again, which changes nothing when it was already set.
   */
  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const item of items as ImportItem<MailMessage>[]) {
      const id = await this.find(item.data.messageId, item.containerId);
      if (!id) continue;
      await graphRequest(this.ctx, 'PATCH', `${GRAPH_API}/me/messages/${encodeURIComponent(id)}`, toGraphState(item.data).patch);
      found.set(item.key, id);
    }
    return found;
  }
}
