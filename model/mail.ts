/**
 * Mail, as RFC 5322 messages. The message itself travels as raw MIME bytes, streamed: the model keeps
 * only what Ferry must know to file it (folders/labels, flags, date) and how to fetch the bytes.
 */
export interface MailMessage {
  /** Message-ID header, the stable key across providers. */
  messageId: string;
  subject: string;
  /** RFC 3339: the Date header, kept as the message date at the destination. */
  date: string;
  /** Folder or label names, the first being the primary folder. */
  folders: string[];
  read: boolean;
  flagged: boolean;
  draft: boolean;
  sizeBytes: number;
  /** Where to fetch the raw MIME (a provider URL the exporter understands). */
  rawSource: string;
}
