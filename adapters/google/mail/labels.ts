/**
 * Gmail labels as the model's folders and flags. System labels have fixed ids (INBOX, SENT, …); a user
 * label's id is Gmail's own (`Label_12`) and is found by its name. Gmail refuses user labels named like a
 * system one ("Invalid label name"), so system folders always map to system labels.
 */
import { AdapterError, type AdapterContext } from '../../../model/adapter';
import type { MailSystemFolder } from '../../../model/mail';
import { googleRequest } from '../client';
import type { GmailLabel, GmailLabelList } from './api-types';

export const GMAIL_API = 'https://gmail.googleapis.com/gmail/v1/users/me';

/** System labels that are folders, and the model's name for each. */
export const FOLDER_OF_LABEL: Readonly<Record<string, MailSystemFolder>> = {
  INBOX: 'Inbox',
  SENT: 'Sent',
  DRAFT: 'Drafts',
  SPAM: 'Junk',
  TRASH: 'Trash',
};

/**
 * The label a system folder is imported under. Archive is "no folder label" at Gmail; drafts can be made
 * only through drafts.create, so an imported draft is kept as a message without a folder label too.
 */
export const LABEL_OF_FOLDER: Readonly<Record<MailSystemFolder, string | undefined>> = {
  Inbox: 'INBOX',
  Sent: 'SENT',
  Drafts: undefined,
  Archive: undefined,
  Junk: 'SPAM',
  Trash: 'TRASH',
};

/** Destination id of a folder kept as "no folder label" (All Mail). */
export const NO_FOLDER_LABEL = 'ALL_MAIL';

export const FLAG_LABELS = { unread: 'UNREAD', starred: 'STARRED', important: 'IMPORTANT' } as const;

/** Label ids that neither file nor flag a message (Gmail's inbox tabs, chats). */
export const isIgnoredSystemLabel = (id: string): boolean => id.startsWith('CATEGORY_') || id === 'CHAT';

export async function listLabels(ctx: AdapterContext): Promise<GmailLabel[]> {
  const answer = await googleRequest<GmailLabelList>(ctx, 'GET', `${GMAIL_API}/labels`);
  return answer.labels ?? [];
}

/** Names Gmail keeps for its own labels: a user label cannot have them, whatever the case ("Invalid label name"). */
const RESERVED_NAMES = new Set(['inbox', 'sent', 'draft', 'drafts', 'spam', 'trash', 'bin', 'starred', 'important', 'unread', 'chat', 'chats', 'all mail', 'allmail', 'muted', 'snoozed', 'scheduled', 'outbox']);

/** The label name a folder gets at Gmail: its own, unless Gmail reserves it (Outlook's "Outbox"): then "Outbox (folder)". */
export const userLabelName = (folder: string): string => (RESERVED_NAMES.has(folder.trim().toLowerCase()) ? `${folder} (folder)` : folder);

/** The user label for a folder, made when absent; a second call finds the one made by the first. */
export async function ensureUserLabel(ctx: AdapterContext, folder: string, known?: GmailLabel[]): Promise<string> {
  const name = userLabelName(folder);
  const same = (labels: GmailLabel[]) => labels.find((l) => l.type !== 'system' && l.name === name);
  const found = same(known ?? (await listLabels(ctx)));
  if (found) return found.id;
  try {
    const body = { name, labelListVisibility: 'labelShow', messageListVisibility: 'show' };
    return (await googleRequest<GmailLabel>(ctx, 'POST', `${GMAIL_API}/labels`, body)).id;
  } catch (error) {
    // 409 "Label name exists or conflicts": made meanwhile, by a request whose answer was lost.
    const made = error instanceof AdapterError && error.details.status === 409 ? same(await listLabels(ctx)) : undefined;
    if (made) return made.id;
    throw error;
  }
}
