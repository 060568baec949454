/**
 * The account's contacts in the archive layout: `contacts/<group>.vcf`, one file per contact group, and
 * `contacts/contacts.vcf` for contacts in no group. Seeding puts each card in the group its file is named
 * after and in every group its CATEGORIES names; a card found in several files (same UID) is one contact.
 * Dumping writes each contact once, in the file of its first group, CATEGORIES naming all of them.
 * Photos inline in a card become the contact's photo; photo links are left out (the sandbox cannot fetch).
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Person } from '../../../../adapters/google/contacts/api-types';
import type { Contact, PartialDate, Typed } from '../../../../model/contact';
import { parseVCardFile, writeVCardFile, type VCardEntry } from '../../../../model/contact-vcard';
import type { PeopleStore, StoredPerson } from './store';

export const UNGROUPED_FILE = 'contacts.vcf';
const UID_KEY = 'FerryUid';

const PHONE_TYPES: [string, string[]][] = [
  ['homeFax', ['home', 'fax']],
  ['workFax', ['work', 'fax']],
  ['otherFax', ['fax']],
  ['workMobile', ['work', 'cell']],
  ['workPager', ['work', 'pager']],
  ['mobile', ['cell']],
  ['pager', ['pager']],
  ['main', ['main']],
  ['home', ['home']],
  ['work', ['work']],
  ['other', ['other']],
];

const phoneType = (types: string[]) => PHONE_TYPES.find(([, t]) => t.every((x) => types.includes(x)))?.[0] ?? types[0];
const dateOf = (d: PartialDate) => ({ ...(d.year ? { year: d.year } : {}), month: d.month, day: d.day });
const primary = <T extends object>(field: T, entry: Typed<unknown>): T => (entry.preferred ? { ...field, metadata: { sourcePrimary: true } } : field);

function personOf(contact: Contact, groups: Map<string, string>): Person {
  const n = contact.name;
  const structured = n.given || n.family || n.middle || n.prefix || n.suffix;
  const name = Object.fromEntries(
    Object.entries({
      givenName: n.given,
      familyName: n.family,
      middleName: n.middle,
      honorificPrefix: n.prefix,
      honorificSuffix: n.suffix,
      unstructuredName: structured ? undefined : n.formatted,
      phoneticGivenName: n.phoneticGiven,
      phoneticMiddleName: n.phoneticMiddle,
      phoneticFamilyName: n.phoneticFamily,
    }).filter(([, v]) => v),
  );
  const person: Person = {
    names: Object.keys(name).length ? [name] : [],
    nicknames: contact.nicknames.map((value) => ({ value })),
    emailAddresses: contact.emails.map((e) => primary({ value: e.value, ...(e.types[0] && { type: e.types[0] }) }, e)),
    phoneNumbers: contact.phones.map((p) => primary({ value: p.value, ...(phoneType(p.types) && { type: phoneType(p.types) }) }, p)),
    addresses: contact.addresses.map((a) =>
      primary({ streetAddress: a.value.street, extendedAddress: a.value.extended, poBox: a.value.poBox, city: a.value.locality, region: a.value.region, postalCode: a.value.postalCode, country: a.value.country, type: a.types[0] }, a),
    ),
    urls: contact.urls.map((u) => ({ value: u.value, ...(u.types[0] && { type: u.types[0] }) })),
    memberships: contact.groups.map((g) => ({ contactGroupMembership: { contactGroupResourceName: groups.get(g)! } })),
    clientData: [{ key: UID_KEY, value: contact.uid }],
  };
  if (contact.organization || contact.department || contact.title) person.organizations = [{ name: contact.organization, department: contact.department, title: contact.title }];
  if (contact.birthday) person.birthdays = [{ date: dateOf(contact.birthday) }];
  if (contact.anniversary) person.events = [{ type: 'anniversary', date: dateOf(contact.anniversary) }];
  if (contact.note) person.biographies = [{ value: contact.note, contentType: 'TEXT_PLAIN' }];
  return JSON.parse(JSON.stringify(person)) as Person;
}

const phoneTypesOf = (type: string | undefined): string[] => (type ? (PHONE_TYPES.find(([g]) => g === type)?.[1] ?? [type]) : []);
const typedOf = (v: { value?: string; type?: string; metadata?: { sourcePrimary?: boolean } }, types: string[]): Typed<string> =>
  v.metadata?.sourcePrimary ? { value: v.value ?? '', types, preferred: true } : { value: v.value ?? '', types };

function entryOf(stored: StoredPerson, groupNames: Map<string, string>): VCardEntry {
  const p = stored.person;
  const n = p.names?.[0] ?? {};
  const contact: Contact = {
    uid: p.clientData?.find((d) => d.key === UID_KEY)?.value ?? p.resourceName!,
    name: Object.fromEntries(
      Object.entries({
        formatted: n.unstructuredName ?? [n.honorificPrefix, n.givenName, n.middleName, n.familyName, n.honorificSuffix].filter(Boolean).join(' '),
        given: n.givenName,
        family: n.familyName,
        middle: n.middleName,
        prefix: n.honorificPrefix,
        suffix: n.honorificSuffix,
        phoneticGiven: n.phoneticGivenName,
        phoneticMiddle: n.phoneticMiddleName,
        phoneticFamily: n.phoneticFamilyName,
      }).filter(([k, v]) => v || k === 'formatted'),
    ) as unknown as Contact['name'],
    nicknames: (p.nicknames ?? []).map((x) => x.value ?? ''),
    emails: (p.emailAddresses ?? []).map((e) => typedOf(e, e.type ? [e.type] : [])),
    phones: (p.phoneNumbers ?? []).map((t) => typedOf(t, phoneTypesOf(t.type))),
    addresses: (p.addresses ?? []).map((a) => {
      const value = Object.fromEntries(
        Object.entries({ street: a.streetAddress, extended: a.extendedAddress, poBox: a.poBox, locality: a.city, region: a.region, postalCode: a.postalCode, country: a.country }).filter(([, v]) => v),
      );
      return a.metadata?.sourcePrimary ? { value, types: a.type ? [a.type] : [], preferred: true } : { value, types: a.type ? [a.type] : [] };
    }),
    urls: (p.urls ?? []).map((u) => typedOf(u, u.type ? [u.type] : [])),
    groups: (p.memberships ?? []).flatMap((m) => groupNames.get(m.contactGroupMembership?.contactGroupResourceName ?? '') ?? []),
    updated: stored.updateTime.replace(/\.\d{3}Z$/, 'Z'),
  };
  const org = p.organizations?.[0];
  if (org?.name) contact.organization = org.name;
  if (org?.department) contact.department = org.department;
  if (org?.title) contact.title = org.title;
  const date = (d: { year?: number; month?: number; day?: number } | undefined): PartialDate | undefined =>
    d?.month && d.day ? { ...(d.year ? { year: d.year } : {}), month: d.month, day: d.day } : undefined;
  const birthday = date(p.birthdays?.[0]?.date);
  if (birthday) contact.birthday = birthday;
  const anniversary = date(p.events?.find((e) => e.type === 'anniversary')?.date);
  if (anniversary) contact.anniversary = anniversary;
  if (p.biographies?.[0]?.value) contact.note = p.biographies[0].value;
  return stored.photo ? { contact, photo: { contentType: stored.photo.contentType, bytes: stored.photo.bytes } } : { contact };
}

export async function seedContacts(store: PeopleStore, dataDir: string): Promise<string[]> {
  const dir = join(dataDir, 'contacts');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.toLowerCase().endsWith('.vcf')).sort();
  const problems: string[] = [];
  const byUid = new Map<string, VCardEntry>();
  for (const file of files) {
    const group = file === UNGROUPED_FILE ? undefined : file.slice(0, -4);
    const parsed = parseVCardFile(await readFile(join(dir, file)), file);
    problems.push(...parsed.problems.map((p) => `${file}: ${p.message}`));
    for (const entry of parsed.entries) {
      const known = byUid.get(entry.contact.uid) ?? entry;
      known.contact.groups = [...new Set([...known.contact.groups, ...entry.contact.groups, ...(group ? [group] : [])])];
      byUid.set(entry.contact.uid, known);
    }
  }
  const groups = new Map<string, string>();
  for (const entry of byUid.values()) {
    for (const name of entry.contact.groups) if (!groups.has(name)) groups.set(name, (store.groupNamed(name) ?? store.createGroup(name)).resourceName);
    const stored = store.create(personOf(entry.contact, groups));
    if (entry.photo && 'bytes' in entry.photo) store.setPhoto(stored.person.resourceName!, Buffer.from(entry.photo.bytes), entry.photo.contentType);
  }
  return problems;
}

export async function dumpContacts(store: PeopleStore, outDir: string): Promise<void> {
  if (store.persons.size === 0) return;
  const dir = join(outDir, 'contacts');
  await mkdir(dir, { recursive: true });
  const groupNames = new Map([...store.groups.values()].filter((g) => g.groupType === 'USER_CONTACT_GROUP').map((g) => [g.resourceName, g.name]));
  const files = new Map<string, VCardEntry[]>();
  for (const stored of store.persons.values()) {
    const entry = entryOf(stored, groupNames);
    const file = entry.contact.groups[0] ? `${entry.contact.groups[0].replace(/[\\/:*?"<>|]/g, '_')}.vcf` : UNGROUPED_FILE;
    files.set(file, [...(files.get(file) ?? []), entry]);
  }
  for (const [file, entries] of files) await writeFile(join(dir, file), writeVCardFile(entries));
}
