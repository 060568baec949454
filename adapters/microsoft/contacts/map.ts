/**
 * An Outlook contact (Graph v1.0) ↔ the model contact. Outlook has fixed slots, not typed lists: three
 * e-mail addresses, a mobile, two home and two business phones, one home, business and other address, one
 * web page, one nickname; birthdays and anniversaries are full dates. What does not fit is reported lost.
 * https://learn.microsoft.com/graph/api/resources/contact
 */
import type { LostField } from '../../../model/adapter';
import type { Contact, PartialDate, PostalAddress, Typed } from '../../../model/contact';
import type { GraphContact, GraphExtendedProperty, GraphPhysicalAddress } from './api-types';
import {
  ANNIVERSARY_PROPERTY,
  BUSINESS_FAX_PROPERTY,
  HOME_FAX_PROPERTY,
  OTHER_PHONE_PROPERTY,
  PAGER_PROPERTY,
  UID_PROPERTY,
  property,
  propertyValue,
} from './extended-properties';

/** The contact properties an export reads. */
export const CONTACT_SELECT = [
  'id', 'parentFolderId', 'displayName', 'givenName', 'middleName', 'surname', 'title', 'generation', 'nickName',
  'yomiGivenName', 'yomiSurname', 'emailAddresses', 'homePhones', 'businessPhones', 'mobilePhone', 'homeAddress',
  'businessAddress', 'otherAddress', 'companyName', 'department', 'jobTitle', 'birthday', 'businessHomePage',
  'personalNotes', 'categories', 'lastModifiedDateTime',
].join(',');

