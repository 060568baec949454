/** What Ferry can do with files in OneDrive (README.md, "Files"). */
import type { DataTypeSupport } from '../../../model/adapter';
import type { FileField } from '../../../model/file';
import { MicrosoftFilesExporter } from './export';
import { MicrosoftFilesImporter } from './import';
import { ONEDRIVE_LIMITS } from '../onedrive-limits';

/** Model fields a OneDrive file keeps: its place in the tree, bytes (so OneDrive's own hashes), both times and type. */
const FILES_IMPORT_FIELDS: readonly FileField[] = ['path', 'name', 'sizeBytes', 'modified', 'created', 'mimeType', 'hashes'];

export const microsoftFiles: DataTypeSupport = {
  export: { create: (ctx) => new MicrosoftFilesExporter(ctx) },
  import: { create: (ctx) => new MicrosoftFilesImporter(ctx), batchSize: 10, fields: FILES_IMPORT_FIELDS },
  scopes: { export: ['Files.Read'], import: ['Files.ReadWrite'] },
  limits: ONEDRIVE_LIMITS,
};
