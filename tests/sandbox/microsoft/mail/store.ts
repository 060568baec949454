/** The Outlook mailbox the sandbox holds: folders (well-known ones included), messages, attachments, upload sessions. */
import { createHash, randomBytes } from 'node:crypto';

export interface Recipient {
  emailAddress: { name?: string; address: string };
}

export interface StoredFolder {
  id: string;
  displayName: string;
  parentFolderId: string;
  /** Graph's well-known name (`inbox`, `sentitems`…), for the folders every mailbox has. */
  wellKnownName?: string;
  isHidden: boolean;
}

export interface StoredAttachment {
  id: string;
  name: string;
  contentType: string;
  isInline: boolean;
  contentId?: string;
  lastModifiedDateTime: string;
  bytes: Buffer;
}

export interface StoredMail {
  id: string;
  folderId: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  receivedDateTime: string;
  sentDateTime: string;
  internetMessageId: string;
  subject: string;
  from?: Recipient;
  toRecipients: Recipient[];
  ccRecipients: Recipient[];
  bccRecipients: Recipient[];
  replyTo: Recipient[];
  body: { contentType: 'text' | 'html'; content: string };
  importance: 'low' | 'normal' | 'high';
  isRead: boolean;
  isDraft: boolean;
  flag: { flagStatus: 'notFlagged' | 'complete' | 'flagged' };
  categories: string[];
  /** The MIME it was created from; absent for a message made from JSON (its MIME is generated on request). */
  mime?: Buffer;
  attachments: StoredAttachment[];
}

export interface UploadSession {
  id: string;
  messageId: string;
  token: string;
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  contentId?: string;
  chunks: Buffer[];
  received: number;
  expires: number;
}

/** The folders of a new Outlook mailbox, by well-known name and English display name. */
const WELL_KNOWN_FOLDERS: [string, string, boolean][] = [
  ['inbox', 'Inbox', false],
  ['drafts', 'Drafts', false],
  ['sentitems', 'Sent Items', false],
  ['deleteditems', 'Deleted Items', false],
  ['junkemail', 'Junk Email', false],
  ['archive', 'Archive', false],
  ['outbox', 'Outbox', false],
  ['conversationhistory', 'Conversation History', false],
];

/** Exchange ids are long base64 strings; these are as opaque and stable per mailbox. */
const exchangeId = (kind: string, seed: string): string =>
  `AAMkAG${createHash('sha256').update(`${kind}:${seed}`).digest('base64').replace(/\//g, '-').replace(/\+/g, '_').slice(0, 42)}=`;

export class OutlookMailbox {
  readonly folders = new Map<string, StoredFolder>();
  readonly messages = new Map<string, StoredMail>();
  readonly sessions = new Map<string, UploadSession>();
  readonly rootId = exchangeId('folder', 'msgfolderroot');
  private counter = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.folders.clear();
    this.messages.clear();
    this.sessions.clear();
    this.counter = 0;
    for (const [wellKnownName, displayName, isHidden] of WELL_KNOWN_FOLDERS) {
      const id = exchangeId('folder', wellKnownName);
      this.folders.set(id, { id, displayName, parentFolderId: this.rootId, wellKnownName, isHidden });
    }
  }

  wellKnown(name: string): StoredFolder | undefined {
    return [...this.folders.values()].find((f) => f.wellKnownName === name);
  }

  addFolder(displayName: string, parentFolderId: string): StoredFolder {
    const id = exchangeId('folder', `${parentFolderId}/${displayName}/${this.counter++}`);
    const folder: StoredFolder = { id, displayName, parentFolderId, isHidden: false };
    this.folders.set(id, folder);
    return folder;
  }

  childrenOf(parentId: string): StoredFolder[] {
    return [...this.folders.values()].filter((f) => f.parentFolderId === parentId);
  }

  newMessageId(): string {
    return exchangeId('message', `${this.counter++}:${randomBytes(8).toString('hex')}`);
  }

  newAttachmentId(): string {
    return exchangeId('attachment', `${this.counter++}:${randomBytes(8).toString('hex')}`);
  }

  messagesIn(folderId: string): StoredMail[] {
    return [...this.messages.values()].filter((m) => m.folderId === folderId).sort((a, b) => b.receivedDateTime.localeCompare(a.receivedDateTime) || a.id.localeCompare(b.id));
  }
}
