/** Microsoft Graph v1.0 mail shapes Ferry reads and writes (https://learn.microsoft.com/graph/api/resources/message). */
export type { GraphCollection } from '../calendar/api-types';

export interface GraphMailFolder {
  id: string;
  displayName: string;
  parentFolderId?: string;
  childFolderCount?: number;
  totalItemCount?: number;
  isHidden?: boolean;
}

export interface GraphFollowupFlag {
  flagStatus: 'notFlagged' | 'complete' | 'flagged';
}

export interface GraphRecipient {
  emailAddress: { name?: string; address: string };
}

export interface GraphItemBody {
  contentType: 'text' | 'html';
  content: string;
}

export interface GraphMessage {
  id: string;
  internetMessageId?: string | null;
  subject?: string | null;
  sentDateTime?: string | null;
  receivedDateTime?: string | null;
  isRead?: boolean;
  isDraft?: boolean;
  flag?: GraphFollowupFlag;
  categories?: string[];
  importance?: 'low' | 'normal' | 'high';
  parentFolderId?: string;
}

/** A message created from JSON: what the MIME of a too-large message is rebuilt into. */
export interface GraphMessageInput {
  subject?: string;
  body?: GraphItemBody;
  from?: GraphRecipient;
  toRecipients?: GraphRecipient[];
  ccRecipients?: GraphRecipient[];
  bccRecipients?: GraphRecipient[];
  replyTo?: GraphRecipient[];
  internetMessageId?: string;
  importance?: 'low' | 'normal' | 'high';
  categories?: string[];
}

export interface GraphFileAttachment {
  '@odata.type': '#microsoft.graph.fileAttachment';
  name: string;
  contentType: string;
  contentBytes: string;
  isInline?: boolean;
  contentId?: string;
}

/** attachments/createUploadSession's body (https://learn.microsoft.com/graph/api/attachment-createuploadsession). */
export interface GraphAttachmentItem {
  attachmentType: 'file';
  name: string;
  size: number;
  contentType?: string;
  isInline?: boolean;
  contentId?: string;
}

export interface GraphUploadSession {
  uploadUrl: string;
  expirationDateTime?: string;
  nextExpectedRanges?: string[];
}
