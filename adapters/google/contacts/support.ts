/** What Ferry can do with Google Contacts (People API v1); README.md § contacts says why each value. */
import type { DataTypeSupport } from '../../../model/adapter';
import type { ContactField } from '../../../model/contact';
import { GoogleContactsExporter } from './export';
import { GoogleContactsImporter, MAX_CREATE_BATCH } from './import';

/** Model fields a Google contact holds (see the field table in README.md). */
const CONTACT_IMPORT_FIELDS: readonly ContactField[] = [
  'uid',
  'name.formatted',
  'name.given',
  'name.family',
  'name.middle',
  'name.prefix',
  'name.suffix',
  'name.phoneticGiven',
  'name.phoneticMiddle',
  'name.phoneticFamily',
  'nicknames',
  'emails',
  'emails.types',
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
  'urls.types',
  'note',
  'photo',
  'groups',
];

export const googleContacts: DataTypeSupport = {
  export: { create: (ctx) => new GoogleContactsExporter(ctx) },
  import: { create: (ctx) => new GoogleContactsImporter(ctx), batchSize: MAX_CREATE_BATCH, fields: CONTACT_IMPORT_FIELDS },
  scopes: {
    export: ['https://www.googleapis.com/auth/contacts.readonly'],
    import: ['https://www.googleapis.com/auth/contacts'],
  },
  // The People API allows 90 critical reads and 90 critical writes a minute per user (Cloud console quotas
  // "Critical read/write requests … per minute per user") and asks for one user's mutations in sequence:
  // one request at a time, 85 People API calls a minute, stays under both. Photo bytes come from
  // googleusercontent.com, outside those quotas: they cost nothing and do not wait 700 ms each.
  limits: { minIntervalMs: 0, maxConcurrency: 1, quota: { unitsPerSecond: 85 / 60, cost: peopleApiCalls } },
};

function peopleApiCalls({ url }: { url: string }): number {
  return url.includes('people.googleapis.com/') ? 1 : 0;
}
