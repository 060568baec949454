/**
 * Contacts, on vCard 4.0 (RFC 6350); ical.js reads and writes the vCard text (see contact-vcard.ts).
 * One model contact is one VCARD; a contact's groups are its CATEGORIES.
 */
export interface ContactName {
  given?: string;
  family?: string;
  middle?: string;
  /** Honorific prefix (Dr., Ms.). */
  prefix?: string;
  /** Honorific suffix (Jr., PhD). */
  suffix?: string;
  /** How the name is pronounced (X-PHONETIC-FIRST-NAME / -MIDDLE- / -LAST-; Outlook's yomi names). */
  phoneticGiven?: string;
  phoneticMiddle?: string;
  phoneticFamily?: string;
  /** FN */
  formatted: string;
}
export interface Typed<T> {
  value: T;
  /** vCard TYPE values, lower case: home, work, cell, fax, pager, other, … */
  types: string[];
  preferred?: boolean;
}
export interface PostalAddress {
  street?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  poBox?: string;
  extended?: string;
}
/** A date that may lack a year (vCard `--MMDD`). */
export interface PartialDate {
  year?: number;
  month: number;
  day: number;
}
export interface Contact {
  /** vCard UID */
  uid: string;
  name: ContactName;
  nicknames: string[];
  emails: Typed<string>[];
  phones: Typed<string>[];
  addresses: Typed<PostalAddress>[];
  organization?: string;
  department?: string;
  title?: string;
  birthday?: PartialDate;
  anniversary?: PartialDate;
  urls: Typed<string>[];
  note?: string;
  /**
   * Contact photo: where its bytes are (the source's own URL), never the bytes; the exporter's
   * openContent streams them and the importer reads them through `item.content()`.
   */
  photo?: { contentType: string; sourceUrl: string };
  /** Group, folder or category names the contact belongs to (CATEGORIES). */
  groups: string[];
  /** RFC 3339 UTC (REV). */
  updated?: string;
}

/**
 * Field paths an importer can declare in `fields`, and which the engine checks on each item
 * (a path counts as present when its value is set and not empty).
 */
export const CONTACT_FIELDS = [
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
  'updated',
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** The name a person would recognise the contact by, for titles and messages. */
export function contactLabel(contact: Contact): string {
  const name = contact.name;
  const parts = [name.prefix, name.given, name.middle, name.family, name.suffix].filter(Boolean).join(' ');
  return name.formatted || parts || contact.organization || contact.emails[0]?.value || contact.phones[0]?.value || '(no name)';
}
