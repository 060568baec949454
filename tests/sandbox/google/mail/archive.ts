/**
 * Seeds Gmail from `mail/<folder>.mbox` and dumps it back (model/mail-archive.ts says how labels and flags
 * travel). A file's name is the message's folder label: Inbox, Sent, Drafts, Junk (SPAM) and Trash are
 * system labels, Archive means no folder label, any other name a user label.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { archiveHeaderFields, readArchivedMessage } from '../../../../model/mail-archive';
import { mboxEnvelope, readMbox, writeMbox, type MboxMessage } from '../../../../model/mail-mbox';
import { isSystemFolder } from '../../../../model/mail';
import type { GmailMailbox, StoredMessage } from './store';

const LABEL_OF_FOLDER: Record<string, string | undefined> = { Inbox: 'INBOX', Sent: 'SENT', Drafts: 'DRAFT', Junk: 'SPAM', Trash: 'TRASH', Archive: undefined };
const FOLDER_LABELS = ['DRAFT', 'SPAM', 'TRASH', 'INBOX', 'SENT'];
const FOLDER_OF_LABEL: Record<string, string> = { INBOX: 'Inbox', SENT: 'Sent', DRAFT: 'Drafts', SPAM: 'Junk', TRASH: 'Trash' };

async function* chunks(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const piece of body) parts.push(Buffer.from(piece));
  return Buffer.concat(parts);
}

function labelFor(mailbox: GmailMailbox, name: string): string | undefined {
  if (isSystemFolder(name)) return LABEL_OF_FOLDER[name];
  return (mailbox.userLabelNamed(name) ?? mailbox.addUserLabel(name)).id;
}

export async function seedMailbox(mailbox: GmailMailbox, dataDir: string): Promise<void> {
  const dir = join(dataDir, 'mail');
  const files = await readdir(dir).catch(() => [] as string[]);
  for (const file of files.filter((f) => f.endsWith('.mbox')).sort()) {
    const folder = file.slice(0, -'.mbox'.length);
    for await (const entry of readMbox(createReadStream(join(dir, file)))) {
      const message = readArchivedMessage(folder, await collect(entry.body));
      const labels = [folder, ...message.labels].map((name) => labelFor(mailbox, name)).filter((id): id is string => Boolean(id));
      if (!message.read) labels.push('UNREAD');
      if (message.flagged) labels.push('STARRED');
      if (message.important) labels.push('IMPORTANT');
      if (message.draft) labels.push('DRAFT');
      mailbox.addMessage(Buffer.from(message.raw), labels, 'dateHeader');
    }
  }
}

/** The folder a message is dumped under and its other labels, by name. */
function placeOf(mailbox: GmailMailbox, m: StoredMessage): { folder: string; labels: string[] } {
  const names = m.labelIds.filter((id) => mailbox.labels.get(id)?.type === 'user').map((id) => mailbox.labels.get(id)!.name).sort();
  const system = FOLDER_LABELS.filter((id) => m.labelIds.includes(id)).map((id) => FOLDER_OF_LABEL[id]!);
  const all = [...system, ...names];
  return { folder: all[0] ?? 'Archive', labels: all.slice(1) };
}

export async function dumpMailbox(mailbox: GmailMailbox, outDir: string): Promise<void> {
  const byFolder = new Map<string, MboxMessage[]>();
  for (const m of [...mailbox.ordered()].reverse()) {
    const { folder, labels } = placeOf(mailbox, m);
    const head = archiveHeaderFields({
      labels,
      read: !m.labelIds.includes('UNREAD'),
      flagged: m.labelIds.includes('STARRED'),
      important: m.labelIds.includes('IMPORTANT'),
      draft: m.labelIds.includes('DRAFT'),
    });
    const entry: MboxMessage = { envelope: mboxEnvelope('alice@example.com', new Date(m.internalDate)), body: chunks(head, m.raw) };
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), entry]);
  }
  if (byFolder.size === 0) return;
  await mkdir(join(outDir, 'mail'), { recursive: true });
  for (const [folder, entries] of byFolder) {
    await pipeline(Readable.from(writeMbox(entries)), createWriteStream(join(outDir, 'mail', `${folder}.mbox`)));
  }
}
