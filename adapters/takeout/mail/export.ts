/**
 * Exports the mail of a Takeout's Mail folder: each `.mbox` (usually the one `All mail Including Spam and
 * Trash.mbox`) read as a stream through the mbox codec, a page of messages at a time, never the whole file.
 * A page's messages are kept until the importer has asked for them (the two latest pages, at most
 * PAGE_BYTES each): the zip's deflated mbox cannot be entered midway, so a message asked for after that (after a
 * restart) is found by reading the mbox again from its start.
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import type { MailMessage } from '../../../model/mail';
import { readMbox, type MboxMessage } from '../../../model/mail-mbox';
import { iterateStream } from '../../../model/byte-stream';
import { decodeCursor, encodeCursor } from '../../cursor';
import { entryStream } from '../../zip-entry';
import type { ArchiveEntry } from '../../zip-archive';
import { openTakeout, productFiles, productMissing } from '../client';
import { fromTakeoutMessage } from './map';

export const PAGE_SIZE = 100;
export const PAGE_BYTES = 16 * 1024 * 1024;
export const MAIL_FOLDERS = ['Mail', 'E-Mail', 'Correo', 'Courrier', 'Posta', 'E-mail'];

interface Cursor {
  /** Index of the mbox among the Mail folder's mbox files, and of the next message in it. */
  file: number;
  message: number;
  /** Folders whose containers were emitted. */
  emitted: string[];
}

export const containerKey = (account: string, folder: string): string => `takeout:${account}:mail:container:${folder}`;
export const messageKey = (account: string, path: string, index: number): string => `takeout:${account}:mail:${path}#${index}`;

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

export class TakeoutMailExporter implements Exporter {
  readonly dataType = 'mail' as const;
  private files: Promise<ArchiveEntry[]> | undefined;
  private reader: Reader | undefined;
  /** The raw bytes of the latest pages' messages, by key. */
  private pages: Map<string, Uint8Array>[] = [];

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private mboxFiles(): Promise<ArchiveEntry[]> {
    this.files ??= (async () => {
      const tree = await openTakeout(this.ctx);
      const files = productFiles(tree, MAIL_FOLDERS)?.files.filter((f) => f.path.toLowerCase().endsWith('.mbox')) ?? [];
      if (!files.length) throw productMissing(tree, 'Gmail', MAIL_FOLDERS[0]!);
      return files;
    })();
    this.files.catch(() => (this.files = undefined));
    return this.files;
  }

  /** A reader positioned at the message asked for: the one kept from the page before, or a new one skipping there. */
  private async readerAt(files: ArchiveEntry[], file: number, message: number): Promise<Reader> {
    if (this.reader && this.reader.file === file && this.reader.next === message) return this.reader;
    await this.reader?.messages.return(undefined);
    const messages = readMbox(iterateStream(entryStream(files[file]!)));
    for (let i = 0; i < message; i++) {
      const next = await messages.next();
      if (next.done) break;
      await skip(next.value.body);
    }
    this.reader = { file, next: message, messages };
    return this.reader;
  }

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    const files = await this.mboxFiles();
    const cursor = cursorText === undefined ? { file: 0, message: 0, emitted: [] } : decodeCursor<Cursor>(cursorText);
    const account = this.ctx.account;
    const reader = await this.readerAt(files, cursor.file, cursor.message);
    const file = files[cursor.file]!;
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
      const { data, raw } = fromTakeoutMessage(next.value.envelope, await collect(next.value.body));
      const key = messageKey(account, file.path, index);
      kept.set(key, raw);
      bytes += raw.length;
      items.push({ key, dataType: 'mail', containerKey: containerKey(account, data.folders[0]!), title: data.subject || '(no subject)', bytes: raw.length, data: { ...data, rawSource: `${file.path}#${index}` } });
    }
    this.pages = [...this.pages.slice(-1), kept];
    const emitted = new Set(cursor.emitted);
    const containers: Container[] = [];
    for (const folder of new Set(items.map((i) => i.data.folders[0]!))) {
      if (emitted.has(folder)) continue;
      emitted.add(folder);
      const container: Container = { key: containerKey(account, folder), dataType: 'mail', name: folder };
      if (folder === 'Inbox') container.isDefault = true;
      containers.push(container);
    }
    const next: Cursor | undefined = !ended ? { file: cursor.file, message: reader.next, emitted: [...emitted] } : cursor.file + 1 < files.length ? { file: cursor.file + 1, message: 0, emitted: [...emitted] } : undefined;
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
    const files = await this.mboxFiles();
    const hash = message.rawSource.lastIndexOf('#');
    const path = message.rawSource.slice(0, hash);
    const index = Number(message.rawSource.slice(hash + 1));
    const file = files.find((f) => f.path === path);
    if (file) {
      let i = 0;
      for await (const entry of readMbox(iterateStream(entryStream(file)))) {
        if (i++ === index) return fromTakeoutMessage(entry.envelope, await collect(entry.body)).raw;
        await skip(entry.body);
      }
    }
    throw new AdapterError(`The message “${message.subject}” is no longer in ${path} of the chosen files.`, 'skip');
  }
}
