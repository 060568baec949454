/** Contacts, on vCard 4.0 (RFC 6350); ical.js reads and writes the vCard text. */
export interface ContactName {
  given?: string;
  family?: string;
  middle?: string;
  prefix?: string;
  suffix?: string;
  phoneticGiven?: string;
  phoneticFamily?: string;
  /** FN */
  formatted: string;
}
export interface Typed<T> {
  value: T;
  /** vCard TYPE values: home, work, cell, fax, … */
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
/** A date that may lack a year (vCard `--MM-DD`). */
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
  /** Contact photo: a media reference the engine streams, never inline bytes. */
  photo?: { contentType: string; sourceUrl: string };
  /** Group or folder names the contact belongs to (CATEGORIES). */
  groups: string[];
  updated?: string;
}
