/**
 * Takeout's vCard files → model contacts. The cards are read by the vCard codec (model/contact-vcard.ts);
 * Takeout writes each contact into `All Contacts` and again into one file per label, so a contact is
 * recognised across files by its UID, or without one (Google writes none) by what it says (name, e-mails, phones) and its labels are the files it is in.
 */
import type { Contact } from '../../../model/contact';

/** Labels every contact has (or Google's system ones that are not a group a person made). */
const NOT_GROUPS = new Set(['all contacts', 'my contacts', 'mycontacts', 'starred']);

export const isGroupName = (name: string): boolean => !NOT_GROUPS.has(name.trim().toLowerCase());

/** The vCard codec names a card without a UID by its file and place (`All Contacts.vcf#12`), which differ between files. */
const PLACE_UID = /\.vcf#\d+$/i;

export function identityOf(contact: Contact): string {
  if (!PLACE_UID.test(contact.uid)) return contact.uid;
  const emails = contact.emails.map((e) => e.value.toLowerCase()).sort();
  const phones = contact.phones.map((p) => p.value.replace(/[^\d+]/g, '')).sort();
  return JSON.stringify([contact.name.formatted, contact.organization ?? '', emails, phones]);
}

export function withGroups(contact: Contact, groups: Iterable<string>): Contact {
  const all = new Set([...contact.groups, ...groups].filter(isGroupName));
  return { ...contact, groups: [...all].sort() };
}
