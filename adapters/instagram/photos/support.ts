/** What Ferry can do with the photos of an Instagram export: export only (README.md, "Photos"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { InstagramPhotosExporter } from './export';

export const instagramPhotos: DataTypeSupport = {
  export: { create: (ctx) => new InstagramPhotosExporter(ctx) },
  scopes: { export: [], import: [] },
};
