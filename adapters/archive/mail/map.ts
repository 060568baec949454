/**
 * An archive mbox message → model MailMessage (README.md, "Mail"). The file's name is the folder the message is
 * filed in; the archive's own header fields in front of the message (X-Gmail-Labels, Status, X-Status) are read
 * and taken off by the archive codec (model/mail-archive.ts), so the bytes are the message's own.
 */
import type { MailMessage } from '../../../model/mail';
import { readArchivedMessage } from '../../../model/mail-archive';
import { decodeHeaderText, headerBlockEnd, headerValue, parseHeaderBlock, parseMailDate } from '../../../model/mail-headers';

export interface ArchiveMessage {
  data: Omit<MailMessage, 'rawSource'>;
  raw: Uint8Array;
}

/** `mail/Work/Projects.mbox` (given as `Work/Projects.mbox`) → `Work/Projects`. */
export const folderOfFile = (path: string): string => path.replace(/\.mbox$/i, '');

/** The envelope's asctime date (`Mon Jan 01 00:00:00 2024`), for a message without a Date header. */
function envelopeDate(envelope: string): string | undefined {
  const ms = Date.parse(envelope.replace(/^\S+\s+/, ''));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

export function fromArchiveMessage(folder: string, envelope: string, bytes: Uint8Array): ArchiveMessage {
  const archived = readArchivedMessage(folder, bytes);
  const raw = archived.raw;
  const end = headerBlockEnd(raw);
  const fields = parseHeaderBlock(end < 0 ? raw : raw.subarray(0, end));
  return {
    data: {
      messageId: headerValue(fields, 'message-id')?.trim() ?? '',
      subject: decodeHeaderText(headerValue(fields, 'subject') ?? ''),
      date: parseMailDate(headerValue(fields, 'date')) ?? envelopeDate(envelope) ?? new Date(0).toISOString(),
      folders: [folder, ...archived.labels],
      read: archived.read,
      flagged: archived.flagged,
      important: archived.important,
      draft: archived.draft,
      sizeBytes: raw.length,
    },
    raw,
  };
}
