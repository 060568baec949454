/**
 * Exports the mail of an archive's `mail/` folder: each `<folder>.mbox` read as a stream through the mbox codec, a
 * page of messages at a time, never the whole file. Every folder's container is on the first page (the files'
 * names say them all). A page's messages are kept until the importer has asked for them (the two latest pages, at
 * most PAGE_BYTES each): a deflated mbox cannot be entered midway, so a message asked for after that (after a
 * restart) is found by reading its mbox again from the start.
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import type { MailMessage } from '../../../model/mail';
import { readMbox, type MboxMessage } from '../../../model/mail-mbox';
import { iterateStream } from '../../../model/byte-stream';
import { planOnce } from '../../archive-paging';
import { decodeCursor, encodeCursor } from '../../cursor';
import { entryStream } from '../../zip-entry';
import type { ArchiveEntry } from '../../zip-archive';
import { openFerryArchive, typeFiles } from '../client';
import { folderOfFile, fromArchiveMessage } from './map';

export const PAGE_SIZE = 100;
export const PAGE_BYTES = 16 * 1024 * 1024;

interface Cursor {
  /** Index of the mbox among the folder's mbox files, and of the next message in it. */
  file: number;
  message: number;
}

interface Mbox {
  path: string;
  folder: string;
  file: ArchiveEntry;
}

export const containerKey = (account: string, folder: string): string => `archive:${account}:mail:container:${folder}`;
export const messageKey = (account: string, path: string, index: number): string => `archive:${account}:mail:${path}/${index}`;

interface Reader {
  file: number;
  next: number;
  messages: AsyncGenerator<MboxMessage>;
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const part of body) {
    parts.push(part);
    length += part.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function skip(body: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const part of body) void part;
}

export class ArchiveMailExporter implements Exporter {
  readonly dataType = 'mail' as const;
  private reader: Reader | undefined;
  /** The raw bytes of the latest pages' messages, by key. */
  private pages: Map<string, Uint8Array>[] = [];
  private readonly mboxes = planOnce(async (): Promise<Mbox[]> => {
    const archive = await openFerryArchive(this.ctx);
    return typeFiles(archive, 'mail', 'mail')
      .filter((f) => f.path.toLowerCase().endsWith('.mbox'))
      .map(({ path, file }) => ({ path, folder: folderOfFile(path), file }));
  });

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  /** A reader positioned at the message asked for: the one kept from the page before, or a new one skipping there. */
  private async readerAt(mboxes: Mbox[], file: number, message: number): Promise<Reader> {
    if (this.reader && this.reader.file === file && this.reader.next === message) return this.reader;
    await this.reader?.messages.return(undefined);
    const messages = readMbox(iterateStream(entryStream(mboxes[file]!.file)));
    for (let i = 0; i < message; i++) {
      const next = await messages.next();
      if (next.done) break;
      await skip(next.value.body);
    }
    this.reader = { file, next: message, messages };
    return this.reader;
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
    const cursor = cursorText === undefined ? { file: 0, message: 0 } : decodeCursor<Cursor>(cursorText);
    const account = this.ctx.account;
    const mbox = mboxes[cursor.file]!;
    const reader = await this.readerAt(mboxes, cursor.file, cursor.message);
    const items: ExportedItem<MailMessage>[] = [];
    const kept = new Map<string, Uint8Array>();
    let bytes = 0;
    let ended = false;
    while (items.length < this.pageSize && bytes < PAGE_BYTES) {
      const next = await reader.messages.next();
      if (next.done) {
        ended = true;
        break;
      }
      const index = reader.next++;
      const { data, raw } = fromArchiveMessage(mbox.folder, next.value.envelope, await collect(next.value.body));
      const key = messageKey(account, mbox.path, index);
      kept.set(key, raw);
      bytes += raw.length;
      items.push({ key, dataType: 'mail', containerKey: containerKey(account, mbox.folder), title: data.subject || '(no subject)', bytes: raw.length, data: { ...data, rawSource: `${mbox.path}#${index}` } });
    }
    this.pages = [...this.pages.slice(-1), kept];
    const next: Cursor | undefined = !ended ? { file: cursor.file, message: reader.next } : cursor.file + 1 < mboxes.length ? { file: cursor.file + 1, message: 0 } : undefined;
    return next ? { containers, items, next: encodeCursor(next) } : { containers, items };
  }

  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const raw = this.pages.map((p) => p.get(item.key)).find(Boolean) ?? (await this.reread(item.data as MailMessage));
    const offset = Math.min(from, raw.length);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(raw.subarray(offset));
        controller.close();
      },
    });
    return { body, size: raw.length, offset, contentType: 'message/rfc822' };
  }

  private async reread(message: MailMessage): Promise<Uint8Array> {
    const mboxes = await this.mboxes();
    const hash = message.rawSource.lastIndexOf('#');
    const path = message.rawSource.slice(0, hash);
    const index = Number(message.rawSource.slice(hash + 1));
    const mbox = mboxes.find((m) => m.path === path);
    if (mbox) {
      let i = 0;
      for await (const entry of readMbox(iterateStream(entryStream(mbox.file)))) {
        if (i++ === index) return fromArchiveMessage(mbox.folder, entry.envelope, await collect(entry.body)).raw;
        await skip(entry.body);
      }
    }
    throw new AdapterError(`The message “${message.subject}” is no longer in mail/${path} of the chosen archive.`, 'skip');
  }
}
