/**
 * Contacts ↔ vCard files (the archive's `contacts/*.vcf`). Reads vCard 2.1, 3.0 and 4.0 as real exporters
 * write them (Android, iPhone, Outlook, Gmail, Evolution…), one card at a time, so a card ical.js cannot read
 * becomes a problem report naming it, never a failed file; writes vCard 4.0 (RFC 6350) with ical.js.
 */
import ICAL from 'ical.js';
import type { Contact, PartialDate, PostalAddress, Typed } from './contact';
import { splitCards, type CardText } from './vcard-text';

/** A contact photo as a card holds it: its bytes inline, or a link to them. */
export type VCardPhoto = { contentType: string; bytes: Uint8Array } | { contentType?: string; url: string };

export interface VCardEntry {
  contact: Contact;
  photo?: VCardPhoto;
}

/** Something in a file that could not be read as it stands. */
export interface VCardProblem {
  /** 1-based index of the card in the file. */
  card: number;
  /** 1-based line the card begins on. */
  line: number;
  message: string;
  /** True when the whole card was left out; false when only part of it was. */
  skipped: boolean;
}

export interface VCardFile {
  entries: VCardEntry[];
  problems: VCardProblem[];
}

type Prop = InstanceType<typeof ICAL.Property>;
type Card = InstanceType<typeof ICAL.Component>;

