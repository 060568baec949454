/**
 * A deterministic sample account's contacts in the archive layout: `<dir>/contacts/<group>.vcf`, one file per
 * group (a contact in several groups is written in its first group's file, CATEGORIES naming them all), and
 * `contacts/contacts.vcf` for contacts in no group. Every model field is exercised: phonetic names, several
 * typed and preferred e-mails, phones and addresses, birthdays with and without a year, anniversaries, web
 * pages, notes, small JPEG photos. When ../shared is present, its real-world vCard files (2.1, 3.0, 4.0,
 * some malformed) are added as one more group, `Real-world samples.vcf`, byte for byte.
 * Run alone: `npx tsx tests/sandbox/sample-data/contacts.ts OUTDIR [COUNT] [SEED]`.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Contact, Typed } from '../../../model/contact';
import { writeVCardFile, type VCardEntry } from '../../../model/contact-vcard';
import { SeededRandom } from './random';

/** A 1×1 baseline JPEG, the smallest a decoder accepts: photos stay real images and the account stays small. */
export const TINY_JPEG = Uint8Array.from(
  Buffer.from(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
    'base64',
  ),
);

export const SAMPLE_GROUPS = ['Family', 'Friends', 'Work', 'Book club'] as const;
export const UNGROUPED_FILE = 'contacts.vcf';
export const FIXTURES_GROUP = 'Real-world samples';
const FIXTURES_DIR = fileURLToPath(new URL('../../../../shared/fixtures/contacts', import.meta.url));

const GIVEN = ['Ada', 'Grace', 'Alan', 'Hedy', 'Linus', 'Margaret', 'Søren', 'Zoë', 'José', 'Amélie', 'Chidi', 'Aiko', 'Ravi', 'Olga', 'Mateo', 'Fatima'];
const FAMILY = ['Lovelace', 'Hopper', 'Turing', 'Lamarr', 'Torvalds', 'Hamilton', 'Kierkegaard', 'Müller', 'García', 'Poulain', 'Okafor', 'Tanaka', 'Patel', 'Ivanova', 'Rossi', 'Haddad'];
const KANA: Record<string, string> = { Aiko: 'あいこ', Tanaka: 'たなか' };
const CITIES = [
  { locality: 'Berlin', region: 'Berlin', postalCode: '10115', country: 'Germany' },
  { locality: 'Lyon', region: 'Auvergne-Rhône-Alpes', postalCode: '69002', country: 'France' },
  { locality: 'Austin', region: 'TX', postalCode: '73301', country: 'United States' },
  { locality: 'Osaka', region: 'Osaka', postalCode: '530-0001', country: 'Japan' },
];
const COMPANIES = [
  { organization: 'Analytical Engines Ltd', department: 'Research', title: 'Engineer' },
  { organization: 'Contoso', department: 'Sales', title: 'Account manager' },
  { organization: 'Fabrikam & Söhne', title: 'Owner' },
];

const phone = (r: SeededRandom) => `+${r.pick(['1', '33', '49', '81'])} ${r.int(100, 999)} ${r.int(100, 999)} ${r.int(1000, 9999)}`;

function typedPhones(r: SeededRandom): Typed<string>[] {
  const kinds = [['cell'], ['home'], ['work'], ['work', 'fax'], ['home', 'fax'], ['pager'], []];
  return r.sample(kinds, r.int(1, 4)).map((types, i) => ({ value: phone(r), types, ...(i === 0 && r.chance(0.5) && { preferred: true }) }));
}

