/**
 * An archive's vCard files → model contacts (README.md, "Contacts"). The cards are read by the vCard codec
 * (model/contact-vcard.ts). `contacts/<group>.vcf` holds the contacts of a group and `contacts/contacts.vcf` those
 * in none; a card found in several files (same UID) is one contact, in the groups of every file it is in and every
 * group its CATEGORIES names.
 */
import type { Contact } from '../../../model/contact';

export const UNGROUPED_FILE = 'contacts.vcf';

/** The group a file stands for, or undefined for the file of contacts in no group. */
export function groupOfFile(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.toLowerCase() === UNGROUPED_FILE ? undefined : name.replace(/\.vcf$/i, '');
}

export function withGroups(contact: Contact, groups: Iterable<string>): Contact {
  const all = new Set([...contact.groups, ...groups].map((g) => g.trim()).filter(Boolean));
  return { ...contact, groups: [...all].sort((a, b) => a.localeCompare(b)) };
}
