/**
 * A Google contact (People API Person) ↔ the model contact. The source key and the vCard UID travel in
 * clientData, which Google keeps per app and shows nowhere; groups travel as memberships, by resource name.
 * https://developers.google.com/people/api/rest/v1/people#Person
 */
import type { LostField } from '../../../model/adapter';
import type { Contact, PartialDate, PostalAddress, Typed } from '../../../model/contact';
import type { PeopleDate, Person, PersonAddress, TypedValue } from './api-types';

export const SOURCE_KEY = 'FerrySourceKey';
export const UID_KEY = 'FerryUid';
/** The person fields Ferry reads (connections.list and batchCreateContacts need them named). */
export const PERSON_FIELDS =
  'names,nicknames,emailAddresses,phoneNumbers,addresses,organizations,birthdays,events,urls,biographies,photos,memberships,clientData,metadata';

/** Google's phone types ↔ vCard TYPE values (People API PhoneNumber.type lists Google's). */
const PHONE_TYPES: [string, string[]][] = [
  ['mobile', ['cell']],
  ['homeFax', ['home', 'fax']],
  ['workFax', ['work', 'fax']],
  ['otherFax', ['fax']],
  ['workMobile', ['work', 'cell']],
  ['workPager', ['work', 'pager']],
  ['pager', ['pager']],
  ['main', ['main']],
  ['home', ['home']],
  ['work', ['work']],
  ['other', ['other']],
];
/** Types Google's own apps offer for emails, addresses and websites; anything else is kept as a custom label. */
const PLAIN_TYPES = new Set(['home', 'work', 'other']);
const URL_TYPES = new Set(['home', 'work', 'other', 'blog', 'profile', 'homePage', 'ftp', 'reservations', 'appInstallPage']);

const primary = (field: { metadata?: { primary?: boolean } }) => field.metadata?.primary === true;

function modelTypesOfPhone(type: string | undefined): string[] {
  if (!type) return [];
  return PHONE_TYPES.find(([google]) => google === type)?.[1] ?? [type.toLowerCase()];
}

function googleTypeOfPhone(types: string[]): string | undefined {
  const set = new Set(types);
  const exact = PHONE_TYPES.find(([, vcard]) => vcard.every((t) => set.has(t)) && vcard.length === Math.min(set.size, 2));
  return exact?.[0] ?? PHONE_TYPES.find(([, vcard]) => vcard.every((t) => set.has(t)))?.[0] ?? types[0];
}

function typedOf(field: TypedValue): Typed<string> {
  const typed: Typed<string> = { value: field.value ?? '', types: field.type ? [field.type.toLowerCase()] : [] };
  if (primary(field)) typed.preferred = true;
  return typed;
}

const dateOf = (date: PeopleDate | undefined): PartialDate | undefined =>
  date?.month && date.day ? { ...(date.year ? { year: date.year } : {}), month: date.month, day: date.day } : undefined;

function addressOf(a: PersonAddress): Typed<PostalAddress> {
  const value: PostalAddress = {};
  const parts: [keyof PostalAddress, string | undefined][] = [
    ['street', a.streetAddress],
    ['extended', a.extendedAddress],
    ['poBox', a.poBox],
    ['locality', a.city],
    ['region', a.region],
    ['postalCode', a.postalCode],
    ['country', a.country],
  ];
  for (const [key, v] of parts) if (v) value[key] = v;
  if (Object.keys(value).length === 0 && a.formattedValue) value.street = a.formattedValue;
  const typed: Typed<PostalAddress> = { value, types: a.type ? [a.type.toLowerCase()] : [] };
  if (primary(a)) typed.preferred = true;
  return typed;
}

