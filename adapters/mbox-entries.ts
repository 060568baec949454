/**
 * The mbox files of a zip tree read as pages of mail items: each file streamed through the mbox codec, a page of
 * messages at a time, never the whole file. A page's messages are kept until the importer has asked for them (the
 * two latest pages): a deflated mbox cannot be entered midway, so a message asked for after that (after a restart)
 * is found by reading its mbox again from the start.
 */
import type { ContentStream, ExportedItem } from '../model/adapter';
import { iterateStream } from '../model/byte-stream';
import type { MailMessage } from '../model/mail';
import { decodeHeaderText, headerBlockEnd, headerValue, parseHeaderBlock, parseMailDate } from '../model/mail-headers';
import { readMbox, type MboxMessage } from '../model/mail-mbox';
import { bytesContent } from './content-bytes';
import { entryStream } from './zip-entry';
import type { ArchiveEntry } from './zip-archive';

/** One mbox of the tree; `path` is what the item's rawSource names it by. */
export interface MboxFile {
  path: string;
  file: ArchiveEntry;
}

/** A message as the exporter maps it: the model fields and the bytes the importer receives. */
export interface MappedMessage {
  data: Omit<MailMessage, 'rawSource'>;
  raw: Uint8Array;
}

/** Index of the mbox among the files, and of the next message in it. */
export interface MboxPosition {
  file: number;
  message: number;
}

export interface MboxPagesOptions<M extends MboxFile> {
  mboxes: () => Promise<readonly M[]>;
  map: (mbox: M, envelope: string, bytes: Uint8Array) => MappedMessage;
  messageKey: (path: string, index: number) => string;
  containerKey: (folder: string) => string;
  pageSize: number;
  pageBytes: number;
}

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

const rawSourceOf = (path: string, index: number): string => `${path}#${index}`;

/** The envelope's asctime date (`Mon Jan 01 00:00:00 +0000 2024`), for a message without a Date header. */
function envelopeDate(envelope: string): string | undefined {
  const ms = Date.parse(envelope.replace(/^\S+\s+/, ''));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** The fields every mbox message has in its own header, with the envelope's date standing in for a missing Date. */
export function messageHeaderFields(envelope: string, raw: Uint8Array): Pick<MailMessage, 'messageId' | 'subject' | 'date'> {
  const end = headerBlockEnd(raw);
  const fields = parseHeaderBlock(end < 0 ? raw : raw.subarray(0, end));
  return {
    messageId: headerValue(fields, 'message-id')?.trim() ?? '',
    subject: decodeHeaderText(headerValue(fields, 'subject') ?? ''),
    date: parseMailDate(headerValue(fields, 'date')) ?? envelopeDate(envelope) ?? new Date(0).toISOString(),
  };
}

export class MboxPages<M extends MboxFile> {
  private reader: Reader | undefined;
  /** The raw bytes of the latest pages' messages, by rawSource. */
  private pages: Map<string, Uint8Array>[] = [];

  constructor(private readonly options: MboxPagesOptions<M>) {}

  /** A reader positioned at the message asked for: the one kept from the page before, or a new one skipping there. */
  private async readerAt(mboxes: readonly M[], file: number, message: number): Promise<Reader> {
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

  /** The items from `at` on, and where the next page starts (none after the last file's last message). */
  async page(at: MboxPosition): Promise<{ items: ExportedItem<MailMessage>[]; next?: MboxPosition }> {
    const { mboxes: plan, map, messageKey, containerKey, pageSize, pageBytes } = this.options;
    const mboxes = await plan();
    const reader = await this.readerAt(mboxes, at.file, at.message);
    const mbox = mboxes[at.file]!;
    const items: ExportedItem<MailMessage>[] = [];
    const kept = new Map<string, Uint8Array>();
    let bytes = 0;
    let ended = false;
    while (items.length < pageSize && bytes < pageBytes) {
      const next = await reader.messages.next();
      if (next.done) {
        ended = true;
        break;
      }
      const index = reader.next++;
      const { data, raw } = map(mbox, next.value.envelope, await collect(next.value.body));
      const rawSource = rawSourceOf(mbox.path, index);
      kept.set(rawSource, raw);
      bytes += raw.length;
      items.push({ key: messageKey(mbox.path, index), dataType: 'mail', containerKey: containerKey(data.folders[0]!), title: data.subject || '(no subject)', bytes: raw.length, data: { ...data, rawSource } });
    }
    this.pages = [...this.pages.slice(-1), kept];
    if (!ended) return { items, next: { file: at.file, message: reader.next } };
    return at.file + 1 < mboxes.length ? { items, next: { file: at.file + 1, message: 0 } } : { items };
  }

  /** The message's raw bytes: kept from a recent page, else read again from its mbox (undefined when it is gone). */
  async content(message: MailMessage, from: number): Promise<ContentStream | undefined> {
    const raw = this.pages.map((p) => p.get(message.rawSource)).find(Boolean) ?? (await this.reread(message.rawSource));
    return raw && bytesContent(raw, from, 'message/rfc822');
  }

  private async reread(rawSource: string): Promise<Uint8Array | undefined> {
    const mboxes = await this.options.mboxes();
    const hash = rawSource.lastIndexOf('#');
    const path = rawSource.slice(0, hash);
    const index = Number(rawSource.slice(hash + 1));
    const mbox = mboxes.find((m) => m.path === path);
    if (!mbox) return undefined;
    let i = 0;
    for await (const entry of readMbox(iterateStream(entryStream(mbox.file)))) {
      if (i++ === index) return this.options.map(mbox, entry.envelope, await collect(entry.body)).raw;
      await skip(entry.body);
    }
    return undefined;
  }
}

/** The mbox path a message's rawSource names, for an error that says where it was looked for. */
export const mboxPathOf = (message: MailMessage): string => message.rawSource.slice(0, message.rawSource.lastIndexOf('#'));
