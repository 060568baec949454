/** The Gmail mailbox the sandbox holds: labels, messages with their raw bytes, and open upload sessions. */
import { createHash } from 'node:crypto';
import { headerValue, parseHeaderBlock, parseMailDate } from '../../../../model/mail-headers';

export interface StoredLabel {
  id: string;
  name: string;
  type: 'system' | 'user';
  messageListVisibility?: 'show' | 'hide';
  labelListVisibility?: 'labelShow' | 'labelShowIfUnread' | 'labelHide';
}

export interface StoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  /** Epoch ms. */
  internalDate: number;
  historyId: number;
  raw: Buffer;
}

/** Gmail's system labels (labels.list of a new account), with the visibilities Gmail gives them. */
const SYSTEM_LABELS: StoredLabel[] = [
  'CHAT', 'SENT', 'INBOX', 'IMPORTANT', 'TRASH', 'DRAFT', 'SPAM', 'CATEGORY_FORUMS', 'CATEGORY_UPDATES',
  'CATEGORY_PERSONAL', 'CATEGORY_PROMOTIONS', 'CATEGORY_SOCIAL', 'STARRED', 'UNREAD',
].map((id) => ({ id, name: id, type: 'system' as const }));

/** System labels a message may be given on import; DRAFT and CHAT are Gmail's own to set. */
export const IMPORTABLE_SYSTEM_LABELS = new Set(['INBOX', 'SENT', 'SPAM', 'TRASH', 'UNREAD', 'STARRED', 'IMPORTANT', 'CATEGORY_FORUMS', 'CATEGORY_UPDATES', 'CATEGORY_PERSONAL', 'CATEGORY_PROMOTIONS', 'CATEGORY_SOCIAL']);

/** Names Gmail keeps for itself: labels.create refuses them ("Invalid label name"), case aside. */
export const RESERVED_LABEL_NAMES = new Set(['inbox', 'sent', 'draft', 'drafts', 'spam', 'trash', 'bin', 'starred', 'important', 'unread', 'chat', 'chats', 'all mail', 'allmail', 'muted', 'snoozed', 'scheduled', 'outbox']);

export class GmailMailbox {
  readonly labels = new Map<string, StoredLabel>();
  readonly messages = new Map<string, StoredMessage>();
  private nextLabel = 1;
  private history = 1000;

  constructor(private readonly now: () => number) {
    this.reset();
  }

  reset(): void {
    this.labels.clear();
    this.messages.clear();
    for (const label of SYSTEM_LABELS) this.labels.set(label.id, { ...label });
    this.nextLabel = 1;
    this.history = 1000;
  }

  userLabelNamed(name: string): StoredLabel | undefined {
    return [...this.labels.values()].find((l) => l.type === 'user' && l.name === name);
  }

  addUserLabel(name: string, visibility: Pick<StoredLabel, 'messageListVisibility' | 'labelListVisibility'> = {}): StoredLabel {
    const label: StoredLabel = { id: `Label_${this.nextLabel++}`, name, type: 'user', messageListVisibility: 'show', labelListVisibility: 'labelShow', ...visibility };
    this.labels.set(label.id, label);
    return label;
  }

  /** Stores a message; its id is derived from its bytes and arrival, as unguessable as Gmail's hex ids. */
  addMessage(raw: Buffer, labelIds: string[], dateSource: 'dateHeader' | 'receivedTime'): StoredMessage {
    const fields = parseHeaderBlock(raw);
    const fromHeader = parseMailDate(headerValue(fields, 'Date'));
    const internalDate = dateSource === 'dateHeader' && fromHeader ? Date.parse(fromHeader) : this.now();
    this.history += 1;
    const id = createHash('sha256').update(raw).update(String(this.messages.size)).update(String(this.history)).digest('hex').slice(0, 16);
    const message: StoredMessage = { id, threadId: id, labelIds: [...new Set(labelIds)], internalDate, historyId: this.history, raw };
    this.messages.set(id, message);
    return message;
  }

  /** Messages newest first, as messages.list orders them. */
  ordered(): StoredMessage[] {
    return [...this.messages.values()].sort((a, b) => b.internalDate - a.internalDate || a.id.localeCompare(b.id));
  }
}
