/** The Ferry archive's contacts: read from a chosen archive, written into a new one (README.md, "Layout"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { ArchiveContactsExporter } from './export';
import { ArchiveContactsImporter, CONTACTS_FIELDS_KEPT } from './import';

export const archiveContacts: DataTypeSupport = {
  export: { create: (ctx) => new ArchiveContactsExporter(ctx) },
  import: { create: (ctx) => new ArchiveContactsImporter(ctx), batchSize: 50, fields: CONTACTS_FIELDS_KEPT },
  scopes: { export: [], import: [] },
};