/** The model contact of a Person; `groupNames` names the person's user groups by resource name. */
export function fromPerson(person: Person, groupNames: ReadonlyMap<string, string>): Contact {
  const name = person.names?.[0] ?? {};
  const org = person.organizations?.[0];
  const clientValue = (key: string) => person.clientData?.find((d) => d.key === key)?.value;
  const contact: Contact = {
    uid: clientValue(UID_KEY) ?? person.resourceName ?? '',
    name: { formatted: name.displayName ?? name.unstructuredName ?? '' },
    nicknames: (person.nicknames ?? []).map((n) => n.value ?? '').filter(Boolean),
    emails: (person.emailAddresses ?? []).map(typedOf).filter((e) => e.value),
    phones: (person.phoneNumbers ?? []).map((p) => ({ ...typedOf(p), types: modelTypesOfPhone(p.type) })).filter((p) => p.value),
    addresses: (person.addresses ?? []).map(addressOf).filter((a) => Object.keys(a.value).length),
    urls: (person.urls ?? []).map(typedOf).filter((u) => u.value),
    groups: (person.memberships ?? []).flatMap((m) => {
      const group = groupNames.get(m.contactGroupMembership?.contactGroupResourceName ?? '');
      return group ? [group] : [];
    }),
  };
  const nameParts = {
    given: name.givenName,
    family: name.familyName,
    middle: name.middleName,
    prefix: name.honorificPrefix,
    suffix: name.honorificSuffix,
    phoneticGiven: name.phoneticGivenName,
    phoneticMiddle: name.phoneticMiddleName,
    phoneticFamily: name.phoneticFamilyName,
  };
  for (const [key, value] of Object.entries(nameParts)) if (value) contact.name[key as keyof typeof nameParts] = value;
  const optional: Partial<Contact> = {
    organization: org?.name || undefined,
    department: org?.department || undefined,
    title: org?.title || undefined,
    birthday: dateOf(person.birthdays?.find((b) => b.date)?.date),
    anniversary: dateOf(person.events?.find((e) => e.type?.toLowerCase() === 'anniversary')?.date),
    note: person.biographies?.[0]?.value || undefined,
    updated: person.metadata?.sources?.find((s) => s.type === 'CONTACT')?.updateTime,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (contact as unknown as Record<string, unknown>)[key] = value;
  const photo = person.photos?.find((p) => !p.default && p.url);
  if (photo?.url) contact.photo = { contentType: 'image/jpeg', sourceUrl: photo.url };
  return contact;
}

const withPrimary = <T extends object>(field: T, preferred: boolean | undefined): T => (preferred ? { ...field, metadata: { sourcePrimary: true } } : field);
const peopleDate = (d: PartialDate): PeopleDate => ({ ...(d.year ? { year: d.year } : {}), month: d.month, day: d.day });

function plainType(types: string[], allowed: Set<string>): string | undefined {
  return types.find((t) => allowed.has(t)) ?? types[0];
}

/**
 * The Person to create for a model contact (without photo, which goes up on its own), and what Google
 * cannot hold of it. `groupResourceNames` names each of the contact's groups at Google.
 */
export function toPerson(contact: Contact, sourceKey: string, groupResourceNames: ReadonlyMap<string, string>): { person: Person; lost: LostField[] } {
  const lost: LostField[] = [];
  const n = contact.name;
  const structured = Boolean(n.given || n.family || n.middle || n.prefix || n.suffix);
  const name = structured
    ? {
        givenName: n.given,
        familyName: n.family,
        middleName: n.middle,
        honorificPrefix: n.prefix,
        honorificSuffix: n.suffix,
      }
    : { unstructuredName: n.formatted || undefined };
  const phonetic = { phoneticGivenName: n.phoneticGiven, phoneticMiddleName: n.phoneticMiddle, phoneticFamilyName: n.phoneticFamily };
  const names = [Object.fromEntries(Object.entries({ ...name, ...phonetic }).filter(([, v]) => v))];
  const person: Person = {
    names: Object.keys(names[0]!).length ? names : [],
    nicknames: contact.nicknames.map((value) => ({ value })),
    emailAddresses: contact.emails.map((e) => withPrimary({ value: e.value, type: plainType(e.types, PLAIN_TYPES) }, e.preferred)),
    phoneNumbers: contact.phones.map((p) => withPrimary({ value: p.value, type: googleTypeOfPhone(p.types) }, p.preferred)),
    addresses: contact.addresses.map((a) =>
      withPrimary(
        {
          streetAddress: a.value.street,
          extendedAddress: a.value.extended,
          poBox: a.value.poBox,
          city: a.value.locality,
          region: a.value.region,
          postalCode: a.value.postalCode,
          country: a.value.country,
          type: plainType(a.types, PLAIN_TYPES),
        },
        a.preferred,
      ),
    ),
    urls: contact.urls.map((u) => ({ value: u.value, type: plainType(u.types, URL_TYPES) })),
    memberships: contact.groups.flatMap((group) => {
      const resourceName = groupResourceNames.get(group);
      return resourceName ? [{ contactGroupMembership: { contactGroupResourceName: resourceName } }] : [];
    }),
    clientData: [
      { key: SOURCE_KEY, value: sourceKey },
      { key: UID_KEY, value: contact.uid },
    ],
  };
  if (contact.organization || contact.department || contact.title) {
    person.organizations = [{ name: contact.organization, department: contact.department, title: contact.title }];
  }
  if (contact.birthday) person.birthdays = [{ date: peopleDate(contact.birthday) }];
  if (contact.anniversary) person.events = [{ type: 'anniversary', date: peopleDate(contact.anniversary) }];
  if (contact.note) person.biographies = [{ value: contact.note, contentType: 'TEXT_PLAIN' }];
  const collections = { emails: contact.emails, addresses: contact.addresses, urls: contact.urls };
  for (const [field, entries] of Object.entries(collections)) {
    const extra = entries.find((e) => e.types.length > 1);
    if (extra) lost.push({ field: `${field}.types`, reason: `Google keeps one type per entry: "${extra.types.slice(1).join(', ')}" was dropped` });
  }
  return { person: JSON.parse(JSON.stringify(person)) as Person, lost };
}
