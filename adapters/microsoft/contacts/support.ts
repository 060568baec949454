/** What Ferry can do with Outlook contacts (Graph v1.0); README.md § contacts says why each value. */
import type { DataTypeSupport } from '../../../model/adapter';
import type { ContactField } from '../../../model/contact';
import { MicrosoftContactsExporter } from './export';
import { IMPORT_BATCH_SIZE, MicrosoftContactsImporter } from './import';

/** Model fields an Outlook contact holds (see the field table in README.md); the rest is reported lost. */
const CONTACT_IMPORT_FIELDS: readonly ContactField[] = [
  'uid',
  'name.formatted',
  'name.given',
  'name.family',
  'name.middle',
  'name.prefix',
  'name.suffix',
  'name.phoneticGiven',
  'name.phoneticFamily',
  'nicknames',
  'emails',
  'phones',
  'phones.types',
  'addresses',
  'addresses.types',
  'organization',
  'department',
  'title',
  'birthday',
  'anniversary',
  'urls',
  'note',
  'photo',
  'groups',
];

export const microsoftContacts: DataTypeSupport = {
  export: { create: (ctx) => new MicrosoftContactsExporter(ctx) },
  import: { create: (ctx) => new MicrosoftContactsImporter(ctx), batchSize: IMPORT_BATCH_SIZE, fields: CONTACT_IMPORT_FIELDS },
  scopes: { export: ['Contacts.Read'], import: ['Contacts.ReadWrite'] },
};
