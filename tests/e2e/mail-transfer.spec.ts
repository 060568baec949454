import { test, expect } from '../harness/fixtures';
import { diffMail, mailCount, readMailFacts, type MailFactName } from '../harness/mail-facts';
import { moveAndDump } from '../harness/transfer-dumps';
import { LIST_LIMIT } from '../../entrypoints/background/engine/job-view';
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
    // Outlook holds no mbox text without header fields, so a Microsoft account is seeded with a few less.
    expect(mailCount(left)).toBeGreaterThanOrEqual(from === 'microsoft' ? 990 : 1000);
    const mayDiffer = new Set(MAY_DIFFER[`${from}->${to}`]);
    // Messages over 3,000,000 bytes are rebuilt from their parts on the way into Outlook (reported per item).
    const rebuilt = (size: number) => to === 'microsoft' && size > 3_000_000;
    // A message the destination refuses (Exchange cannot convert some malformed MIME) is skipped with its reason.
    const refused = new Set(job.skipped.map((s) => s.title));
    expect(job.skipped.length).toBeLessThanOrEqual(5);
    const lossy = (m: { size: number }) => (rebuilt(m.size) ? new Set([...mayDiffer, 'bytes' as const, 'date' as const]) : mayDiffer);
    // Gmail keeps one message per Message-ID; Ferry finds an Outlook message by its Message-ID in the folder it
    // files it in (a Gmail message's first system label, else its first user label, else Archive).
    const filing = (folders: readonly string[]) =>
      ['Drafts', 'Junk', 'Trash', 'Inbox', 'Sent'].find((f) => folders.includes(f)) ?? folders.filter((f) => f !== 'Archive')[0] ?? 'Archive';
    const copiesArriving = (copies: readonly { folders: string[] }[]) => (to === 'google' ? 1 : new Set(copies.map((c) => filing(c.folders))).size);
    expect(diffMail(left, arrived, lossy, (m) => refused.has(m.subject || '(no subject)'), copiesArriving).slice(0, 40)).toEqual([]);

    // Every copy that arrived as one with another is in the report, by name (when the report holds every loss).
    const merged = [...left].filter(([key, copies]) => key.startsWith('<') && copies.length > 1);
    expect(merged.length, 'the sample holds copies sharing a Message-ID').toBeGreaterThan(0);
    const mergedCount = merged.reduce((n, [, copies]) => n + copies.length - copiesArriving(copies), 0);
    const reportedMerges = job.losses.filter((l) => l.fields.some((f) => f.field === 'messageId' && /arrived as one with/.test(f.reason)));
    if (job.losses.length < LIST_LIMIT) expect(reportedMerges.length, 'copies reported as arrived as one').toBe(mergedCount);
    else expect(reportedMerges.length).toBeLessThanOrEqual(mergedCount);

    const folderChanges = [...left].filter(([key, [want]]) => JSON.stringify(want!.folders) !== JSON.stringify(arrived.get(key)?.[0]?.folders));
    console.log(`[fidelity] mail ${from} → ${to}: ${folderChanges.length} messages filed differently, ${job.losses.length} in the loss report`);
    expect(job.losses.length).toBeGreaterThan(0);
  });
}
