import { test, expect } from '../harness/fixtures';
import { contactCount, diffContacts, readContactFacts, type ContactFactName } from '../harness/contact-facts';
import { moveAndDump, reportedLoss } from '../harness/transfer-dumps';
import type { ProviderName } from '../sandbox/core/types';
import { writeSampleContacts } from '../sandbox/sample-data/contacts';

/**
 * What each direction may lose (the field tables in adapters/*\/README.md), by the model field the report names.
 * Outlook has no e-mail or web-page types, one nickname and one web page, three e-mails, fixed phone and
 * address slots, and no year-less dates; Google keeps one type per e-mail, address and web page.
 */
const MAY_LOSE: Record<string, Partial<Record<ContactFactName, string>>> = {
  'google->microsoft': {
    emailTypes: 'emails',
    emails: 'emails',
    urls: 'urls',
    nicknames: 'nicknames',
    phones: 'phones',
    phoneTypes: 'phones',
    addresses: 'addresses',
    addressTypes: 'addresses',
    name: 'name',
    birthday: 'birthday',
    anniversary: 'anniversary',
    nameParts: 'name',
  },
  'microsoft->google': { name: 'name', emailTypes: 'emails', addressTypes: 'addresses', phoneTypes: 'phones' },
};

const directions: [ProviderName, ProviderName][] = [
  ['google', 'microsoft'],
  ['microsoft', 'google'],
];

for (const [from, to] of directions) {
  test(`contacts move ${from} → ${to}: 1,000 contacts and the real-world cards, every field`, async ({ sandbox, app, scratch }) => {
    const moved = await moveAndDump(sandbox.control, app, scratch, {
      from,
      to,
      label: 'Contacts',
      writeSample: (dir) => writeSampleContacts(dir, { count: 1000 }),
    });
    const { job } = moved;
    expect(job.status, job.statusMessage).toBe('done');
    expect(job.failures).toEqual([]);

    const left = await readContactFacts(moved.leftDir);
    const arrived = await readContactFacts(moved.arrivedDir);
    expect(contactCount(left)).toBeGreaterThanOrEqual(1000);
    expect(contactCount(arrived)).toBe(contactCount(left));
    const mayLose = MAY_LOSE[`${from}->${to}`]!;
    expect(diffContacts(left, arrived, new Set(Object.keys(mayLose) as ContactFactName[])).slice(0, 40)).toEqual([]);

    // Every difference in a lossy fact is in the report (checked for contacts keyed uniquely, while the report lists all).
    const reportComplete = job.losses.length < 1000;
    let differing = 0;
    for (const [key, wants] of left) {
      const gots = arrived.get(key) ?? [];
      if (wants.length !== 1 || gots.length !== 1) continue;
      const [want, got] = [wants[0]!, gots[0]!];
      for (const [fact, field] of Object.entries(mayLose) as [ContactFactName, string][]) {
        if (JSON.stringify(want[fact]) === JSON.stringify(got[fact])) continue;
        differing += 1;
        if (reportComplete && want.name) expect(reportedLoss(job, want.name, field), `${key} lost ${fact} without a report`).toBe(true);
      }
    }
    console.log(`[fidelity] contacts ${from} → ${to}: ${differing} differing lossy facts, ${job.losses.length} items in the loss report`);
  });
}
