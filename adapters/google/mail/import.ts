/**
 * Imports messages into Gmail with messages.import (the message as it was, dated by its Date header, labels
 * set in the same call). A message is found again by its Message-ID (search `rfc822msgid:`), so a second
 * import of one whose answer was lost finds the first instead of making another.
 */
import { KeyedQueue } from '../../keyed-queue';
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer } from '../../../model/adapter';
import { isSystemFolder, type MailMessage } from '../../../model/mail';
import { ChunkReader, iterateStream } from '../../../model/byte-stream';
import { googleRequest, query } from '../client';
import type { GmailLabel, GmailMessageList } from './api-types';
import { GMAIL_API, LABEL_OF_FOLDER, NO_FOLDER_LABEL, ensureUserLabel, listLabels, userLabelName } from './labels';
import { toGmailLabelIds } from './map';
import { uploadMessage } from './upload';

/** What Gmail keeps one message per: a second message with it is found, never imported beside the first. */
const MESSAGE_ID = { field: 'messageId', why: 'both have the same Message-ID, and Gmail keeps one message per Message-ID.' };

/** `rfc822msgid:` takes the id without its angle brackets; one with spaces (old mailers wrote some) goes in quotes. */
function searchFor(messageId: string): string {
  const id = messageId.replace(/^<|>$/g, '');
  return /[\s"]/.test(id) ? `rfc822msgid:"${id.replace(/"/g, '')}"` : `rfc822msgid:${id}`;
}

export class GoogleMailImporter implements Importer {
  readonly dataType = 'mail' as const;
  private readonly sameMessage = new KeyedQueue();
  private readonly userLabels = new Map<string, Promise<string>>();
  private knownLabels?: Promise<GmailLabel[]>;

  constructor(private readonly ctx: AdapterContext) {}

  async ensureContainer(container: Container): Promise<string> {
    if (isSystemFolder(container.name)) return LABEL_OF_FOLDER[container.name] ?? NO_FOLDER_LABEL;
    return this.userLabel(container.name);
  }

  private userLabel(name: string): Promise<string> {
    let id = this.userLabels.get(name);
    if (!id) {
      this.knownLabels ??= listLabels(this.ctx);
      id = this.knownLabels.then((labels) => ensureUserLabel(this.ctx, name, labels));
      id.catch(() => this.userLabels.delete(name));
      this.userLabels.set(name, id);
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
      const existing = await this.find(item.data.messageId);
      const extraLabels = new Map<string, string>();
      for (const folder of item.data.folders.slice(1).filter((f) => !isSystemFolder(f))) extraLabels.set(folder, await this.userLabel(folder));
      const { labelIds, lost } = toGmailLabelIds(item.data, item.containerId, (folder) => extraLabels.get(folder));
      for (const folder of item.data.folders.filter((f) => !isSystemFolder(f) && userLabelName(f) !== f)) {
        lost.push({ field: 'folders', reason: `Gmail keeps the name "${folder}" for itself: the message is labelled "${userLabelName(folder)}".` });
      }
      const destinationId = existing ?? (await this.upload(item, labelIds));
      return { key: item.key, ok: true, destinationId, ...(lost.length && { lost }), ...(existing && { found: MESSAGE_ID }) };
    } catch (error) {
      if (!(error instanceof AdapterError) || error.errorClass === 'fatal') throw error;
      return { key: item.key, ok: false, error };
    }
  }

  private async upload(item: ImportItem<MailMessage>, labelIds: string[]): Promise<string> {
    if (!item.content) {
      throw new AdapterError(`The source gives no way to read the content of "${item.title}", so it cannot be copied.`, 'skip');
    }
    const content = await item.content();
    const reader = new ChunkReader(iterateStream(content.body));
    try {
      const made = await uploadMessage(this.ctx, reader, { labelIds });
      return made.id;
    } finally {
      await reader.close();
    }
  }

  /** The Gmail id of a message with this Message-ID (Spam and Trash included), if any. */
  private async find(messageId: string): Promise<string | undefined> {
    if (!messageId) return undefined;
    const params = query({ q: searchFor(messageId), includeSpamTrash: true, maxResults: 1 });
    const answer = await googleRequest<GmailMessageList>(this.ctx, 'GET', `${GMAIL_API}/messages${params}`);
    return answer.messages?.[0]?.id;
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const item of items as ImportItem<MailMessage>[]) {
      const id = await this.find(item.data.messageId);
      if (id) found.set(item.key, id);
    }
    return found;
  }
}
