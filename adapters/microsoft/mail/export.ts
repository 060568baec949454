/**
 * Exports every mail folder but Junk Email and Deleted Items: the messages' properties page by page
 * (/mailFolders/{id}/messages), their MIME only when the importer asks (GET /messages/{id}/$value, streamed).
 * https://learn.microsoft.com/graph/api/mailfolder-list-messages, https://learn.microsoft.com/graph/outlook-get-mime-message
 */
import type { AdapterContext, Container, ContentStream, ExportPage, ExportedItem, Exporter, ItemData } from '../../../model/adapter';
import type { MailMessage } from '../../../model/mail';
import { decodeCursor, encodeCursor } from '../../cursor';
import { sendRequest } from '../../http';
import { graphError, graphNextPage, graphRequest, query } from '../client';
import type { GraphCollection, GraphMessage } from './api-types';
import { NOT_EXPORTED, folderUrl, listFolders, type NamedFolder } from './folders';
import { MESSAGE_FIELDS, fromGraphMessage } from './map';

/** Messages per page (Outlook pages hold up to 1000; these pages hold only properties). */
export const MESSAGES_PAGE_SIZE = 100;

/** Folders are kept in the cursor, so a folder added meanwhile cannot shift which one an index means. */
interface Cursor {
  folders: NamedFolder[];
  index: number;
  nextLink?: string;
}

export const containerKey = (account: string, folderId: string): string => `microsoft:${account}:mail:container:${folderId}`;
export const messageKey = (account: string, id: string): string => `microsoft:${account}:mail:${id}`;

export class MicrosoftMailExporter implements Exporter {
  readonly dataType = 'mail' as const;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = MESSAGES_PAGE_SIZE,
  ) {}

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText !== undefined) return this.messagesPage(decodeCursor<Cursor>(cursorText), []);
    const folders = (await listFolders(this.ctx)).filter((f) => !(NOT_EXPORTED as readonly string[]).includes(f.name));
    const containers = folders.map((f): Container => ({
      key: containerKey(this.ctx.account, f.id),
      dataType: 'mail',
      name: f.name,
      ...(f.name === 'Inbox' && { isDefault: true }),
    }));
    return this.messagesPage({ folders, index: 0 }, containers);
  }

  private async messagesPage(cursor: Cursor, containers: Container[]): Promise<ExportPage> {
    const folder = cursor.folders[cursor.index];
    if (!folder) return { containers, items: [] };
    const page = cursor.nextLink
      ? await graphNextPage<GraphCollection<GraphMessage>>(this.ctx, cursor.nextLink)
      : await graphRequest<GraphCollection<GraphMessage>>(this.ctx, 'GET', `${folderUrl(folder.id)}/messages${query({ $select: MESSAGE_FIELDS, $top: this.pageSize })}`);
    const items = (page.value ?? []).map((message) => this.itemOf(folder, message));
    const nextLink = page['@odata.nextLink'];
    const next: Cursor | undefined = nextLink
      ? { ...cursor, nextLink }
      : cursor.index + 1 < cursor.folders.length
        ? { folders: cursor.folders, index: cursor.index + 1 }
        : undefined;
    return next ? { containers, items, next: encodeCursor(next) } : { containers, items };
  }

  private itemOf(folder: NamedFolder, message: GraphMessage): ExportedItem<MailMessage> {
    const data = fromGraphMessage(message, folder.name);
    return {
      key: messageKey(this.ctx.account, message.id),
      dataType: 'mail',
      containerKey: containerKey(this.ctx.account, folder.id),
      title: data.subject || '(no subject)',
      data,
    };
  }

  /** The message's MIME as Outlook gives it, streamed; Outlook serves no byte ranges of it. */
  async openContent(item: { key: string; data: ItemData }): Promise<ContentStream> {
    const data = item.data as MailMessage;
    const response = await sendRequest(this.ctx, 'Microsoft', this.ctx.url(data.rawSource), { method: 'GET' });
    if (!response.ok || !response.body) throw graphError(response.status, await response.text(), response.headers.get('retry-after'), Date.now(), data.rawSource);
    const length = Number(response.headers.get('content-length'));
    const content: ContentStream = { body: response.body, contentType: 'message/rfc822', offset: 0 };
    if (Number.isFinite(length) && length > 0) content.size = length;
    return content;
  }
}
