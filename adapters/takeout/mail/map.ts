/**
 * A Takeout mbox message → model MailMessage (README.md, "Mail: field table"). Takeout puts `X-GM-THRID` and
 * `X-Gmail-Labels` in front of each message; the labels are read by the archive codec
 * (model/mail-archive.ts), which also takes them off so the bytes are the message's own. The folder is the
 * first of Drafts, Spam, Trash, Inbox, Sent the message is labelled with (as Gmail's own exporter files it),
 * else Archive; the other labels follow it.
 */
import { readArchivedMessage } from '../../../model/mail-archive';
import { messageHeaderFields, type MappedMessage } from '../../mbox-entries';

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

export function fromTakeoutMessage(envelope: string, bytes: Uint8Array): MappedMessage {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const thread = THREAD_ID.exec(head);
  const archived = readArchivedMessage('', thread ? bytes.subarray(thread[0].length) : bytes);
  const labels = archived.labels.filter((l) => !IGNORED.test(l));
  const lower = labels.map((l) => l.toLowerCase());
  const system = FOLDER_LABELS.filter(([label]) => lower.includes(label)).map(([, folder]) => folder);
  const user = labels.filter((l) => !FOLDER_LABELS.some(([label]) => label === l.toLowerCase())).sort((a, b) => a.localeCompare(b));
  const folders = [...system, ...user];
  const raw = archived.raw;
  return {
    data: {
      ...messageHeaderFields(envelope, raw),
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
