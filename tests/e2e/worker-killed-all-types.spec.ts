import path from 'node:path';
import { test, expect } from '../harness/fixtures';
import { stopServiceWorker } from '../harness/browser';
import { contactCount, readContactFacts } from '../harness/contact-facts';
import { diffMail, mailCount, readMailFacts, type MailFactName } from '../harness/mail-facts';
import { readPhotoFacts } from '../harness/photo-facts';
import { startTransfer } from '../harness/scenario';
import { readTaskFacts } from '../harness/task-facts';
import type { ProviderName } from '../sandbox/core/types';
import { writeSampleContacts } from '../sandbox/sample-data/contacts';
import { writeSampleMail } from '../sandbox/sample-data/mail';
import { writeSamplePhotos } from '../sandbox/sample-data/photos';
import { writeSampleTasks } from '../sandbox/sample-data/tasks';

const STOPS = 4;
/** Mail facts each direction changes on purpose, reported per message (see mail-transfer.spec.ts). */
const MAIL_MAY_DIFFER: readonly MailFactName[] = ['draft', 'folders'];

const directions: [ProviderName, ProviderName][] = [
  ['google', 'microsoft'],
  ['microsoft', 'google'],
];

for (const [from, to] of directions) {
  test(`${from} → ${to}: contacts, tasks, mail, photos and videos in one transfer, the worker stopped four times: each item exactly once`, async ({
    sandbox,
    app,
    ferry,
    scratch,
  }) => {
    test.setTimeout(900_000);
    const seed = path.join(scratch, 'seed');
    await writeSampleContacts(seed, { count: 300 });
    await writeSampleTasks(seed, { lists: 5, count: 150 });
    // Generated mail only, one message over 3 MB among it: its copy into Outlook is rebuilt in several requests.
    await writeSampleMail(seed, { count: 200, folders: 5, fixtures: false, sharedIdPairs: 0 });
    await writeSamplePhotos(seed, { photos: 60, videos: 2, albums: 4 });
    await sandbox.control.seed(from, seed);
    await sandbox.control.dump(from, path.join(scratch, 'left'));

    await startTransfer(app, { from, to, types: ['Contacts', 'Tasks', 'Mail', 'Photos and videos'] });
    const moved = (j: Awaited<ReturnType<typeof app.waitForJob>>) => j.progress.reduce((n, p) => n + p.moved, 0);
    const total = (j: Awaited<ReturnType<typeof app.waitForJob>>) => j.progress.reduce((n, p) => n + p.total, 0);
    const stops: number[] = [];
    for (let i = 1; i <= STOPS; i += 1) {
      const job = await app.waitForJob((j) => j.status !== 'running' || moved(j) >= (i / (STOPS + 1)) * Math.max(total(j), 700), 400_000);
      if (job.status !== 'running') break;
      await stopServiceWorker(ferry.context, app.page);
      stops.push(moved(job));
    }
    expect(stops.length, `stopped at ${stops.join(', ')} moved items`).toBeGreaterThanOrEqual(3);

    const job = await app.waitForJob(undefined, 400_000);
    expect(job.status, job.statusMessage).toBe('done');
    expect(job.failures).toEqual([]);
    expect(job.skipped).toEqual([]);
    const [left, arrived] = [path.join(scratch, 'left'), path.join(scratch, 'arrived')];
    await sandbox.control.dump(to, arrived);

    const [leftContacts, arrivedContacts] = await Promise.all([readContactFacts(left), readContactFacts(arrived)]);
    expect(contactCount(arrivedContacts)).toBe(contactCount(leftContacts));
    expect([...arrivedContacts.keys()].sort()).toEqual([...leftContacts.keys()].sort());
    const [leftTasks, arrivedTasks] = await Promise.all([readTaskFacts(left), readTaskFacts(arrived)]);
    expect([...arrivedTasks.keys()].sort()).toEqual([...leftTasks.keys()].sort());
    const [leftMail, arrivedMail] = await Promise.all([readMailFacts(left), readMailFacts(arrived)]);
    expect(mailCount(leftMail)).toBe(200);
    expect(mailCount(arrivedMail)).toBe(mailCount(leftMail));
    const rebuilt = (m: { size: number }) => to === 'microsoft' && m.size > 3_000_000;
    const mayDiffer = (m: { size: number }) => new Set<MailFactName>([...MAIL_MAY_DIFFER, ...(rebuilt(m) ? (['bytes', 'date'] as const) : [])]);
    expect(diffMail(leftMail, arrivedMail, mayDiffer).slice(0, 20)).toEqual([]);
    const [leftPhotos, arrivedPhotos] = await Promise.all([readPhotoFacts(left), readPhotoFacts(arrived)]);
    expect([...arrivedPhotos.keys()].sort()).toEqual([...leftPhotos.keys()].sort());
  });
}
