/**
 * A Takeout mbox message → model MailMessage (README.md, "Mail: field table"). Takeout puts `X-GM-THRID` and
 * `X-Gmail-Labels` in front of each message; the labels are read by the archive codec
 * (model/mail-archive.ts), which also takes them off so the bytes are the message's own. The folder is the
 * first of Drafts, Spam, Trash, Inbox, Sent the message is labelled with (as Gmail's own exporter files it),
 * else Archive; the other labels follow it.
 */
import type { MailMessage } from '../../../model/mail';
import { readArchivedMessage } from '../../../model/mail-archive';
import { decodeHeaderText, headerBlockEnd, headerValue, parseHeaderBlock, parseMailDate } from '../../../model/mail-headers';

/** Takeout's names of Gmail's system labels that file a message, in the order Gmail's exporter picks a folder. */
const FOLDER_LABELS: [string, string][] = [
  ['drafts', 'Drafts'],
  ['spam', 'Junk'],
  ['trash', 'Trash'],
  ['inbox', 'Inbox'],
  ['sent', 'Sent'],
];
/** Labels that are no folder or label a person made: Gmail's inbox categories, chats. */
const IGNORED = /^(category .+|chat)$/i;
const THREAD_ID = /^x-gm-thrid:[^\n]*\n/i;
/** Takeout labels a message never opened `Unread` (the archive codec reads `Opened` but takes `Unread` for a flag). */
const UNREAD = /^x-gmail-labels:(?:[^\n]*,)?\s*unread\s*(?:,|\r?$)/im;

export interface TakeoutMessage {
  data: Omit<MailMessage, 'rawSource'>;
  raw: Uint8Array;
}

/** The envelope's asctime date (`Mon Jan 01 00:00:00 +0000 2024`), for a message without a Date header. */
function envelopeDate(envelope: string): string | undefined {
  const ms = Date.parse(envelope.replace(/^\S+\s+/, ''));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

export function fromTakeoutMessage(envelope: string, bytes: Uint8Array): TakeoutMessage {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const thread = THREAD_ID.exec(head);
  const archived = readArchivedMessage('', thread ? bytes.subarray(thread[0].length) : bytes);
  const labels = archived.labels.filter((l) => !IGNORED.test(l));
  const lower = labels.map((l) => l.toLowerCase());
  const system = FOLDER_LABELS.filter(([label]) => lower.includes(label)).map(([, folder]) => folder);
  const user = labels.filter((l) => !FOLDER_LABELS.some(([label]) => label === l.toLowerCase())).sort((a, b) => a.localeCompare(b));
  const folders = [...system, ...user];
  const raw = archived.raw;
  const end = headerBlockEnd(raw);
  const fields = parseHeaderBlock(end < 0 ? raw : raw.subarray(0, end));
  return {
    data: {
      messageId: headerValue(fields, 'message-id')?.trim() ?? '',
      subject: decodeHeaderText(headerValue(fields, 'subject') ?? ''),
      date: parseMailDate(headerValue(fields, 'date')) ?? envelopeDate(envelope) ?? new Date(0).toISOString(),
      folders: folders.length ? folders : ['Archive'],
      read: archived.read || !UNREAD.test(head),
      flagged: archived.flagged,
      important: archived.important,
      draft: archived.draft || lower.includes('drafts'),
      sizeBytes: raw.length,
    },
    raw,
  };
}
