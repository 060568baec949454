/**
 * A CardDAV resource (one vCard, RFC 6352 §5.1) ↔ a model contact, through the model's vCard codec. A photo
 * inside the card stays there: the contact names the card's URL as its photo source, and the exporter's
 * openContent reads the bytes from the card when the engine asks.
 */
import ICAL from 'ical.js';
import type { Contact } from '../../../model/contact';
import { parseVCardFile, writeVCardFile, type VCardPhoto } from '../../../model/contact-vcard';

/** The contact of a card at `url`, or undefined with why when the card cannot be read. */
export function contactOfResource(text: string, url: string): { contact?: Contact; problems: string[] } {
  const { entries, problems } = parseVCardFile(text, url);
  const entry = entries[0];
  if (!entry) return { problems: problems.map((p) => p.message) };
  const contact = { ...entry.contact };
  if (entry.photo) {
    contact.photo = 'bytes' in entry.photo ? { contentType: entry.photo.contentType, sourceUrl: url } : { contentType: entry.photo.contentType ?? 'image/jpeg', sourceUrl: entry.photo.url };
  }
  return { contact, problems: problems.map((p) => p.message) };
}

/** The photo a card holds inline, if any. */
export function photoOfResource(text: string): VCardPhoto | undefined {
  return parseVCardFile(text).entries[0]?.photo;
}

/**
 * The card for a contact, its photo's bytes inline (vCard 4.0, RFC 6350). Each nickname gets a NICKNAME of
 * its own: servers built on vobject (Radicale among them) keep only the first value of a multi-valued one.
 */
export function contactResourceText(contact: Contact, photo?: { contentType: string; bytes: Uint8Array }): string {
  // Without the bytes, a photo on the web stays a link to it; one only its source can read is left out.
  const linked = !photo && contact.photo && /^https?:/i.test(contact.photo.sourceUrl);
  const { photo: _source, ...rest } = linked ? { ...contact, photo: undefined } : contact;
  if (linked) Object.assign(rest, { photo: contact.photo });
  const card = new ICAL.Component(ICAL.parse(writeVCardFile([photo ? { contact: rest, photo } : { contact: rest }])) as unknown[]);
  for (const nickname of card.getAllProperties('nickname')) {
    const values = nickname.getValues() as string[];
    if (values.length < 2) continue;
    card.removeProperty(nickname);
    for (const value of values) card.addPropertyWithValue('nickname', value);
  }
  return `${card.toString()}\r\n`;
}

export const contactUids = (text: string): string[] => parseVCardFile(text).entries.map((e) => e.contact.uid);
