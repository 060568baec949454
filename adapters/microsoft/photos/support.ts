/** What Ferry can do with photos and videos in OneDrive (README.md, "Photos and videos"). */
import type { DataTypeSupport } from '../../../model/adapter';
import type { MediaField } from '../../../model/media';
import { MicrosoftPhotosExporter } from './export';
import { MicrosoftPhotosImporter } from './import';
import { ONEDRIVE_LIMITS } from '../onedrive-limits';

/** Model fields a OneDrive file keeps: the bytes (EXIF, so place and camera), its times and description; no order. */
const PHOTOS_IMPORT_FIELDS: readonly MediaField[] = ['fileName', 'mimeType', 'sizeBytes', 'captureTime', 'description', 'location', 'width', 'height', 'duration'];

export const microsoftPhotos: DataTypeSupport = {
  export: { create: (ctx) => new MicrosoftPhotosExporter(ctx) },
  import: { create: (ctx) => new MicrosoftPhotosImporter(ctx), batchSize: 10, fields: PHOTOS_IMPORT_FIELDS },
  scopes: { export: ['Files.Read'], import: ['Files.ReadWrite'] },
  limits: ONEDRIVE_LIMITS,
};
