/** Gmail API v1 shapes Ferry reads and writes (https://developers.google.com/workspace/gmail/api/reference/rest). */

export interface GmailLabel {
  id: string;
  name: string;
  type?: 'system' | 'user';
  messageListVisibility?: 'show' | 'hide';
  labelListVisibility?: 'labelShow' | 'labelShowIfUnread' | 'labelHide';
}

export interface GmailLabelList {
  labels?: GmailLabel[];
}

export interface GmailHeader {
  name: string;
  value: string;
}

/** A message as messages.get answers it with format=metadata (payload holds only the headers asked for). */
export interface GmailMessage {
  id: string;
  threadId?: string;
  labelIds?: string[];
  snippet?: string;
  sizeEstimate?: number;
  historyId?: string;
  /** Epoch milliseconds, as a string. */
  internalDate?: string;
  payload?: { headers?: GmailHeader[] };
}

export interface GmailMessageList {
  messages?: { id: string; threadId?: string }[];
  nextPageToken?: string;
  resultSizeEstimate?: number;
}

/** The metadata part of a media upload to messages.import. */
export interface GmailImportMetadata {
  labelIds: string[];
}
