/**
 * An archive mbox message → model MailMessage (README.md, "Mail"). The file's name is the folder the message is
 * filed in; the archive's own header fields in front of the message (X-Gmail-Labels, Status, X-Status) are read
 * and taken off by the archive codec (model/mail-archive.ts), so the bytes are the message's own.
 */
import { readArchivedMessage } from '../../../model/mail-archive';
import { messageHeaderFields, type MappedMessage } from '../../mbox-entries';

/** `mail/Work/Projects.mbox` (given as `Work/Projects.mbox`) → `Work/Projects`. */
export const folderOfFile = (path: string): string => path.replace(/\.mbox$/i, '');

export function fromArchiveMessage(folder: string, envelope: string, bytes: Uint8Array): MappedMessage {
  const archived = readArchivedMessage(folder, bytes);
  const raw = archived.raw;
  return {
    data: {
      ...messageHeaderFields(envelope, raw),
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
