import { test, expect } from '../harness/fixtures';
import { diffMail, mailCount, readMailFacts, type MailFactName } from '../harness/mail-facts';
import { moveAndDump } from '../harness/transfer-dumps';
import type { ProviderName } from '../sandbox/core/types';
import { writeSampleMail } from '../sandbox/sample-data/mail';

/**
 * What each direction may change (adapters/*\/README.md § mail), always reported per message: Graph makes every
 * imported message a draft and holds one folder per message; Gmail imports a draft as a plain message.
 */
const MAY_DIFFER: Record<string, readonly MailFactName[]> = {
  'google->microsoft': ['draft', 'folders'],
  'microsoft->google': ['draft', 'folders'],
};

const directions: [ProviderName, ProviderName][] = [
  ['google', 'microsoft'],
  ['microsoft', 'google'],
];

for (const [from, to] of directions) {
  test(`mail moves ${from} → ${to}: 1,000 messages in 10 folders and the real-world messages, byte for byte`, async ({ sandbox, app, scratch }) => {
    test.setTimeout(600_000);
    const moved = await moveAndDump(sandbox.control, app, scratch, {
      from,
      to,
      label: 'Mail',
      writeSample: (dir) => writeSampleMail(dir, { count: 1000, folders: 10 }),
      timeoutMs: 540_000,
    });
    const { job } = moved;
    expect(job.status, job.statusMessage).toBe('done');
    expect(job.failures).toEqual([]);

    const left = await readMailFacts(moved.leftDir);
    const arrived = await readMailFacts(moved.arrivedDir);
    expect(mailCount(left)).toBeGreaterThanOrEqual(1000);
    const mayDiffer = new Set(MAY_DIFFER[`${from}->${to}`]);
    // Messages over 3,000,000 bytes are rebuilt from their parts on the way into Outlook (reported per item).
    const rebuilt = (size: number) => to === 'microsoft' && size > 3_000_000;
    // A message the destination refuses (Exchange cannot convert some malformed MIME) is skipped with its reason.
    const refused = new Set(job.skipped.map((s) => s.title));
    expect(job.skipped.length).toBeLessThanOrEqual(5);
    const lossy = (m: { size: number }) => (rebuilt(m.size) ? new Set([...mayDiffer, 'bytes' as const, 'date' as const]) : mayDiffer);
    expect(diffMail(left, arrived, lossy, (m) => refused.has(m.subject || '(no subject)')).slice(0, 40)).toEqual([]);

    const folderChanges = [...left].filter(([key, [want]]) => JSON.stringify(want!.folders) !== JSON.stringify(arrived.get(key)?.[0]?.folders));
    console.log(`[fidelity] mail ${from} → ${to}: ${folderChanges.length} messages filed differently, ${job.losses.length} in the loss report`);
    expect(job.losses.length).toBeGreaterThan(0);
  });
}
