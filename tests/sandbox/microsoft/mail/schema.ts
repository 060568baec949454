/**
 * The parts of Graph's message and mailFolder types the sandbox serves, as the CSDL names them
 * (microsoft.graph.message with its outlookItem base; microsoft.graph.mailFolder); checked by mail-schema.test.ts.
 */
export const MESSAGE_PROPERTIES = [
  'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'receivedDateTime', 'sentDateTime',
  'hasAttachments', 'internetMessageId', 'subject', 'bodyPreview', 'importance', 'parentFolderId', 'conversationId',
  'isDeliveryReceiptRequested', 'isReadReceiptRequested', 'isRead', 'isDraft', 'webLink', 'inferenceClassification',
  'body', 'sender', 'from', 'toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo', 'flag',
] as const;

/** Properties a message may be created with from JSON (navigation properties aside). */
export const MESSAGE_WRITABLE = [
  'categories', 'subject', 'body', 'from', 'sender', 'toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo',
  'internetMessageId', 'importance', 'isRead', 'isDeliveryReceiptRequested', 'isReadReceiptRequested', 'flag',
  'inferenceClassification',
] as const;

/** What PATCH may change on a message that is not a draft; a draft takes every writable property. */
export const MESSAGE_UPDATABLE_SENT = ['categories', 'importance', 'isRead', 'flag', 'inferenceClassification', 'isDeliveryReceiptRequested', 'isReadReceiptRequested'] as const;

export const MAIL_FOLDER_PROPERTIES = ['id', 'displayName', 'parentFolderId', 'childFolderCount', 'unreadItemCount', 'totalItemCount', 'isHidden'] as const;

export const FILE_ATTACHMENT_PROPERTIES = ['id', 'lastModifiedDateTime', 'name', 'contentType', 'size', 'isInline', 'contentId', 'contentLocation', 'contentBytes'] as const;

/** attachmentItem, the body of createUploadSession. */
export const ATTACHMENT_ITEM_PROPERTIES = ['attachmentType', 'contentId', 'contentType', 'isInline', 'name', 'size'] as const;

export const ENUMS = {
  'graph.importance': ['low', 'normal', 'high'],
  'graph.followupFlagStatus': ['notFlagged', 'complete', 'flagged'],
  'graph.bodyType': ['text', 'html'],
  'graph.attachmentType': ['file', 'item', 'reference'],
} as const;
