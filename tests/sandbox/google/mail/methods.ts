/**
 * The Gmail API methods the sandbox serves, as the discovery document (gmail-v1.json) describes them:
 * the scopes that authorise each, its query parameters, and its cost in quota units
 * (https://developers.google.com/workspace/gmail/api/reference/quota).
 */
import type { ParamSpecs } from '../calendar/query-params';

const MAIL = 'https://mail.google.com/';
const G = 'https://www.googleapis.com/auth/gmail';

export type GmailMethodId = 'labels.list' | 'labels.get' | 'labels.create' | 'messages.list' | 'messages.get' | 'messages.import';

export const GMAIL_METHOD_SCOPES: Readonly<Record<GmailMethodId, readonly string[]>> = {
  'labels.list': [MAIL, `${G}.labels`, `${G}.metadata`, `${G}.modify`, `${G}.readonly`],
  'labels.get': [MAIL, `${G}.labels`, `${G}.metadata`, `${G}.modify`, `${G}.readonly`],
  'labels.create': [MAIL, `${G}.labels`, `${G}.modify`],
  'messages.list': [MAIL, `${G}.metadata`, `${G}.modify`, `${G}.readonly`],
  'messages.get': [
    MAIL,
    `${G}.addons.current.message.action`,
    `${G}.addons.current.message.metadata`,
    `${G}.addons.current.message.readonly`,
    `${G}.metadata`,
    `${G}.modify`,
    `${G}.readonly`,
  ],
  'messages.import': [MAIL, `${G}.insert`, `${G}.modify`],
};

/** Scopes that see only labels and headers: `q` and format=raw|full are refused with them (discovery document). */
export const METADATA_ONLY_SCOPES = [`${G}.metadata`, `${G}.addons.current.message.metadata`];

export const GMAIL_QUOTA_UNITS: Readonly<Record<GmailMethodId, number>> = {
  'labels.list': 1,
  'labels.get': 1,
  'labels.create': 5,
  'messages.list': 5,
  'messages.get': 5,
  'messages.import': 25,
};

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;

export const GMAIL_PARAMS: Readonly<Record<GmailMethodId, ParamSpecs>> = {
  'labels.list': {},
  'labels.get': {},
  'labels.create': {},
  'messages.list': { includeSpamTrash: bool, labelIds: { type: 'string', repeated: true }, maxResults: { type: 'integer' }, pageToken: str, q: str },
  'messages.get': { format: { type: 'string', enum: ['minimal', 'full', 'raw', 'metadata'] }, metadataHeaders: { type: 'string', repeated: true } },
  'messages.import': {
    deleted: bool,
    internalDateSource: { type: 'string', enum: ['receivedTime', 'dateHeader'] },
    neverMarkSpam: bool,
    processForCalendar: bool,
  },
};

/** Parameters every Gmail method takes (the document's top-level `parameters`), beyond those the calendar's reader knows. */
export const GMAIL_STANDARD_PARAMS: ParamSpecs = {
  '$.xgafv': { type: 'string', enum: ['1', '2'] },
  callback: str,
  uploadType: str,
  upload_protocol: str,
};

/** messages.list's largest page ("Maximum number of messages to return. This field defaults to 100. The maximum allowed value for this field is 500."). */
export const MAX_LIST_RESULTS = 500;
/** messages.import's mediaUpload.maxSize. */
export const MAX_MESSAGE_BYTES = 157_286_400;
