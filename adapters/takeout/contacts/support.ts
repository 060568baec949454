/** What Ferry can do with the contacts of a Takeout: export only (README.md, "Contacts"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { TakeoutContactsExporter } from './export';

export const takeoutContacts: DataTypeSupport = {
  export: { create: (ctx) => new TakeoutContactsExporter(ctx) },
  scopes: { export: [], import: [] },
};
