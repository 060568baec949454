/** The Ferry archive's files: read from a chosen archive, written into a new one (README.md, "Layout"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { ArchiveFilesExporter } from './export';
import { ArchiveFilesImporter, FILES_FIELDS_KEPT } from './import';

export const archiveFiles: DataTypeSupport = {
  export: { create: (ctx) => new ArchiveFilesExporter(ctx) },
  import: { create: (ctx) => new ArchiveFilesImporter(ctx), batchSize: 50, fields: FILES_FIELDS_KEPT },
  scopes: { export: [], import: [] },
};
