/** What Ferry can do with Outlook mail through Graph (field table and limits in adapters/microsoft/README.md). */
import type { DataTypeSupport } from '../../../model/adapter';
import type { MailField } from '../../../model/mail';
import { MAX_BATCH_REQUESTS } from '../client';
import { MicrosoftMailExporter } from './export';
import { MicrosoftMailImporter } from './import';

/**
 * Model fields an Outlook message holds. `draft` is not among them: Graph makes every imported message a
 * draft, which is reported per item with the received time that becomes the time of import.
 */
const MAIL_IMPORT_FIELDS: readonly MailField[] = ['messageId', 'subject', 'date', 'folders', 'read', 'flagged', 'important'];

export const microsoftMail: DataTypeSupport = {
  export: { create: (ctx) => new MicrosoftMailExporter(ctx) },
  // A batch's lookups, creates and state updates each fill one $batch.
  import: { create: (ctx) => new MicrosoftMailImporter(ctx), batchSize: MAX_BATCH_REQUESTS, fields: MAIL_IMPORT_FIELDS },
  scopes: { export: ['Mail.Read'], import: ['Mail.ReadWrite'] },
};
