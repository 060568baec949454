/**
 * A dumped account's contacts as a person sees them, read from the archive layout (`contacts/<name>.vcf`)
 * with ical.js directly rather than Ferry's codec, so the end-to-end check does not share Ferry's mistakes.
 * Contacts are keyed by content (name parts, first e-mail, organisation): Graph assigns its own ids.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ICAL from 'ical.js';

export interface ContactFacts {
  name: string;
  nameParts: string[];
  nicknames: string[];
  emails: string[];
  emailTypes: string[];
  phones: string[];
  phoneTypes: string[];
  addresses: string[];
  addressTypes: string[];
  organization?: string;
  title?: string;
  birthday?: string;
  anniversary?: string;
  urls: string[];
  note?: string;
  /** SHA-256 of the photo's bytes. */
  photo?: string;
  /** Groups: CATEGORIES and the file's own name (a Google group, an Outlook folder) unless it is `contacts.vcf`. */
  groups: string[];
}

export type ContactFactName = keyof ContactFacts;
export const CONTACT_FACTS: readonly ContactFactName[] = [
  'name',
  'nameParts',
  'nicknames',
  'emails',
  'emailTypes',
  'phones',
  'phoneTypes',
  'addresses',
  'addressTypes',
  'organization',
  'title',
  'birthday',
  'anniversary',
  'urls',
  'note',
  'photo',
  'groups',
];

const text = (value: unknown): string => (Array.isArray(value) ? value.map(text).join(';') : value === null || value === undefined ? '' : String(value));
const squash = (value: string): string => value.replace(/\s+/g, ' ').trim();
const typesOf = (prop: ICAL.Property): string =>
  [prop.getParameter('type')]
    .flat()
    .filter((t): t is string => typeof t === 'string')
    .flatMap((t) => t.toLowerCase().split(','))
    .filter((t) => t !== 'pref' && t !== 'internet' && t !== 'voice')
    .sort()
    .join(',');

function photoHash(card: ICAL.Component): string | undefined {
  const value = text(card.getFirstPropertyValue('photo'));
  const match = /^data:[^,]*;base64\\?,(.*)$/s.exec(value);
  if (!match) return undefined;
  return createHash('sha256').update(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')).digest('hex').slice(0, 16);
}

/** A partial date as `YYYY-MM-DD` or `--MM-DD`, whichever way the card wrote it. */
function dateOf(card: ICAL.Component, name: string): string | undefined {
  const raw = card.getFirstProperty(name)?.toJSON()[3];
  if (raw === undefined || raw === null) return undefined;
  const value = String(raw);
  const full = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value);
  if (full) return `${full[1]}-${full[2]}-${full[3]}`;
  const noYear = /^--(\d{2})-?(\d{2})/.exec(value);
  return noYear ? `--${noYear[1]}-${noYear[2]}` : value;
}

function factsOf(card: ICAL.Component, file: string): ContactFacts {
  const all = (name: string) => card.getAllProperties(name);
  const name = squash(text(card.getFirstPropertyValue('fn')));
  const fileGroup = file === 'contacts.vcf' ? [] : [path.basename(file, '.vcf')];
  const categories = all('categories').flatMap((p) => p.getValues().map((v) => squash(String(v))));
  const facts: ContactFacts = {
    name,
    nameParts: text(card.getFirstPropertyValue('n')).split(';').map(squash),
    nicknames: all('nickname').flatMap((p) => p.getValues().map((v) => squash(String(v)))),
    emails: all('email').map((p) => squash(text(p.getFirstValue())).toLowerCase()),
    emailTypes: all('email').map(typesOf),
    phones: all('tel').map((p) => squash(text(p.getFirstValue())).replace(/^tel:/, '')),
    phoneTypes: all('tel').map(typesOf),
    addresses: all('adr').map((p) => text(p.getFirstValue()).split(/[;\n]/).map(squash).filter(Boolean).sort().join(' | ')),
    addressTypes: all('adr').map(typesOf),
    urls: all('url').map((p) => squash(text(p.getFirstValue()))),
    groups: [...new Set([...categories, ...fileGroup])].filter(Boolean).sort(),
  };
  const org = text(card.getFirstPropertyValue('org'));
  if (org) facts.organization = squash(org.split(';')[0] ?? '');
  const title = text(card.getFirstPropertyValue('title'));
  if (title) facts.title = squash(title);
  const birthday = dateOf(card, 'bday');
  if (birthday) facts.birthday = birthday;
  const anniversary = dateOf(card, 'anniversary');
  if (anniversary) facts.anniversary = anniversary;
  const note = text(card.getFirstPropertyValue('note'));
  if (note) facts.note = note.replace(/\r\n/g, '\n').trim();
  const photo = photoHash(card);
  if (photo) facts.photo = photo;
  return facts;
}

