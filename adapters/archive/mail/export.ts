/**
 * Exports the mail of an archive's `mail/` folder: each `<folder>.mbox` read a page at a time (adapters/mbox-entries.ts).
 * Every folder's container is on the first page (the files' names say them all).
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type Exporter, type ItemData } from '../../../model/adapter';
import type { MailMessage } from '../../../model/mail';
import { planOnce } from '../../archive-paging';
import { decodeCursor, encodeCursor } from '../../cursor';
import { MboxPages, mboxPathOf, type MboxFile, type MboxPosition } from '../../mbox-entries';
import { openFerryArchive, typeFiles } from '../client';
import { folderOfFile, fromArchiveMessage } from './map';

export const PAGE_SIZE = 100;
export const PAGE_BYTES = 16 * 1024 * 1024;

interface Mbox extends MboxFile {
  folder: string;
}

export const containerKey = (account: string, folder: string): string => `archive:${account}:mail:container:${folder}`;
export const messageKey = (account: string, path: string, index: number): string => `archive:${account}:mail:${path}/${index}`;

export class ArchiveMailExporter implements Exporter {
  readonly dataType = 'mail' as const;
  private readonly mboxes = planOnce(async (): Promise<Mbox[]> => {
    const archive = await openFerryArchive(this.ctx);
    return typeFiles(archive, 'mail', 'mail')
      .filter((f) => f.path.toLowerCase().endsWith('.mbox'))
      .map(({ path, file }) => ({ path, folder: folderOfFile(path), file }));
  });
  private readonly pages: MboxPages<Mbox>;

  constructor(
    private readonly ctx: AdapterContext,
    pageSize = PAGE_SIZE,
  ) {
    this.pages = new MboxPages({
      mboxes: this.mboxes,
      map: (mbox, envelope, bytes) => fromArchiveMessage(mbox.folder, envelope, bytes),
      messageKey: (path, index) => messageKey(ctx.account, path, index),
      containerKey: (folder) => containerKey(ctx.account, folder),
      pageSize,
      pageBytes: PAGE_BYTES,
    });
  }

  private containers(mboxes: Mbox[]): Container[] {
    const folders = [...new Set(mboxes.map((m) => m.folder))];
    return folders.map((folder) => {
      const container: Container = { key: containerKey(this.ctx.account, folder), dataType: 'mail', name: folder };
      if (folder === 'Inbox') container.isDefault = true;
      return container;
    });
  }

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    const mboxes = await this.mboxes();
    const containers = cursorText === undefined ? this.containers(mboxes) : [];
    if (!mboxes.length) return { containers, items: [] };
    const { items, next } = await this.pages.page(cursorText === undefined ? { file: 0, message: 0 } : decodeCursor<MboxPosition>(cursorText));
    return next ? { containers, items, next: encodeCursor(next) } : { containers, items };
  }

  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const message = item.data as MailMessage;
    const content = await this.pages.content(message, from);
    if (!content) throw new AdapterError(`The message “${message.subject}” is no longer in mail/${mboxPathOf(message)} of the chosen archive.`, 'skip');
    return content;
  }
}