const MAX_EMAILS = 3;
const MAX_SLOT_PHONES = 2;
type AddressSlot = 'homeAddress' | 'businessAddress' | 'otherAddress';
const ADDRESS_SLOTS: [AddressSlot, string][] = [
  ['homeAddress', 'home'],
  ['businessAddress', 'work'],
  ['otherAddress', 'other'],
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (d: PartialDate & { year: number }) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T00:00:00Z`;

/** A date Outlook keeps as a moment: its calendar date as written (Outlook writes midnight UTC or local noon). */
function partialDateOf(value: string | null | undefined): PartialDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
}

function addressOf(a: GraphPhysicalAddress | undefined, type: string): Typed<PostalAddress> | undefined {
  if (!a) return undefined;
  const value: PostalAddress = {};
  const parts: [keyof PostalAddress, string | null | undefined][] = [
    ['street', a.street],
    ['locality', a.city],
    ['region', a.state],
    ['postalCode', a.postalCode],
    ['country', a.countryOrRegion],
  ];
  for (const [key, v] of parts) if (v) value[key] = v;
  return Object.keys(value).length ? { value, types: [type] } : undefined;
}

/** The model contact of an Outlook contact; `folderName` is set when it sits in a folder of its own. */
export function fromGraphContact(c: GraphContact, folderName?: string): Contact {
  const phone = (value: string | null | undefined, types: string[]): Typed<string>[] => (value ? [{ value, types }] : []);
  const contact: Contact = {
    uid: propertyValue(c, UID_PROPERTY) ?? c.id,
    name: { formatted: c.displayName ?? '' },
    nicknames: c.nickName ? [c.nickName] : [],
    emails: (c.emailAddresses ?? []).flatMap((e) => (e.address ? [{ value: e.address, types: [] }] : [])),
    phones: [
      ...phone(c.mobilePhone, ['cell']),
      ...(c.homePhones ?? []).flatMap((p) => phone(p, ['home'])),
      ...(c.businessPhones ?? []).flatMap((p) => phone(p, ['work'])),
      ...phone(propertyValue(c, HOME_FAX_PROPERTY), ['home', 'fax']),
      ...phone(propertyValue(c, BUSINESS_FAX_PROPERTY), ['work', 'fax']),
      ...phone(propertyValue(c, PAGER_PROPERTY), ['pager']),
      ...phone(propertyValue(c, OTHER_PHONE_PROPERTY), ['other']),
    ],
    addresses: ADDRESS_SLOTS.flatMap(([slot, type]) => addressOf(c[slot], type) ?? []),
    urls: c.businessHomePage ? [{ value: c.businessHomePage, types: [] }] : [],
    groups: [...new Set([...(c.categories ?? []), ...(folderName ? [folderName] : [])])],
  };
  const nameParts = {
    given: c.givenName,
    middle: c.middleName,
    family: c.surname,
    prefix: c.title,
    suffix: c.generation,
    phoneticGiven: c.yomiGivenName,
    phoneticFamily: c.yomiSurname,
  };
  for (const [key, value] of Object.entries(nameParts)) if (value) contact.name[key as keyof typeof nameParts] = value;
  const optional: Partial<Contact> = {
    organization: c.companyName || undefined,
    department: c.department || undefined,
    title: c.jobTitle || undefined,
    birthday: partialDateOf(c.birthday),
    anniversary: partialDateOf(propertyValue(c, ANNIVERSARY_PROPERTY)),
    note: c.personalNotes || undefined,
    updated: c.lastModifiedDateTime ? c.lastModifiedDateTime.replace(/\.\d+Z$/, 'Z') : undefined,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (contact as unknown as Record<string, unknown>)[key] = value;
  return contact;
}

interface PhoneSlots {
  mobilePhone?: string;
  homePhones: string[];
  businessPhones: string[];
  extended: GraphExtendedProperty[];
  dropped: string[];
}

function slotPhones(phones: Typed<string>[]): PhoneSlots {
  const slots: PhoneSlots = { homePhones: [], businessPhones: [], extended: [], dropped: [] };
  const single = new Map<string, string>();
  const place = (p: Typed<string>): boolean => {
    const t = new Set(p.types);
    const one = (id: string) => (single.has(id) ? false : (single.set(id, p.value), true));
    if (t.has('fax')) return one(t.has('home') ? HOME_FAX_PROPERTY : BUSINESS_FAX_PROPERTY);
    if (t.has('pager')) return one(PAGER_PROPERTY);
    if (t.has('cell') && !slots.mobilePhone) return (slots.mobilePhone = p.value), true;
    if (t.has('home') && slots.homePhones.length < MAX_SLOT_PHONES) return slots.homePhones.push(p.value), true;
    if (t.has('work') && slots.businessPhones.length < MAX_SLOT_PHONES) return slots.businessPhones.push(p.value), true;
    return one(OTHER_PHONE_PROPERTY);
  };
  for (const p of phones) if (!place(p)) slots.dropped.push(p.value);
  slots.extended = [...single].map(([id, value]) => property(id, value));
  return slots;
}

function graphAddress(a: PostalAddress): GraphPhysicalAddress {
  const street = [a.street, a.extended, a.poBox].filter(Boolean).join('\n');
  return { street, city: a.locality ?? '', state: a.region ?? '', postalCode: a.postalCode ?? '', countryOrRegion: a.country ?? '' };
}

export interface GraphContactBody extends Omit<GraphContact, 'id'> {
  singleValueExtendedProperties: GraphExtendedProperty[];
}

/**
 * The body that creates a model contact in Outlook, and what Outlook cannot hold of it. `categories` are the
 * groups to keep as categories (the folder the contact goes into is not repeated as one).
 */
export function toGraphContact(contact: Contact, categories: string[]): { body: GraphContactBody; lost: LostField[] } {
  const lost: LostField[] = [];
  const n = contact.name;
  const phones = slotPhones(contact.phones);
  const body: GraphContactBody = {
    displayName: n.formatted || undefined,
    givenName: n.given,
    middleName: n.middle,
    surname: n.family,
    title: n.prefix,
    generation: n.suffix,
    yomiGivenName: n.phoneticGiven,
    yomiSurname: n.phoneticFamily,
    nickName: contact.nicknames[0],
    emailAddresses: contact.emails.slice(0, MAX_EMAILS).map((e) => ({ address: e.value, name: e.value })),
    mobilePhone: phones.mobilePhone,
    homePhones: phones.homePhones,
    businessPhones: phones.businessPhones,
    companyName: contact.organization,
    department: contact.department,
    jobTitle: contact.title,
    businessHomePage: (contact.urls.find((u) => u.types.includes('work')) ?? contact.urls[0])?.value,
    personalNotes: contact.note,
    categories,
    singleValueExtendedProperties: [property(UID_PROPERTY, contact.uid), ...phones.extended],
  };
  const used = new Set<AddressSlot>();
  for (const address of contact.addresses) {
    const slot = ADDRESS_SLOTS.find(([s, type]) => !used.has(s) && address.types.includes(type))?.[0] ?? ADDRESS_SLOTS.find(([s]) => !used.has(s))?.[0];
    if (!slot) {
      lost.push({ field: 'addresses', reason: 'Outlook keeps one home, one business and one other address; the rest were left out' });
      break;
    }
    used.add(slot);
    body[slot] = graphAddress(address.value);
    if (address.value.extended || address.value.poBox) lost.push({ field: 'addresses', reason: 'Outlook has no PO box or extended address; they were added to the street lines' });
  }
  if (contact.birthday?.year !== undefined) body.birthday = isoDate({ ...contact.birthday, year: contact.birthday.year });
  else if (contact.birthday) lost.push({ field: 'birthday', reason: 'Outlook keeps birthdays with a year only, and this one has none' });
  if (contact.anniversary?.year !== undefined) body.singleValueExtendedProperties.push(property(ANNIVERSARY_PROPERTY, isoDate({ ...contact.anniversary, year: contact.anniversary.year })));
  else if (contact.anniversary) lost.push({ field: 'anniversary', reason: 'Outlook keeps anniversaries with a year only, and this one has none' });
  if (contact.emails.length > MAX_EMAILS) lost.push({ field: 'emails', reason: `Outlook keeps ${MAX_EMAILS} e-mail addresses; ${contact.emails.slice(MAX_EMAILS).map((e) => e.value).join(', ')} left out` });
  if (phones.dropped.length) lost.push({ field: 'phones', reason: `Outlook has no free phone slot for ${phones.dropped.join(', ')}` });
  if (contact.nicknames.length > 1) lost.push({ field: 'nicknames', reason: `Outlook keeps one nickname; ${contact.nicknames.slice(1).join(', ')} left out` });
  if (contact.urls.length > 1) lost.push({ field: 'urls', reason: 'Outlook keeps one web page; the others were left out' });
  return { body: JSON.parse(JSON.stringify(body)) as GraphContactBody, lost };
}
