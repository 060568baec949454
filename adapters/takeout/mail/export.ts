/**
 * Exports the mail of a Takeout's Mail folder: each `.mbox` (usually the one `All mail Including Spam and
 * Trash.mbox`) read a page at a time (adapters/mbox-entries.ts). A folder's container comes on the first page
 * that holds one of its messages, since only the messages' labels say which folders there are.
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type Exporter, type ItemData } from '../../../model/adapter';
import type { MailMessage } from '../../../model/mail';
import { planOnce } from '../../archive-paging';
import { decodeCursor, encodeCursor } from '../../cursor';
import { MboxPages, mboxPathOf, type MboxFile, type MboxPosition } from '../../mbox-entries';
import { openTakeout, productFiles, productMissing } from '../client';
import { fromTakeoutMessage } from './map';

export const PAGE_SIZE = 100;
export const PAGE_BYTES = 16 * 1024 * 1024;
export const MAIL_FOLDERS = ['Mail', 'E-Mail', 'Correo', 'Courrier', 'Posta', 'E-mail'];

interface Cursor extends MboxPosition {
  /** Folders whose containers were emitted. */
  emitted: string[];
}

export const containerKey = (account: string, folder: string): string => `takeout:${account}:mail:container:${folder}`;
export const messageKey = (account: string, path: string, index: number): string => `takeout:${account}:mail:${path}#${index}`;

export class TakeoutMailExporter implements Exporter {
  readonly dataType = 'mail' as const;
  private readonly mboxes = planOnce(async (): Promise<MboxFile[]> => {
    const tree = await openTakeout(this.ctx);
    const files = productFiles(tree, MAIL_FOLDERS)?.files.filter((f) => f.path.toLowerCase().endsWith('.mbox')) ?? [];
    if (!files.length) throw productMissing(tree, 'Gmail', MAIL_FOLDERS[0]!);
    return files.map((file) => ({ path: file.path, file }));
  });
  private readonly pages: MboxPages<MboxFile>;

  constructor(
    private readonly ctx: AdapterContext,
    pageSize = PAGE_SIZE,
  ) {
    this.pages = new MboxPages({
      mboxes: this.mboxes,
      map: (_mbox, envelope, bytes) => fromTakeoutMessage(envelope, bytes),
      messageKey: (path, index) => messageKey(ctx.account, path, index),
      containerKey: (folder) => containerKey(ctx.account, folder),
      pageSize,
      pageBytes: PAGE_BYTES,
    });
  }

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    const cursor: Cursor = cursorText === undefined ? { file: 0, message: 0, emitted: [] } : decodeCursor<Cursor>(cursorText);
    const account = this.ctx.account;
    const { items, next } = await this.pages.page(cursor);
    const emitted = new Set(cursor.emitted);
    const containers: Container[] = [];
    for (const folder of new Set(items.map((i) => i.data.folders[0]!))) {
      if (emitted.has(folder)) continue;
      emitted.add(folder);
      const container: Container = { key: containerKey(account, folder), dataType: 'mail', name: folder };
      if (folder === 'Inbox') container.isDefault = true;
      containers.push(container);
    }
    return next ? { containers, items, next: encodeCursor({ ...next, emitted: [...emitted] }) } : { containers, items };
  }

  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const message = item.data as MailMessage;
    const content = await this.pages.content(message, from);
    if (!content) throw new AdapterError(`The message “${message.subject}” is no longer in ${mboxPathOf(message)} of the chosen files.`, 'skip');
    return content;
  }
}
