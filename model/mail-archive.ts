/**
 * The archive layout's mail: `mail/<folder>.mbox` (mboxrd), one file per folder, whose name is the folder
 * (system folders by the names in MAIL_SYSTEM_FOLDERS). What an mbox cannot say by itself travels in
 * header fields put in front of each message, as Google Takeout and mail readers do:
 * - `X-Gmail-Labels: Work,Travel,Important` (Takeout): further labels or categories, and the Important flag;
 * - `Status: RO` (read), `X-Status: F` (flagged) and `X-Status: D` (draft), as mutt and Thunderbird write them.
 * These fields are taken off when a message is read from the archive, so the bytes are the message's own.
 */
import { headerBlockEnd, parseHeaderBlock } from './mail-headers';

export interface ArchivedMessage {
  /** The folder it is filed in: the file's name. */
  folder: string;
  /** Further labels (Gmail) or categories (Outlook). */
  labels: string[];
  read: boolean;
  flagged: boolean;
  important: boolean;
  draft: boolean;
  /** The message's own bytes. */
  raw: Uint8Array;
}

const ARCHIVE_FIELDS = ['x-gmail-labels', 'status', 'x-status'];
/** Takeout's names for flags inside X-Gmail-Labels; none of them is a label. */
const FLAG_LABELS = new Set(['important', 'starred', 'unread', 'opened', 'archived']);

const latin1 = new TextDecoder('latin1');

/** The archive's header fields taken off the front of a message's header block, and the message that is left. */
export function readArchivedMessage(folder: string, bytes: Uint8Array): ArchivedMessage {
  const end = headerBlockEnd(bytes);
  const head = latin1.decode(end < 0 ? bytes : bytes.subarray(0, end));
  const lines = head.split(/(?<=\n)/);
  let cut = 0;
  const ours: string[] = [];
  for (const line of lines) {
    const name = /^([^:\s]+):/.exec(line)?.[1]?.toLowerCase();
    if (!name || !ARCHIVE_FIELDS.includes(name)) break;
    ours.push(line);
    cut += line.length;
  }
  const fields = parseHeaderBlock(Uint8Array.from(`${ours.join('')}\n`, (c) => c.charCodeAt(0)));
  const value = (name: string) => fields.filter((f) => f.name.toLowerCase() === name).map((f) => f.value).join(',');
  const gmailLabels = value('x-gmail-labels').split(',').map((l) => l.trim()).filter(Boolean);
  const utf8Labels = gmailLabels.map((l) => new TextDecoder().decode(Uint8Array.from(l, (c) => c.charCodeAt(0))));
  const lower = utf8Labels.map((l) => l.toLowerCase());
  const status = value('status');
  const xStatus = value('x-status');
  return {
    folder,
    labels: utf8Labels.filter((l) => !FLAG_LABELS.has(l.toLowerCase()) && l !== folder),
    read: status.includes('R') || lower.includes('opened'),
    flagged: xStatus.includes('F') || lower.includes('starred'),
    important: lower.includes('important'),
    draft: xStatus.includes('D'),
    raw: bytes.subarray(cut),
  };
}

/** The archive's header fields for a message, to be written in front of its bytes. */
export function archiveHeaderFields(message: Omit<ArchivedMessage, 'raw' | 'folder'>): Uint8Array {
  const labels = [...message.labels, ...(message.important ? ['Important'] : [])];
  const lines = [
    ...(labels.length ? [`X-Gmail-Labels: ${labels.join(',')}`] : []),
    `Status: ${message.read ? 'RO' : 'O'}`,
    ...(message.flagged || message.draft ? [`X-Status: ${message.flagged ? 'F' : ''}${message.draft ? 'D' : ''}`] : []),
  ];
  return new TextEncoder().encode(lines.map((l) => `${l}\r\n`).join(''));
}
