/** What Ferry can do with Google Photos (README.md, "Photos and videos"). */
import type { DataTypeSupport } from '../../../model/adapter';
import type { MediaField } from '../../../model/media';
import { GooglePhotosExporter } from './export';
import { GooglePhotosImporter, MAX_BATCH_CREATE } from './import';

const AUTH = 'https://www.googleapis.com/auth';

/** Model fields Google Photos keeps on import; capture time and place only as far as the file itself holds them (reported per item). */
const PHOTOS_IMPORT_FIELDS: readonly MediaField[] = ['fileName', 'mimeType', 'sizeBytes', 'captureTime', 'description', 'location', 'albumOrder', 'width', 'height', 'duration'];

export const googlePhotos: DataTypeSupport = {
  export: { create: (ctx) => new GooglePhotosExporter(ctx) },
  import: { create: (ctx) => new GooglePhotosImporter(ctx), batchSize: MAX_BATCH_CREATE, fields: PHOTOS_IMPORT_FIELDS },
  scopes: {
    export: [`${AUTH}/photospicker.mediaitems.readonly`],
    import: [`${AUTH}/photoslibrary.appendonly`, `${AUTH}/photoslibrary.readonly.appcreateddata`],
  },
  // batchCreate must run serially per user (upload-media, "best practices"): the importer makes them wait for
  // one another, while uploads go four at a time. Google publishes only a per-project daily quota (10,000
  // requests), and 10 a second keeps a burst of uploads polite.
  limits: { minIntervalMs: 100, maxConcurrency: 4 },
};
