/** The upload checkpoints the engine keeps per item in flight: what survives a new worker, and what is removed. */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { deleteJobRecords, openFerryDb, type ItemRecord } from '../../../entrypoints/background/engine/store';
import { resolveImportItems } from '../../../entrypoints/background/engine/import-items';
import { uploadProgress } from '../../../entrypoints/background/engine/upload-checkpoints';
import type { ContentStream, Exporter } from '../../../model/adapter';

let counter = 0;
const dbName = () => `ferry-uploads-${process.pid}-${counter++}`;
const checkpoint = { sessionUrl: 'https://upload.example/session/1', committed: 8 * 1024 * 1024, size: 40_000_000, savedAt: 1_700_000_000_000 };

const record = (key: string): ItemRecord => ({
  jobId: 'job',
  key,
  dataType: 'photos',
  state: 'in-flight',
  title: 'clip.mp4',
  data: { fileName: 'clip.mp4', mimeType: 'video/mp4', downloadSource: 'src' },
  attempts: 0,
  updatedAt: 0,
});

describe('upload checkpoints', () => {
  it('a checkpoint saved by one worker is what a new one loads, per job and item, until cleared', async () => {
    const name = dbName();
    const first = openFerryDb(name);
    await uploadProgress(first, 'job', 'a').save(checkpoint);
    await uploadProgress(first, 'job', 'a').save({ ...checkpoint, committed: 12 * 1024 * 1024 });
    first.close();

    const second = openFerryDb(name);
    expect(await uploadProgress(second, 'job', 'a').load()).toEqual({ ...checkpoint, committed: 12 * 1024 * 1024 });
    expect(await uploadProgress(second, 'job', 'b').load()).toBeUndefined();
    expect(await uploadProgress(second, 'other-job', 'a').load()).toBeUndefined();
    await uploadProgress(second, 'job', 'a').clear();
    expect(await uploadProgress(second, 'job', 'a').load()).toBeUndefined();
    second.close();
  });

  it('an item resolved inside the claim’s transaction saves its checkpoint after that transaction ended', async () => {
    const db = openFerryDb(dbName());
    const exporter: Exporter = { dataType: 'photos', exportPage: async () => ({ containers: [], items: [] }), openContent: async () => ({ body: new ReadableStream(), offset: 0 }) };
    const { items } = await db.transaction('rw', [db.items, db.containers, db.failures], async () => {
      await db.items.put(record('a'));
      return resolveImportItems(db, [record('a')], exporter);
    });
    await items[0]!.upload!.save(checkpoint);
    expect(await db.uploads.get(['job', 'a'])).toEqual({ ...checkpoint, jobId: 'job', key: 'a' });
    db.close();
  });

  it('forgetting a job removes its checkpoints and no other job’s', async () => {
    const db = openFerryDb(dbName());
    await uploadProgress(db, 'job', 'a').save(checkpoint);
    await uploadProgress(db, 'other-job', 'a').save(checkpoint);
    await deleteJobRecords(db, 'job');
    expect(await db.uploads.toArray()).toEqual([{ ...checkpoint, jobId: 'other-job', key: 'a' }]);
    db.close();
  });

  it('a database of the first schema keeps its items and gains the table', async () => {
    const name = dbName();
    const old = new Dexie(name);
    old.version(1).stores({
      jobs: 'id, status',
      cursors: '[jobId+dataType], jobId',
      containers: '[jobId+key], jobId',
      items: '[jobId+key], jobId, [jobId+dataType+state], [jobId+state], [jobId+parentKey], [jobId+lossFlag]',
      failures: '[jobId+key], jobId, [jobId+kind]',
    });
    await old.table('items').put(record('a'));
    old.close();

    const db = openFerryDb(name);
    expect((await db.items.get(['job', 'a']))?.title).toBe('clip.mp4');
    await uploadProgress(db, 'job', 'a').save(checkpoint);
    expect(await uploadProgress(db, 'job', 'a').load()).toEqual(checkpoint);
    db.close();
  });

  it('items whose source streams bytes get the content (from a byte) and their checkpoint', async () => {
    const db = openFerryDb(dbName());
    const asked: number[] = [];
    const exporter: Exporter = {
      dataType: 'photos',
      exportPage: async () => ({ containers: [], items: [] }),
      openContent: async (_item, from = 0): Promise<ContentStream> => {
        asked.push(from);
        return { body: new ReadableStream({ start: (c) => c.close() }), offset: from, size: 10 };
      },
    };
    await uploadProgress(db, 'job', 'a').save(checkpoint);
    const { items } = await resolveImportItems(db, [record('a')], exporter);
    expect(await items[0]!.upload!.load()).toEqual(checkpoint);
    expect((await items[0]!.content!(7)).offset).toBe(7);
    expect(asked).toEqual([7]);
    const withoutBytes = await resolveImportItems(db, [record('a')], { dataType: 'photos', exportPage: exporter.exportPage });
    expect(withoutBytes.items[0]!.upload).toBeUndefined();
    db.close();
  });
});
