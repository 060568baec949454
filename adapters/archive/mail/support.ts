/** The Ferry archive's mail: read from a chosen archive, written into a new one (README.md, "Layout"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { ArchiveMailExporter } from './export';
import { ArchiveMailImporter, MAIL_FIELDS_KEPT } from './import';

export const archiveMail: DataTypeSupport = {
  export: { create: (ctx) => new ArchiveMailExporter(ctx) },
  import: { create: (ctx) => new ArchiveMailImporter(ctx), batchSize: 50, fields: MAIL_FIELDS_KEPT },
  scopes: { export: [], import: [] },
};