/** TYPE values that say nothing about the kind of address or number. */
const NOISE_TYPES = new Set(['internet', 'pref', 'x400', 'voice', 'msg']);
const PHONETIC = { given: 'x-phonetic-first-name', middle: 'x-phonetic-middle-name', family: 'x-phonetic-last-name' } as const;
const IMAGE_TYPES: Record<string, string> = { jpeg: 'image/jpeg', jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', bmp: 'image/bmp', webp: 'image/webp' };

const cardOf = (properties: string[]): Card => new ICAL.Component(ICAL.parse(`BEGIN:VCARD\r\n${properties.join('\r\n')}\r\nEND:VCARD\r\n`) as unknown[]);

/** The card, leaving out each property ical.js cannot read (reported), when the card as a whole fails. */
function readCard(text: CardText, index: number, problems: VCardProblem[]): Card {
  try {
    return cardOf(text.properties);
  } catch {
    const [version, ...rest] = text.properties;
    const kept = rest.filter((property) => {
      try {
        cardOf([version!, property]);
        return true;
      } catch (error) {
        const name = property.split(/[;:]/)[0];
        problems.push({ card: index, line: text.line, skipped: false, message: `Its ${name} could not be read (${(error as Error).message}) and was left out.` });
        return false;
      }
    });
    return cardOf([version!, ...kept]);
  }
}

const text = (value: unknown): string => (Array.isArray(value) ? value.map(text).filter(Boolean).join(' ') : value === null || value === undefined ? '' : String(value)).trim();
/**
 * A single text value (NOTE, FN, TITLE…): `\;` there is an escaped semicolon (RFC 2426 §5 requires it; vobject
 * writes it in 4.0 cards too) that ical.js leaves escaped. Structured values (N, ADR) are split by ical.js already.
 */
const singleText = (value: unknown): string => text(value).replace(/\\;/g, ';');
const jcardValue = (prop: Prop): unknown => (prop.toJSON() as unknown[])[3];
const stringsOf = (prop: Prop): string[] => prop.getValues().map(text).filter(Boolean);
const firstText = (card: Card, name: string): string | undefined => {
  const prop = card.getFirstProperty(name);
  return prop ? singleText(prop.getFirstValue()) || undefined : undefined;
};

function typesOf(prop: Prop): { types: string[]; preferred: boolean } {
  const raw = prop.getParameter('type');
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((t) => String(t).toLowerCase().split(','));
  const preferred = list.includes('pref') || prop.getParameter('pref') !== undefined;
  // A TYPE value outside vCard's token syntax (a quoted phrase some exporters write) names no kind.
  const kinds = list.filter((t) => /^[\p{L}\p{N}-]+$/u.test(t) && !NOISE_TYPES.has(t));
  return { types: [...new Set(kinds)], preferred };
}

function typed<T>(prop: Prop, value: T): Typed<T> {
  const { types, preferred } = typesOf(prop);
  return preferred ? { value, types, preferred } : { value, types };
}

/** A vCard date (`1980-02-03`, `19800203`, `--0203`, `--02-03`, a date-time), Apple's omitted year honoured. */
export function parsePartialDate(raw: string, omitYear?: string): PartialDate | undefined {
  const match = /^(?:(\d{4})|--)-?(\d{2})-?(\d{2})/.exec(raw.trim());
  if (!match) return undefined;
  const [month, day] = [Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const year = match[1] && match[1] !== omitYear && match[1] !== '0000' ? Number(match[1]) : undefined;
  return year === undefined ? { month, day } : { year, month, day };
}

function dateOf(card: Card, names: string[]): PartialDate | undefined {
  for (const name of names) {
    for (const prop of card.getAllProperties(name)) {
      const value = jcardValue(prop);
      const date = parsePartialDate(typeof value === 'string' ? value : text(prop.getFirstValue()), String(prop.getParameter('x-apple-omit-year') ?? ''));
      if (date) return date;
    }
  }
  return undefined;
}

/** Apple keeps an anniversary as a labelled X-ABDATE in a property group (item1.X-ABDATE + item1.X-ABLabel). */
function appleAnniversary(card: Card): PartialDate | undefined {
  const labels = card.getAllProperties('x-ablabel').filter((p) => /anniversary/i.test(text(p.getFirstValue())));
  for (const label of labels) {
    const group = (label as unknown as { _group?: string })._group ?? label.getParameter('group');
    const date = card.getAllProperties('x-abdate').find((p) => ((p as unknown as { _group?: string })._group ?? p.getParameter('group')) === group);
    if (date) return parsePartialDate(text(jcardValue(date)));
  }
  return undefined;
}

const part = (value: unknown): string | undefined => text(value) || undefined;

function addressOf(prop: Prop): Typed<PostalAddress> {
  const raw = prop.getFirstValue();
  const parts = Array.isArray(raw) ? raw : String(raw ?? '').split(';');
  const [poBox, extended, street, locality, region, postalCode, country] = parts.map(part);
  const address: PostalAddress = {};
  Object.entries({ poBox, extended, street, locality, region, postalCode, country }).forEach(([key, value]) => {
    if (value) address[key as keyof PostalAddress] = value;
  });
  return typed(prop, address);
}

function photoOf(card: Card): VCardPhoto | undefined {
  const prop = card.getFirstProperty('photo');
  if (!prop) return undefined;
  const value = jcardValue(prop);
  const raw = typeof value === 'string' ? value : text((value as { value?: string } | undefined)?.value ?? prop.getFirstValue());
  const declared = String(prop.getParameter('type') ?? prop.getParameter('mediatype') ?? '').toLowerCase();
  const contentType = declared.includes('/') ? declared : IMAGE_TYPES[declared];
  const data = /^data:([^;,]+)?(;base64)?,(.*)$/is.exec(raw.replace(/\\,/g, ','));
  if (data) return { contentType: data[1] ?? contentType ?? 'image/jpeg', bytes: base64Bytes(data[3]!) };
  if (/^(https?|ftp):/i.test(raw)) return contentType ? { url: raw, contentType } : { url: raw };
  return { contentType: contentType ?? 'image/jpeg', bytes: base64Bytes(raw) };
}

function base64Bytes(value: string): Uint8Array {
  const clean = value.replace(/\s+/g, '');
  const padded = clean.includes('=') ? clean : clean.padEnd(Math.ceil(clean.length / 4) * 4, '=');
  try {
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch {
    throw new Error('its photo is not valid base64: it may be cut short');
  }
}

function nameOf(card: Card): Contact['name'] {
  const n = card.getFirstProperty('n')?.getFirstValue();
  const [family, given, middle, prefix, suffix] = (Array.isArray(n) ? n : String(n ?? '').split(';')).map(part);
  const sound = card.getAllProperties('sound').find((p) => p.getParameter('x-irmc-n') !== undefined || /X-IRMC-N/i.test(JSON.stringify(p.toJSON()[1])));
  const irmc = sound ? (sound.getFirstValue() as unknown) : undefined;
  const [irmcFamily, irmcGiven, irmcMiddle] = Array.isArray(irmc) ? irmc.map(part) : [];
  const name: Contact['name'] = { formatted: firstText(card, 'fn') ?? '' };
  const fields = {
    given,
    family,
    middle,
    prefix,
    suffix,
    phoneticGiven: firstText(card, PHONETIC.given) ?? irmcGiven,
    phoneticMiddle: firstText(card, PHONETIC.middle) ?? irmcMiddle,
    phoneticFamily: firstText(card, PHONETIC.family) ?? irmcFamily,
  };
  for (const [key, value] of Object.entries(fields)) if (value) name[key as keyof typeof fields] = value;
  if (!name.formatted) name.formatted = [prefix, given, middle, family, suffix].filter(Boolean).join(' ');
  return name;
}

function contactOf(card: Card, fallbackUid: string): Contact {
  const org = card.getFirstProperty('org')?.getFirstValue();
  const [organization, ...departments] = (Array.isArray(org) ? org : org === undefined ? [] : String(org).split(';')).map(part);
  const contact: Contact = {
    uid: (firstText(card, 'uid') ?? fallbackUid).replace(/^urn:uuid:/i, ''),
    name: nameOf(card),
    nicknames: card.getAllProperties('nickname').flatMap(stringsOf),
    emails: card.getAllProperties('email').map((p) => typed(p, singleText(p.getFirstValue()))).filter((e) => e.value),
    phones: card.getAllProperties('tel').map((p) => typed(p, singleText(p.getFirstValue()).replace(/^tel:/i, ''))).filter((t) => t.value),
    addresses: card.getAllProperties('adr').map(addressOf).filter((a) => Object.keys(a.value).length),
    urls: card.getAllProperties('url').map((p) => typed(p, text(p.getFirstValue()))).filter((u) => u.value),
    groups: [...new Set(card.getAllProperties('categories').flatMap(stringsOf))],
  };
  const department = departments.filter(Boolean).join('; ');
  const optional: Partial<Contact> = {
    organization,
    department: department || undefined,
    title: firstText(card, 'title'),
    birthday: dateOf(card, ['bday']),
    anniversary: dateOf(card, ['anniversary', 'x-anniversary', 'x-ms-anniversary']) ?? appleAnniversary(card),
    note: card.getAllProperties('note').map((p) => singleText(p.getFirstValue())).filter(Boolean).join('\n\n') || undefined,
    updated: revOf(card),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (contact as unknown as Record<string, unknown>)[key] = value;
  return contact;
}

function revOf(card: Card): string | undefined {
  const raw = text(jcardValue(card.getFirstProperty('rev') ?? new ICAL.Property('rev')));
  const ms = Date.parse(raw.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/, '$1-$2-$3T$4:$5:$6'));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Every card of a vCard file; unreadable parts are left out and named in `problems`. */
export function parseVCardFile(input: Uint8Array | string, fileName = 'the file'): VCardFile {
  const entries: VCardEntry[] = [];
  const problems: VCardProblem[] = [];
  splitCards(input).forEach((cardText, i) => {
    const index = i + 1;
    if (!cardText.closed) {
      problems.push({ card: index, line: cardText.line, skipped: false, message: `Card ${index} of ${fileName} has no END:VCARD; it was read up to the end of the file.` });
    }
    try {
      const card = readCard(cardText, index, problems);
      const contact = contactOf(card, `${fileName}#${index}`);
      const entry: VCardEntry = { contact };
      try {
        const photo = photoOf(card);
        if (photo) entry.photo = photo;
      } catch (error) {
        problems.push({ card: index, line: cardText.line, skipped: false, message: `The photo of "${contact.name.formatted}" could not be read (${(error as Error).message}) and was left out.` });
      }
      entries.push(entry);
    } catch (error) {
      problems.push({ card: index, line: cardText.line, skipped: true, message: `Card ${index} of ${fileName} (line ${cardText.line}) could not be read: ${(error as Error).message}` });
    }
  });
  return { entries, problems };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** jCard's date form: `1980-02-03`, or `--02-03` without a year (RFC 7095 §3.5.3). */
const jcardDate = (d: PartialDate): string => `${d.year === undefined ? '-' : pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

type JProp = [string, Record<string, string | string[]>, string, ...unknown[]];

function typedParams<T>(entry: Typed<T>): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  if (entry.types.length) params.type = entry.types.length === 1 ? entry.types[0]! : entry.types;
  if (entry.preferred) params.pref = '1';
  return params;
}

function photoProperty(photo: VCardPhoto | undefined, contact: Contact): JProp | undefined {
  if (photo && 'bytes' in photo) {
    let binary = '';
    for (let i = 0; i < photo.bytes.length; i += 0x8000) binary += String.fromCharCode(...photo.bytes.subarray(i, i + 0x8000));
    return ['photo', {}, 'uri', `data:${photo.contentType};base64,${btoa(binary)}`];
  }
  const url = photo?.url ?? contact.photo?.sourceUrl;
  return url ? ['photo', {}, 'uri', url] : undefined;
}

function jcardOf({ contact, photo }: VCardEntry): unknown[] {
  const n = contact.name;
  const a = (address: PostalAddress) => [address.poBox, address.extended, address.street, address.locality, address.region, address.postalCode, address.country].map((v) => v ?? '');
  const props: (JProp | undefined)[] = [
    ['version', {}, 'text', '4.0'],
    ['uid', {}, 'text', contact.uid],
    ['fn', {}, 'text', n.formatted],
    ['n', {}, 'text', [n.family, n.given, n.middle, n.prefix, n.suffix].map((v) => v ?? '')],
    n.phoneticGiven ? [PHONETIC.given, {}, 'unknown', n.phoneticGiven] : undefined,
    n.phoneticMiddle ? [PHONETIC.middle, {}, 'unknown', n.phoneticMiddle] : undefined,
    n.phoneticFamily ? [PHONETIC.family, {}, 'unknown', n.phoneticFamily] : undefined,
    contact.nicknames.length ? ['nickname', {}, 'text', ...contact.nicknames] : undefined,
    ...contact.emails.map((e): JProp => ['email', typedParams(e), 'text', e.value]),
    ...contact.phones.map((p): JProp => ['tel', typedParams(p), 'text', p.value]),
    ...contact.addresses.map((adr): JProp => ['adr', typedParams(adr), 'text', a(adr.value)]),
    contact.organization || contact.department ? ['org', {}, 'text', contact.department ? [contact.organization ?? '', contact.department] : contact.organization] : undefined,
    contact.title ? ['title', {}, 'text', contact.title] : undefined,
    contact.birthday ? ['bday', {}, 'date-and-or-time', jcardDate(contact.birthday)] : undefined,
    contact.anniversary ? ['anniversary', {}, 'date-and-or-time', jcardDate(contact.anniversary)] : undefined,
    ...contact.urls.map((u): JProp => ['url', typedParams(u), 'uri', u.value]),
    contact.note ? ['note', {}, 'text', contact.note] : undefined,
    photoProperty(photo, contact),
    contact.groups.length ? ['categories', {}, 'text', ...contact.groups] : undefined,
    contact.updated ? ['rev', {}, 'timestamp', contact.updated.replace(/\.\d+Z$/, 'Z')] : undefined,
  ];
  return ['vcard', props.filter((p): p is JProp => p !== undefined), []];
}

/** A vCard 4.0 file of these contacts (RFC 6350), one card each, CRLF line ends. */
export function writeVCardFile(entries: readonly VCardEntry[]): string {
  return entries.map((entry) => ICAL.stringify(jcardOf(entry) as never)).join('');
}
