/**
 * The mailbox's contacts in the archive layout: `contacts/contacts.vcf` is the default Contacts folder and
 * `contacts/<Folder>.vcf` each folder beside it; a contact's CATEGORIES are its categories. Photos inline in a
 * card become the contact's photo (photo links are left out: the sandbox cannot fetch them).
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Contact, PartialDate, PostalAddress, Typed } from '../../../../model/contact';
import { parseVCardFile, writeVCardFile, type VCardEntry } from '../../../../model/contact-vcard';
import type { ContactStore, ExtendedProperty, StoredContact } from './store';

export const DEFAULT_FILE = 'contacts.vcf';
const FERRY_SET = '{94f743c4-3c01-43a1-834e-679d08b7b632}';
const UID = `String ${FERRY_SET} Name FerryUid`;
const ANNIVERSARY = 'SystemTime 0x3A41';
const PHONE_PROPERTIES: [string, (t: Set<string>) => boolean, string[]][] = [
  ['String 0x3A25', (t) => t.has('fax') && t.has('home'), ['home', 'fax']],
  ['String 0x3A24', (t) => t.has('fax'), ['work', 'fax']],
  ['String 0x3A21', (t) => t.has('pager'), ['pager']],
];
const OTHER_PHONE = 'String 0x3A1F';
const SLOTS: [string, string][] = [
  ['homeAddress', 'home'],
  ['businessAddress', 'work'],
  ['otherAddress', 'other'],
];

const iso = (d: PartialDate) => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}T00:00:00Z`;
const address = (a: PostalAddress) => ({ street: [a.street, a.extended, a.poBox].filter(Boolean).join('\n'), city: a.locality ?? '', state: a.region ?? '', postalCode: a.postalCode ?? '', countryOrRegion: a.country ?? '' });

function propsOf(contact: Contact): { props: Record<string, unknown>; extended: ExtendedProperty[] } {
  const n = contact.name;
  const extended: ExtendedProperty[] = [{ id: UID, value: contact.uid }];
  const props: Record<string, unknown> = {
    displayName: n.formatted, givenName: n.given, middleName: n.middle, surname: n.family, title: n.prefix, generation: n.suffix,
    yomiGivenName: n.phoneticGiven, yomiSurname: n.phoneticFamily, nickName: contact.nicknames[0],
    emailAddresses: contact.emails.slice(0, 3).map((e) => ({ address: e.value, name: e.value })),
    homePhones: [] as string[], businessPhones: [] as string[],
    companyName: contact.organization, department: contact.department, jobTitle: contact.title,
    businessHomePage: contact.urls[0]?.value, personalNotes: contact.note, categories: contact.groups,
  };
  for (const phone of contact.phones) {
    const t = new Set(phone.types);
    const special = PHONE_PROPERTIES.find(([, test]) => test(t));
    if (special) extended.push({ id: special[0], value: phone.value });
    else if (t.has('cell') && !props.mobilePhone) props.mobilePhone = phone.value;
    else if (t.has('home') && (props.homePhones as string[]).length < 2) (props.homePhones as string[]).push(phone.value);
    else if (t.has('work') && (props.businessPhones as string[]).length < 2) (props.businessPhones as string[]).push(phone.value);
    else if (!extended.some((e) => e.id === OTHER_PHONE)) extended.push({ id: OTHER_PHONE, value: phone.value });
  }
  const used = new Set<string>();
  for (const a of contact.addresses) {
    const slot = SLOTS.find(([s, type]) => !used.has(s) && a.types.includes(type))?.[0] ?? SLOTS.find(([s]) => !used.has(s))?.[0];
    if (!slot) break;
    used.add(slot);
    props[slot] = address(a.value);
  }
  if (contact.birthday?.year) props.birthday = iso(contact.birthday);
  if (contact.anniversary?.year) extended.push({ id: ANNIVERSARY, value: iso(contact.anniversary) });
  return { props: Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)), extended };
}

const dateOf = (value: unknown): PartialDate | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(typeof value === 'string' ? value : '');
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
};

function entryOf(c: StoredContact): VCardEntry {
  const p = c.props as Record<string, string | undefined> & Record<string, unknown>;
  const ext = (id: string) => c.extendedProperties.find((e) => e.id.toLowerCase() === id.toLowerCase())?.value;
  const phones: Typed<string>[] = [
    ...(p.mobilePhone ? [{ value: p.mobilePhone, types: ['cell'] }] : []),
    ...((p.homePhones as string[] | undefined) ?? []).map((value) => ({ value, types: ['home'] })),
    ...((p.businessPhones as string[] | undefined) ?? []).map((value) => ({ value, types: ['work'] })),
    ...PHONE_PROPERTIES.flatMap(([id, , types]) => (ext(id) ? [{ value: ext(id)!, types }] : [])),
    ...(ext(OTHER_PHONE) ? [{ value: ext(OTHER_PHONE)!, types: ['other'] }] : []),
  ];
  const name = Object.fromEntries(
    Object.entries({ formatted: p.displayName ?? '', given: p.givenName, middle: p.middleName, family: p.surname, prefix: p.title, suffix: p.generation, phoneticGiven: p.yomiGivenName, phoneticFamily: p.yomiSurname }).filter(([k, v]) => v || k === 'formatted'),
  ) as unknown as Contact['name'];
  const contact: Contact = {
    uid: ext(UID) ?? c.id,
    name,
    nicknames: p.nickName ? [p.nickName] : [],
    emails: ((p.emailAddresses as { address?: string }[] | undefined) ?? []).flatMap((e) => (e.address ? [{ value: e.address, types: [] }] : [])),
    phones,
    addresses: SLOTS.flatMap(([slot, type]) => {
      const a = p[slot] as Record<string, string> | undefined;
      if (!a) return [];
      const value = Object.fromEntries(Object.entries({ street: a.street, locality: a.city, region: a.state, postalCode: a.postalCode, country: a.countryOrRegion }).filter(([, v]) => v));
      return Object.keys(value).length ? [{ value, types: [type] }] : [];
    }),
    urls: p.businessHomePage ? [{ value: p.businessHomePage, types: [] }] : [],
    groups: (p.categories as string[] | undefined) ?? [],
    updated: c.lastModifiedDateTime,
  };
  const optional: Partial<Contact> = { organization: p.companyName, department: p.department, title: p.jobTitle, note: p.personalNotes, birthday: dateOf(p.birthday), anniversary: dateOf(ext(ANNIVERSARY)) };
  for (const [k, v] of Object.entries(optional)) if (v) (contact as unknown as Record<string, unknown>)[k] = v;
  return c.photo ? { contact, photo: { contentType: c.photo.contentType, bytes: c.photo.bytes } } : { contact };
}

export async function seedContacts(store: ContactStore, dataDir: string, now: string): Promise<string[]> {
  const dir = join(dataDir, 'contacts');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.toLowerCase().endsWith('.vcf')).sort();
  const problems: string[] = [];
  for (const file of files) {
    const folderId = file === DEFAULT_FILE ? store.defaultFolderId : (store.folderNamed(file.slice(0, -4)) ?? store.createFolder(file.slice(0, -4))).id;
    const parsed = parseVCardFile(await readFile(join(dir, file)), file);
    problems.push(...parsed.problems.map((p) => `${file}: ${p.message}`));
    for (const entry of parsed.entries) {
      const { props, extended } = propsOf(entry.contact);
      const made = store.create(folderId, props, extended, now);
      if (entry.photo && 'bytes' in entry.photo) made.photo = { bytes: Buffer.from(entry.photo.bytes), contentType: entry.photo.contentType };
    }
  }
  return problems;
}

export async function dumpContacts(store: ContactStore, outDir: string): Promise<void> {
  if (store.contacts.size === 0) return;
  const dir = join(outDir, 'contacts');
  await mkdir(dir, { recursive: true });
  for (const folder of store.folders.values()) {
    const entries = store.inFolder(folder.id).map(entryOf);
    if (entries.length === 0) continue;
    const file = folder.isDefault ? DEFAULT_FILE : `${folder.displayName.replace(/[\\/:*?"<>|]/g, '_')}.vcf`;
    await writeFile(join(dir, file), writeVCardFile(entries));
  }
}
