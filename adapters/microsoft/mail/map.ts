/**
 * An Outlook message's properties ↔ the model (field table in adapters/microsoft/README.md). The folder is
 * the message's folder, categories are the further labels; read is isRead, flagged a follow-up flag that is
 * set (a completed one is not), important `importance: high`.
 */
import type { LostField } from '../../../model/adapter';
import { isSystemFolder, type MailMessage } from '../../../model/mail';
import { GRAPH_API } from '../client';
import type { GraphMessage } from './api-types';

/** The properties the export reads. */
export const MESSAGE_FIELDS = 'id,internetMessageId,subject,sentDateTime,receivedDateTime,isRead,isDraft,flag,categories,importance';

export const valueUrl = (id: string): string => `${GRAPH_API}/me/messages/${encodeURIComponent(id)}/$value`;

export function fromGraphMessage(message: GraphMessage, folder: string): MailMessage {
  return {
    messageId: message.internetMessageId ?? '',
    subject: message.subject ?? '',
    // A message's sent time is its Date header (a MIME import keeps it there; its received time is the import's).
    date: message.sentDateTime ?? message.receivedDateTime ?? '',
    folders: [folder, ...(message.categories ?? [])],
    read: message.isRead ?? false,
    flagged: message.flag?.flagStatus === 'flagged',
    important: message.importance === 'high',
    draft: message.isDraft ?? false,
    rawSource: valueUrl(message.id),
  };
}

/** What is set on a message once it exists: its state, and categories for the labels beyond its folder. */
export function toGraphState(data: MailMessage): { patch: Partial<GraphMessage>; lost: LostField[] } {
  const lost: LostField[] = [];
  const categories: string[] = [];
  for (const label of data.folders.slice(1)) {
    if (isSystemFolder(label)) lost.push({ field: 'folders', reason: `Outlook keeps a message in one folder, so it is not also in ${label}` });
    else categories.push(label);
  }
  const patch: Partial<GraphMessage> = { isRead: data.read, flag: { flagStatus: data.flagged ? 'flagged' : 'notFlagged' } };
  // Always set: it also takes off the category a rebuilt message wears while its attachments go in.
  patch.categories = categories;
  // Outlook reads importance out of the MIME too; the model's flag decides.
  patch.importance = data.important ? 'high' : 'normal';
  return { patch, lost };
}

/** What an import through Graph cannot hold for this message, stated per item. */
export function importLosses(data: MailMessage, rebuilt: boolean): LostField[] {
  const lost: LostField[] = [];
  if (!data.draft) {
    lost.push({
      field: 'draft',
      reason: 'Outlook makes every message it is given as a file a draft (Graph: isDraft), so it shows as a draft that was never sent',
    });
  }
  lost.push({
    field: 'date',
    reason: rebuilt
      ? 'Outlook dates a message made from its parts by the time of the transfer; the original date is not kept'
      : 'Outlook shows the time of the transfer as its received time; the original date is kept in its Date header and as its sent time',
  });
  if (rebuilt) {
    lost.push({
      field: 'raw',
      reason: 'too large for Outlook to take as one file (over 4 MB), it was rebuilt from its text and attachments: its other header fields and structure are not kept',
    });
  }
  return lost;
}
