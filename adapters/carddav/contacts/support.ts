/** What Ferry can do with CardDAV address books; README.md § contacts says why each value. */
import type { DataTypeSupport } from '../../../model/adapter';
import { CONTACT_FIELDS } from '../../../model/contact';
import { CardDavContactsExporter } from './export';
import { CardDavContactsImporter } from './import';

export const carddavContacts: DataTypeSupport = {
  export: { create: (ctx) => new CardDavContactsExporter(ctx) },
  // A CardDAV address book holds vCard itself: every model field has its property (README.md).
  import: { create: (ctx) => new CardDavContactsImporter(ctx), batchSize: 20, fields: CONTACT_FIELDS },
  scopes: { export: [], import: [] },
};
