/**
 * Seeds the Outlook mailbox from `mail/<folder>.mbox` and dumps it back (model/mail-archive.ts says how
 * labels and flags travel). A file's name is the folder: Inbox, Sent, Drafts, Archive, Junk and Trash are
 * the well-known folders; any other name a folder path below the root (`Projects/2024`). Further labels are
 * categories. A seeded message is one received: not a draft unless the archive says so.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAIL_SYSTEM_FOLDERS, isSystemFolder, type MailSystemFolder } from '../../../../model/mail';
import { archiveHeaderFields, readArchivedMessage } from '../../../../model/mail-archive';
import { headerBlockEnd, parseHeaderBlock } from '../../../../model/mail-headers';
import { mboxEnvelope, readMbox, writeMbox, type MboxMessage } from '../../../../model/mail-mbox';
import { mimeOfMessage, propertiesOfMime } from './mime';
import type { OutlookMailbox, StoredFolder } from './store';

const WELL_KNOWN: Record<MailSystemFolder, string> = { Inbox: 'inbox', Sent: 'sentitems', Drafts: 'drafts', Archive: 'archive', Junk: 'junkemail', Trash: 'deleteditems' };

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const piece of body) parts.push(Buffer.from(piece));
  return Buffer.concat(parts);
}

async function* chunks(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

function folderFor(mailbox: OutlookMailbox, name: string): StoredFolder {
  if (isSystemFolder(name)) return mailbox.wellKnown(WELL_KNOWN[name])!;
  let parent = mailbox.rootId;
  let folder: StoredFolder | undefined;
  for (const part of name.split('/')) {
    folder = mailbox.childrenOf(parent).find((f) => f.displayName === part) ?? mailbox.addFolder(part, parent);
    parent = folder.id;
  }
  return folder!;
}

/** A folder's archive name: a well-known folder's model name, else its path of display names. */
function nameOf(mailbox: OutlookMailbox, folder: StoredFolder): string {
  const system = MAIL_SYSTEM_FOLDERS.find((n) => WELL_KNOWN[n] === folder.wellKnownName);
  if (system) return system;
  const parent = mailbox.folders.get(folder.parentFolderId);
  return parent ? `${nameOf(mailbox, parent)}/${folder.displayName}` : folder.displayName;
}

export async function seedMailbox(mailbox: OutlookMailbox, dataDir: string): Promise<void> {
  const dir = join(dataDir, 'mail');
  const files = await readdir(dir).catch(() => [] as string[]);
  for (const file of files.filter((f) => f.endsWith('.mbox')).sort()) {
    const folder = folderFor(mailbox, file.slice(0, -'.mbox'.length));
    for await (const entry of readMbox(createReadStream(join(dir, file)))) {
      const archived = readArchivedMessage(folder.displayName, await collect(entry.body));
      const mime = Buffer.from(archived.raw);
      // Exchange holds no message without header fields (its MIME import refuses one), so mbox text that is no
      // message never becomes an Outlook message: the account is seeded as Outlook could hold it.
      if (headerBlockEnd(mime) < 0 || parseHeaderBlock(mime).length === 0) continue;
      const props = await propertiesOfMime(mime, new Date(0).toISOString().replace(/\.000Z$/, 'Z'));
      const { hasAttachments, ...rest } = props;
      void hasAttachments;
      const id = mailbox.newMessageId();
      mailbox.messages.set(id, {
        ...rest,
        internetMessageId: rest.internetMessageId || `<${id.slice(6, 30)}@contoso.example>`,
        id,
        folderId: folder.id,
        createdDateTime: rest.sentDateTime,
        lastModifiedDateTime: rest.sentDateTime,
        receivedDateTime: rest.sentDateTime,
        isRead: archived.read,
        isDraft: archived.draft,
        flag: { flagStatus: archived.flagged ? 'flagged' : 'notFlagged' },
        categories: archived.labels,
        // The archive says whether a message is important; a high Importance header alone does not.
        importance: archived.important ? 'high' : rest.importance === 'high' ? 'normal' : rest.importance,
        mime,
        attachments: [],
      });
    }
  }
}

export async function dumpMailbox(mailbox: OutlookMailbox, outDir: string): Promise<void> {
  const byFolder = new Map<string, MboxMessage[]>();
  for (const m of [...mailbox.messages.values()].sort((a, b) => a.receivedDateTime.localeCompare(b.receivedDateTime))) {
    const folder = mailbox.folders.get(m.folderId);
    if (!folder) continue;
    const head = archiveHeaderFields({ labels: m.categories, read: m.isRead, flagged: m.flag.flagStatus === 'flagged', important: m.importance === 'high', draft: m.isDraft });
    const entry: MboxMessage = { envelope: mboxEnvelope(m.from?.emailAddress.address ?? 'MAILER-DAEMON', new Date(m.receivedDateTime)), body: chunks(head, m.mime ?? mimeOfMessage(m)) };
    const name = nameOf(mailbox, folder);
    byFolder.set(name, [...(byFolder.get(name) ?? []), entry]);
  }
  if (byFolder.size === 0) return;
  for (const [name, entries] of byFolder) {
    const path = join(outDir, 'mail', `${name}.mbox`);
    await mkdir(join(path, '..'), { recursive: true });
    await pipeline(Readable.from(writeMbox(entries)), createWriteStream(path));
  }
}
