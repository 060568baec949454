/** Graph's JSON of stored folders, messages and attachments. */
import type { StoredAttachment, StoredFolder, StoredMail, OutlookMailbox } from './store';

export const presentFolder = (mailbox: OutlookMailbox, f: StoredFolder): Record<string, unknown> => {
  const messages = mailbox.messagesIn(f.id);
  return {
    id: f.id,
    displayName: f.displayName,
    parentFolderId: f.parentFolderId,
    childFolderCount: mailbox.childrenOf(f.id).length,
    unreadItemCount: messages.filter((m) => !m.isRead).length,
    totalItemCount: messages.length,
    isHidden: f.isHidden,
  };
};

const preview = (m: StoredMail): string =>
  m.body.content.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 255);

export const presentMessage = (m: StoredMail): Record<string, unknown> => ({
  '@odata.etag': `W/"${m.lastModifiedDateTime}"`,
  id: m.id,
  createdDateTime: m.createdDateTime,
  lastModifiedDateTime: m.lastModifiedDateTime,
  changeKey: Buffer.from(m.lastModifiedDateTime).toString('base64'),
  categories: [...m.categories],
  receivedDateTime: m.receivedDateTime,
  sentDateTime: m.sentDateTime,
  // Worked out only when read: a $filter over a large folder presents every message and reads one property.
  get hasAttachments() {
    return m.attachments.some((a) => !a.isInline) || Boolean(m.mime && /^content-disposition:\s*attachment/im.test(m.mime.toString('latin1')));
  },
  internetMessageId: m.internetMessageId,
  subject: m.subject,
  get bodyPreview() {
    return preview(m);
  },
  importance: m.importance,
  parentFolderId: m.folderId,
  conversationId: `AAQk${Buffer.from(m.subject.replace(/^(re|fwd?):\s*/i, '')).toString('base64').slice(0, 40)}=`,
  isDeliveryReceiptRequested: false,
  isReadReceiptRequested: false,
  isRead: m.isRead,
  isDraft: m.isDraft,
  webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(m.id)}&exvsurl=1&viewmodel=ReadMessageItem`,
  inferenceClassification: 'focused',
  body: { ...m.body },
  sender: m.from ?? null,
  from: m.from ?? null,
  toRecipients: m.toRecipients,
  ccRecipients: m.ccRecipients,
  bccRecipients: m.bccRecipients,
  replyTo: m.replyTo,
  flag: { ...m.flag },
});

export const presentAttachment = (a: StoredAttachment, withBytes: boolean): Record<string, unknown> => ({
  '@odata.type': '#microsoft.graph.fileAttachment',
  id: a.id,
  lastModifiedDateTime: a.lastModifiedDateTime,
  name: a.name,
  contentType: a.contentType,
  size: a.bytes.length,
  isInline: a.isInline,
  contentId: a.contentId ?? null,
  contentLocation: null,
  ...(withBytes && { contentBytes: a.bytes.toString('base64') }),
});
