/** The Ferry archive's photos: read from a chosen archive, written into a new one (README.md, "Layout"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { ArchivePhotosExporter } from './export';
import { ArchivePhotosImporter, PHOTOS_FIELDS_KEPT } from './import';

export const archivePhotos: DataTypeSupport = {
  export: { create: (ctx) => new ArchivePhotosExporter(ctx) },
  import: { create: (ctx) => new ArchivePhotosImporter(ctx), batchSize: 50, fields: PHOTOS_FIELDS_KEPT },
  scopes: { export: [], import: [] },
};
