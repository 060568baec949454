/**
 * The contacts of the sample Takeout (All Contacts plus one file per label) → the Outlook contacts sandbox:
 * every contact arrives once, with its fields and its labels as groups.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeout } from '../../adapters/takeout/descriptor';
import type { Contact } from '../../model/contact';
import { parseVCardFile } from '../../model/contact-vcard';
import { FIXTURES_GROUP, writeSampleContacts } from '../sandbox/sample-data/contacts';
import { openDestination } from './archive-destinations';
import { archiveContext, chosenFiles, transfer } from './archive-transfer';
import { TAKEOUT_SAMPLE, useSampleTakeout } from './takeout-fixture';

const { sample, dir } = useSampleTakeout();

async function contactsIn(folder: string): Promise<{ contact: Contact; file: string }[]> {
  const out: { contact: Contact; file: string }[] = [];
  for (const file of await readdir(folder)) {
    for (const entry of parseVCardFile(await readFile(join(folder, file)), file).entries) out.push({ contact: entry.contact, file: file.replace(/\.vcf$/, '') });
  }
  return out;
}

describe('Takeout contacts → microsoft', () => {
  it('every contact arrives once with its name, e-mails, phones, organisation and labels', async () => {
    const target = await openDestination('microsoft', 'contacts');
    try {
      const exporter = takeout.dataTypes.contacts!.export!.create(archiveContext(await chosenFiles(sample().parts)));
      const { items, results } = await transfer(exporter, target.support.import!.create(target.ctx), target.support.import!.batchSize);
      const source = join(dir(), 'contacts-source');
      await writeSampleContacts(source, { count: TAKEOUT_SAMPLE.contacts });
      const expected = await contactsIn(join(source, 'contacts'));
      expect(items, 'each contact once, though Takeout writes it in two files').toHaveLength(expected.length);
      for (const [key, result] of results) expect(result.ok, `${key}: ${result.ok ? '' : result.error.message}`).toBe(true);
      const out = join(dir(), 'contacts-dump');
      await target.dump(out);
      const arrived = (await contactsIn(join(out, 'contacts'))).map((a) => a.contact);
      expect(arrived).toHaveLength(expected.length);
      // How Outlook spells the real-world cards is the contacts suite's business (microsoft-contacts.test.ts); here
      // the generated ones are compared field by field.
      for (const { contact, file } of expected.filter((e) => e.file !== FIXTURES_GROUP)) {
        const label = contact.name.formatted;
        const same = (a: Contact) => a.name.formatted === contact.name.formatted && a.emails[0]?.value === contact.emails[0]?.value;
        const got = arrived.find(same);
        expect(got, `${label}: arrived`).toBeDefined();
        const result = results.get(items.find((i) => same(i.data as Contact))!.key);
        const lost = new Set(result?.ok ? (result.lost ?? []).map((l) => l.field.split('.')[0]) : []);
        expect(got!.name.given, `${label}: given name`).toBe(contact.name.given);
        expect(got!.name.family, `${label}: family name`).toBe(contact.name.family);
        expect(got!.organization, `${label}: organisation`).toBe(contact.organization);
        if (!lost.has('emails')) expect(got!.emails.map((e) => e.value), `${label}: e-mails`).toEqual(contact.emails.map((e) => e.value));
        if (!lost.has('phones')) expect(got!.phones.map((p) => p.value).sort(), `${label}: phones`).toEqual(contact.phones.map((p) => p.value).sort());
        const groups = file === 'contacts' ? [] : [file];
        expect(got!.groups.filter((g) => g !== 'All Contacts').sort(), `${label}: groups`).toEqual([...new Set([...contact.groups, ...groups])].sort());
      }
    } finally {
      await target.close();
    }
  }, 120_000);
});
