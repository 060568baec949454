import path from 'node:path';
import { test, expect } from '../harness/fixtures';
import { stopServiceWorker } from '../harness/browser';
import { contactCount, readContactFacts } from '../harness/contact-facts';
import { readPhotoFacts } from '../harness/photo-facts';
import { startTransfer } from '../harness/scenario';
import { readTaskFacts } from '../harness/task-facts';
import { writeSampleContacts } from '../sandbox/sample-data/contacts';
import { writeSamplePhotos } from '../sandbox/sample-data/photos';
import { writeSampleTasks } from '../sandbox/sample-data/tasks';

const TRANSFER = { from: 'google', to: 'microsoft' } as const;
const STOPS = 4;

test('contacts, tasks, photos and videos in one transfer, the worker stopped four times: each item exactly once', async ({ sandbox, app, ferry, scratch }) => {
  test.setTimeout(600_000);
  const seed = path.join(scratch, 'seed');
  await writeSampleContacts(seed, { count: 300 });
  await writeSampleTasks(seed, { lists: 5, count: 150 });
  await writeSamplePhotos(seed, { photos: 60, videos: 2, albums: 4 });
  await sandbox.control.seed('google', seed);
  await sandbox.control.dump('google', path.join(scratch, 'left'));

  await startTransfer(app, { ...TRANSFER, types: ['Contacts', 'Tasks', 'Photos and videos'] });
  const moved = (j: Awaited<ReturnType<typeof app.waitForJob>>) => j.progress.reduce((n, p) => n + p.moved, 0);
  const total = (j: Awaited<ReturnType<typeof app.waitForJob>>) => j.progress.reduce((n, p) => n + p.total, 0);
  const stops: number[] = [];
  for (let i = 1; i <= STOPS; i += 1) {
    const job = await app.waitForJob((j) => j.status !== 'running' || moved(j) >= (i / (STOPS + 1)) * Math.max(total(j), 500), 300_000);
    if (job.status !== 'running') break;
    await stopServiceWorker(ferry.context, app.page);
    stops.push(moved(job));
  }
  expect(stops.length, `stopped at ${stops.join(', ')} moved items`).toBeGreaterThanOrEqual(3);

  const job = await app.waitForJob(undefined, 300_000);
  expect(job.status, job.statusMessage).toBe('done');
  expect(job.failures).toEqual([]);
  await sandbox.control.dump('microsoft', path.join(scratch, 'arrived'));

  const [leftContacts, arrivedContacts] = await Promise.all([readContactFacts(path.join(scratch, 'left')), readContactFacts(path.join(scratch, 'arrived'))]);
  expect(contactCount(arrivedContacts)).toBe(contactCount(leftContacts));
  expect([...arrivedContacts.keys()].sort()).toEqual([...leftContacts.keys()].sort());
  const [leftTasks, arrivedTasks] = await Promise.all([readTaskFacts(path.join(scratch, 'left')), readTaskFacts(path.join(scratch, 'arrived'))]);
  expect([...arrivedTasks.keys()].sort()).toEqual([...leftTasks.keys()].sort());
  const [leftPhotos, arrivedPhotos] = await Promise.all([readPhotoFacts(path.join(scratch, 'left')), readPhotoFacts(path.join(scratch, 'arrived'))]);
  expect([...arrivedPhotos.keys()].sort()).toEqual([...leftPhotos.keys()].sort());
});