/** Contact number `i`; the first few cover every field whatever the seed. */
function sampleContact(r: SeededRandom, i: number): VCardEntry {
  const given = r.pick(GIVEN);
  const family = r.pick(FAMILY);
  const full = i < 8 || r.chance(0.3);
  const domain = `${family.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}.example`;
  const contact: Contact = {
    uid: `sample-contact-${String(i).padStart(5, '0')}`,
    name: { given, family, formatted: `${given} ${family}` },
    nicknames: full && r.chance(0.5) ? [given.slice(0, 3)] : [],
    emails: [{ value: `${given.toLowerCase()}.${i}@${domain}`, types: ['home'], ...(r.chance(0.5) && { preferred: true }) }],
    phones: typedPhones(r),
    addresses: [],
    urls: [],
    groups: r.chance(0.25) ? [] : r.sample(SAMPLE_GROUPS, r.int(1, i % 5 === 0 ? 3 : 1)),
  };
  if (full) {
    contact.name = { ...contact.name, prefix: r.pick(['Dr.', 'Ms.', 'Mr.', undefined]), middle: r.pick(['Marie', 'J.', undefined]), suffix: r.pick(['Jr.', 'PhD', undefined]) };
    contact.name.formatted = [contact.name.prefix, given, contact.name.middle, family, contact.name.suffix].filter(Boolean).join(' ');
    if (KANA[given] || i % 4 === 1) contact.name.phoneticGiven = KANA[given] ?? given.toUpperCase();
    if (i % 8 === 1) contact.name.phoneticMiddle = 'MA-REE';
    if (KANA[family] || i % 4 === 1) contact.name.phoneticFamily = KANA[family] ?? family.toUpperCase();
    contact.emails.push({ value: `${given.toLowerCase()}@work.${domain}`, types: ['work'] }, { value: `${i}@other.${domain}`, types: ['other'] });
    const city = r.pick(CITIES);
    contact.addresses = [
      { value: { street: `${r.int(1, 200)} Example Street`, ...city }, types: ['home'], preferred: true },
      { value: { street: `${r.int(1, 50)} Office Park`, extended: `Suite ${r.int(1, 900)}`, poBox: i % 3 === 0 ? `PO Box ${i}` : undefined, ...r.pick(CITIES) }, types: ['work'] },
    ].map((a) => ({ ...a, value: JSON.parse(JSON.stringify(a.value)) as typeof a.value }));
    Object.assign(contact, r.pick(COMPANIES));
    contact.birthday = i % 2 === 0 ? { year: r.int(1940, 2010), month: r.int(1, 12), day: r.int(1, 28) } : { month: r.int(1, 12), day: r.int(1, 28) };
    if (i % 3 !== 2) contact.anniversary = { ...(i % 6 !== 5 && { year: r.int(1970, 2020) }), month: r.int(1, 12), day: r.int(1, 28) };
    contact.urls = [{ value: `https://${domain}/`, types: ['home'] }, ...(i % 2 ? [{ value: `https://blog.${domain}/`, types: ['blog'] }] : [])];
    contact.note = i % 2 ? `Met at the ${r.pick(['conference', 'book club', 'school gate'])}.\nLikes tea; ünïcödé “quotes”, commas, and; semicolons.` : 'Short note.';
  }
  return full && (i < 8 || r.chance(0.4)) ? { contact, photo: { contentType: 'image/jpeg', bytes: TINY_JPEG } } : { contact };
}

/** The real-world vCard files of ../shared/fixtures/contacts, concatenated byte for byte; undefined without ../shared. */
async function fixtureBytes(): Promise<Buffer | undefined> {
  if (!existsSync(FIXTURES_DIR)) return undefined;
  const parts: Buffer[] = [];
  for (const source of (await readdir(FIXTURES_DIR)).sort()) {
    for (const file of (await readdir(join(FIXTURES_DIR, source))).filter((f) => f.toLowerCase().endsWith('.vcf')).sort()) {
      const bytes = await readFile(join(FIXTURES_DIR, source, file));
      parts.push(bytes, Buffer.from('\r\n'));
    }
  }
  return Buffer.concat(parts);
}

export interface SampleContactsOptions {
  count?: number;
  seed?: number;
  /** Add the real-world vCards from ../shared when present (default true). */
  fixtures?: boolean;
}

/** Writes the sample contacts under `<dir>/contacts/`; answers the files written. */
export async function writeSampleContacts(dir: string, { count = 1000, seed = 20250101, fixtures: withFixtures = true }: SampleContactsOptions = {}): Promise<string[]> {
  const r = new SeededRandom(seed);
  const files = new Map<string, VCardEntry[]>();
  for (let i = 0; i < count; i++) {
    const entry = sampleContact(r, i);
    const file = entry.contact.groups[0] ? `${entry.contact.groups[0]}.vcf` : UNGROUPED_FILE;
    files.set(file, [...(files.get(file) ?? []), entry]);
  }
  const out = join(dir, 'contacts');
  await mkdir(out, { recursive: true });
  for (const [file, entries] of files) await writeFile(join(out, file), writeVCardFile(entries));
  const fixtures = withFixtures ? await fixtureBytes() : undefined;
  if (fixtures) await writeFile(join(out, `${FIXTURES_GROUP}.vcf`), fixtures);
  return [...files.keys(), ...(fixtures ? [`${FIXTURES_GROUP}.vcf`] : [])].sort();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [outDir, count, seed] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: tsx tests/sandbox/sample-data/contacts.ts OUTDIR [COUNT] [SEED]');
    process.exit(2);
  }
  const files = await writeSampleContacts(resolve(outDir), { count: count ? Number(count) : undefined, seed: seed ? Number(seed) : undefined });
  console.log(`wrote ${files.length} files to ${join(resolve(outDir), 'contacts')}`);
}
