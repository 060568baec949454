/**
 * Mail, as RFC 5322 messages. The message itself travels as raw MIME bytes, streamed: the model keeps
 * only what Ferry must know to file it (folders/labels, flags, date) and how to fetch the bytes.
 * Folders and labels are one list: Gmail's labels, Outlook's folder followed by its categories.
 */
export interface MailMessage {
  /** Message-ID header with its angle brackets, the stable key across providers; '' when the message has none. */
  messageId: string;
  subject: string;
  /** RFC 3339: the Date header, kept as the message date at the destination. */
  date: string;
  /**
   * Folder or label names, the first being the folder the message is filed in (a container); the rest are
   * further labels (Gmail) or categories (Outlook). System folders carry the names in MAIL_SYSTEM_FOLDERS.
   */
  folders: string[];
  read: boolean;
  /** Starred (Gmail) or flagged for follow-up (Outlook). */
  flagged: boolean;
  /** Gmail's IMPORTANT label, Outlook's high importance. */
  important: boolean;
  draft: boolean;
  /** Size of the raw message in bytes, as the source states it (Gmail's is an estimate). */
  sizeBytes?: number;
  /** Where to fetch the raw MIME (a provider URL the exporter understands). */
  rawSource: string;
}

/**
 * Folders every mailbox has, by the names the model gives them whatever the provider calls them
 * (Gmail's INBOX/SENT/DRAFT/SPAM/TRASH labels and "no label" for archived mail; Outlook's well-known folders).
 */
export const MAIL_SYSTEM_FOLDERS = ['Inbox', 'Sent', 'Drafts', 'Archive', 'Junk', 'Trash'] as const;
export type MailSystemFolder = (typeof MAIL_SYSTEM_FOLDERS)[number];

export const isSystemFolder = (name: string): name is MailSystemFolder => (MAIL_SYSTEM_FOLDERS as readonly string[]).includes(name);

/** Model field paths of a message (the bytes themselves always travel whole). */
export const MAIL_FIELDS = ['messageId', 'subject', 'date', 'folders', 'read', 'flagged', 'important', 'draft'] as const;
export type MailField = (typeof MAIL_FIELDS)[number];
