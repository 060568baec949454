/** What Ferry can do with the Google Photos of a Takeout: export only (README.md, "Photos"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { TakeoutPhotosExporter } from './export';

export const takeoutPhotos: DataTypeSupport = {
  export: { create: (ctx) => new TakeoutPhotosExporter(ctx) },
  scopes: { export: [], import: [] },
};
