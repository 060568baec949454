/** What Ferry can do with files on a WebDAV server (README.md, "Files"). */
import type { DataTypeSupport } from '../../../model/adapter';
import type { FileField } from '../../../model/file';
import { WebdavFilesExporter } from './export';
import { WebdavFilesImporter } from './import';

/**
 * Model fields a WebDAV server keeps: the tree, names, bytes (so its own checksums) and type. The modified time is
 * kept where the server honours X-OC-Mtime (Nextcloud, ownCloud) and reported lost per file where not; no WebDAV
 * server lets a client set a creation time.
 */
const FILES_IMPORT_FIELDS: readonly FileField[] = ['path', 'name', 'sizeBytes', 'modified', 'mimeType', 'hashes'];

export const webdavFiles: DataTypeSupport = {
  export: { create: (ctx) => new WebdavFilesExporter(ctx) },
  import: { create: (ctx) => new WebdavFilesImporter(ctx), batchSize: 10, fields: FILES_IMPORT_FIELDS },
  // A password connection has no scopes: the account may do what its password allows.
  scopes: { export: [], import: [] },
};
