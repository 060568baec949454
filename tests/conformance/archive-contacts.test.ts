/**
 * The Ferry archive's contacts: every card of `contacts/*.vcf` read back once with its groups, then moved into
 * Google Contacts. What left is judged against the folder the sample archive was zipped from
 * (tests/sandbox/sample-data/archive.ts).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../model/contact';
import { parseVCardFile } from '../../model/contact-vcard';
import { ARCHIVE_ACCOUNT, archiveExporter, useSampleArchive, moveInto } from './archive-read-fixture';
import { exportAll } from './export-all';
import { contactCount, diffContacts, readContactFacts } from '../harness/contact-facts';

const { sample, dir } = useSampleArchive();

describe('Ferry archive: contacts', () => {
  it('each card once, with every field the codec reads and the groups of the files it is in', async () => {
    const { containers, items } = await exportAll<Contact>(await archiveExporter(sample().zip, 'contacts'));
    expect(containers).toEqual([{ key: `archive:${ARCHIVE_ACCOUNT}:contacts:container:contacts`, dataType: 'contacts', name: 'Contacts', isDefault: true }]);
    const folder = join(sample().folder, 'contacts');
    const expected = new Map<string, Contact>();
    for (const file of (await readdir(folder)).sort()) {
      const group = file === 'contacts.vcf' ? [] : [file.replace(/\.vcf$/, '')];
      for (const { contact } of parseVCardFile(await readFile(join(folder, file)), file).entries) {
        const known = expected.get(contact.uid);
        expected.set(contact.uid, { ...contact, groups: [...new Set([...(known?.groups ?? []), ...contact.groups, ...group])].sort((a, b) => a.localeCompare(b)) });
      }
    }
    expect(items).toHaveLength(expected.size);
    for (const item of items) {
      const want = expected.get(item.data.uid)!;
      expect(item.key).toBe(`archive:${ARCHIVE_ACCOUNT}:contacts:${want.uid}`);
      const { photo, ...rest } = item.data;
      const { photo: _none, ...wanted } = want;
      expect(rest, want.name.formatted).toEqual(wanted);
      if (photo) expect(photo.sourceUrl).toBe(item.key);
    }
    expect(items.some((i) => i.data.groups.length > 0)).toBe(true);
  });

  it('contacts → Google: every contact with every fact and group', async () => {
    const arrived = await readContactFacts(await moveInto(sample().zip, dir(), 'google', 'contacts'));
    const left = await readContactFacts(sample().folder);
    expect(contactCount(arrived)).toBe(contactCount(left));
    expect(diffContacts(left, arrived, new Set()).slice(0, 40)).toEqual([]);
  }, 120_000);
});
