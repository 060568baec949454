/** What Ferry can do with the mail of a Takeout: export only (README.md, "Mail"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { TakeoutMailExporter } from './export';

export const takeoutMail: DataTypeSupport = {
  export: { create: (ctx) => new TakeoutMailExporter(ctx) },
  scopes: { export: [], import: [] },
};
