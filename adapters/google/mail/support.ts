/** What Ferry can do with Gmail (field table and limits in adapters/google/README.md). */
import type { DataTypeSupport } from '../../../model/adapter';
import type { MailField } from '../../../model/mail';
import { GoogleMailExporter } from './export';
import { GoogleMailImporter } from './import';
import { GMAIL_QUOTA } from './quota';

const SCOPE = 'https://www.googleapis.com/auth/gmail';

/** Model fields a Gmail message holds; a draft arrives as a message (reported per item). */
const MAIL_IMPORT_FIELDS: readonly MailField[] = ['messageId', 'subject', 'date', 'folders', 'read', 'flagged', 'important'];

export const googleMail: DataTypeSupport = {
  export: { create: (ctx) => new GoogleMailExporter(ctx) },
  import: { create: (ctx) => new GoogleMailImporter(ctx), batchSize: 10, fields: MAIL_IMPORT_FIELDS },
  scopes: {
    export: [`${SCOPE}.readonly`],
    // insert: messages.import; labels: labels.create; readonly: the rfc822msgid: search that finds a message imported before.
    import: [`${SCOPE}.insert`, `${SCOPE}.labels`, `${SCOPE}.readonly`],
  },
  // 250 quota units per user per second; messages.import costs 25 units, messages.get and list 5
  // (https://developers.google.com/workspace/gmail/api/reference/quota): each request is spaced by its own
  // cost (quota.ts), so 50 reads or 10 imports a second. Gmail names no concurrency ceiling; 4 keeps bursts small.
  limits: { minIntervalMs: 0, maxConcurrency: 4, quota: GMAIL_QUOTA },
};
