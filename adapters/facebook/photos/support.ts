/** What Ferry can do with the photos of a Facebook export: export only (README.md, "Photos"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { FacebookPhotosExporter } from './export';

export const facebookPhotos: DataTypeSupport = {
  export: { create: (ctx) => new FacebookPhotosExporter(ctx) },
  scopes: { export: [], import: [] },
};
