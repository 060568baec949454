import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AdapterContext } from '../../../model/adapter';
import { openFerryDb } from '../../../entrypoints/background/engine';
import { personAnswered, withPersonWait, type PersonWait } from '../../../entrypoints/background/engine/person-wait';
import type { JobRecord } from '../../../entrypoints/background/engine/store';

const job = (status: JobRecord['status']): JobRecord => ({
  id: 'job-1',
  status,
  source: { provider: 'google', account: 'a' },
  destination: { provider: 'microsoft', account: 'b' },
  dataTypes: ['photos'],
  createdAt: 1,
  updatedAt: 1,
});

const context = (opened: string[]): AdapterContext => ({
  fetch: () => Promise.reject(new Error('no requests')),
  url: (u) => u,
  account: 'a',
  openPage: async (url) => {
    opened.push(url);
  },
});

describe('an exporter waiting for the person', () => {
  it('opens the page, says on the job what it waits for, and stops saying so once a page arrives', async () => {
    const db = openFerryDb(`person-wait-${process.pid}-1`);
    await db.jobs.add(job('running'));
    const opened: string[] = [];
    const wait: PersonWait = { waiting: false };
    let changes = 0;
    const ctx = withPersonWait(context(opened), wait, { db, jobId: 'job-1', sourceName: 'Google', now: () => 5, changed: () => (changes += 1) });

    await ctx.openPage!('https://photos.google.com/picker/s1');
    expect(opened).toEqual(['https://photos.google.com/picker/s1']);
    expect((await db.jobs.get('job-1'))?.statusMessage).toBe('Waiting for your choice in the Google tab that opened.');
    expect(changes).toBe(1);

    await personAnswered(wait, db, 'job-1', 6);
    expect((await db.jobs.get('job-1'))?.statusMessage).toBeUndefined();
    expect(wait.waiting).toBe(false);
  });

  it('leaves a paused job’s message alone', async () => {
    const db = openFerryDb(`person-wait-${process.pid}-2`);
    await db.jobs.add({ ...job('paused'), statusMessage: 'Paused.' });
    const wait: PersonWait = { waiting: false };
    const ctx = withPersonWait(context([]), wait, { db, jobId: 'job-1', sourceName: 'Google', now: () => 5, changed: () => undefined });
    await ctx.openPage!('https://photos.google.com/picker/s2');
    await personAnswered(wait, db, 'job-1', 6);
    expect((await db.jobs.get('job-1'))?.statusMessage).toBe('Paused.');
  });

  it('gives no openPage where nobody can look', () => {
    const { openPage: _none, ...bare } = context([]);
    const ctx = withPersonWait(bare, { waiting: false }, { db: openFerryDb('unused'), jobId: 'x', sourceName: 'Google', now: () => 0, changed: () => undefined });
    expect(ctx.openPage).toBeUndefined();
  });
});