/**
 * Every contact of the dump under `<dir>/contacts`, grouped by content key (name parts, first e-mail, organisation). Real-world cards may share a key (the same sample person in vCard 2.1 and 3.0), so a key
 * holds a list; one contact written once per group it is in is merged back into one.
 */
export async function readContactFacts(dir: string): Promise<Map<string, ContactFacts[]>> {
  const folder = path.join(dir, 'contacts');
  const files = (await readdir(folder).catch(() => [] as string[])).filter((f) => f.endsWith('.vcf')).sort();
  const contacts = new Map<string, ContactFacts[]>();
  for (const file of files) {
    const parsed = ICAL.parse(await readFile(path.join(folder, file), 'utf8'));
    const cards = (Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
    for (const jcard of cards) {
      const facts = factsOf(new ICAL.Component(jcard as never), file);
      // Neither the formatted name (Google composes its own from the parts) nor the phones (Outlook files them
      // in fixed slots, in its own order) are a key.
      const parts = facts.nameParts.filter(Boolean).sort().join(' ');
      const key = `${parts} <${facts.emails[0] ?? ''}> ${facts.organization ?? ''}`;
      const list = contacts.get(key) ?? [];
      list.push(facts);
      contacts.set(key, list);
    }
  }
  for (const list of contacts.values()) list.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return contacts;
}

export const contactCount = (contacts: Map<string, ContactFacts[]>): number => [...contacts.values()].reduce((n, l) => n + l.length, 0);

/**
 * Differences between what left and what arrived (the same number of contacts under each key: more is a
 * duplicate, fewer a loss), except the facts `mayDiffer` lists (the test checks those against the report).
 */
export function diffContacts(left: Map<string, ContactFacts[]>, arrived: Map<string, ContactFacts[]>, mayDiffer: ReadonlySet<ContactFactName>): string[] {
  const problems: string[] = [];
  const kept = (f: ContactFacts) => JSON.stringify(CONTACT_FACTS.filter((n) => !mayDiffer.has(n)).map((n) => f[n]));
  for (const [key, wants] of left) {
    const gots = [...(arrived.get(key) ?? [])];
    if (gots.length !== wants.length) problems.push(`${key}: ${wants.length} at the source, ${gots.length} at the destination`);
    for (const want of wants) {
      const at = gots.findIndex((got) => kept(got) === kept(want));
      if (at >= 0) {
        gots.splice(at, 1);
        continue;
      }
      const got = gots[0];
      if (!got) continue;
      for (const fact of CONTACT_FACTS) {
        if (mayDiffer.has(fact)) continue;
        if (JSON.stringify(want[fact]) !== JSON.stringify(got[fact])) problems.push(`${key}: ${fact} ${JSON.stringify(want[fact])} → ${JSON.stringify(got[fact])}`);
      }
      gots.shift();
    }
  }
  for (const key of arrived.keys()) if (!left.has(key)) problems.push(`${key}: at the destination but never at the source`);
  return problems;
}
