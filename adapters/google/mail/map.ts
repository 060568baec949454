/**
 * A Gmail message's labels ↔ the model's folders and flags (field table in adapters/google/README.md).
 * Export: the folder is the first of INBOX, SENT, DRAFT, SPAM, TRASH the message has, else its first user
 * label, else Archive; its other folder labels follow. UNREAD, STARRED and IMPORTANT are flags.
 * Import: the container's label, the other folders' labels, then the flags as labels.
 */
import type { LostField } from '../../../model/adapter';
import { isSystemFolder, type MailMessage } from '../../../model/mail';
import { decodeHeaderText, parseMailDate } from '../../../model/mail-headers';
import type { GmailMessage } from './api-types';
import { FLAG_LABELS, FOLDER_OF_LABEL, GMAIL_API, LABEL_OF_FOLDER, NO_FOLDER_LABEL, isIgnoredSystemLabel } from './labels';

const FOLDER_ORDER = ['DRAFT', 'SPAM', 'TRASH', 'INBOX', 'SENT'];

const header = (message: GmailMessage, name: string): string | undefined =>
  message.payload?.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

/** The folder names of a message's labels, its filing folder first. */
export function foldersOf(labelIds: readonly string[], labelNames: ReadonlyMap<string, string>): string[] {
  const system = FOLDER_ORDER.filter((id) => labelIds.includes(id)).map((id) => FOLDER_OF_LABEL[id]!);
  const user = labelIds
    .filter((id) => !(id in FOLDER_OF_LABEL) && !Object.values(FLAG_LABELS).includes(id as never) && !isIgnoredSystemLabel(id))
    .map((id) => labelNames.get(id))
    .filter((name): name is string => Boolean(name))
    .sort((a, b) => a.localeCompare(b));
  const folders = [...system, ...user];
  return folders.length ? folders : ['Archive'];
}

export const rawUrl = (id: string): string => `${GMAIL_API}/messages/${encodeURIComponent(id)}?format=raw`;

export function fromGmailMessage(message: GmailMessage, labelNames: ReadonlyMap<string, string>): MailMessage {
  const labels = message.labelIds ?? [];
  const internal = message.internalDate ? new Date(Number(message.internalDate)).toISOString().replace(/\.000Z$/, 'Z') : '';
  const data: MailMessage = {
    messageId: header(message, 'Message-ID')?.trim() ?? '',
    subject: decodeHeaderText(header(message, 'Subject') ?? ''),
    date: parseMailDate(header(message, 'Date')) ?? internal,
    folders: foldersOf(labels, labelNames),
    read: !labels.includes(FLAG_LABELS.unread),
    flagged: labels.includes(FLAG_LABELS.starred),
    important: labels.includes(FLAG_LABELS.important),
    draft: labels.includes('DRAFT'),
    rawSource: rawUrl(message.id),
  };
  if (message.sizeEstimate !== undefined) data.sizeBytes = message.sizeEstimate;
  return data;
}

/** Destination label id of each model folder name, resolved by the importer (user labels made as needed). */
export type LabelResolver = (folder: string) => string | undefined;

export function toGmailLabelIds(data: MailMessage, containerLabel: string, labelOf: LabelResolver): { labelIds: string[]; lost: LostField[] } {
  const lost: LostField[] = [];
  const ids = new Set<string>();
  if (containerLabel !== NO_FOLDER_LABEL) ids.add(containerLabel);
  for (const folder of data.folders.slice(1)) {
    const id = isSystemFolder(folder) ? LABEL_OF_FOLDER[folder] : labelOf(folder);
    if (id) ids.add(id);
  }
  if (!data.read) ids.add(FLAG_LABELS.unread);
  if (data.flagged) ids.add(FLAG_LABELS.starred);
  if (data.important) ids.add(FLAG_LABELS.important);
  if (data.draft) {
    lost.push({
      field: 'draft',
      reason: 'Gmail makes drafts only through its drafts API, which keeps no original date; it arrives as a message in All Mail',
    });
  }
  return { labelIds: [...ids], lost };
}
