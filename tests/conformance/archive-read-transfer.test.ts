/**
 * The sample Ferry archive moved into the Google and Microsoft sandboxes through the archive's exporters and the
 * providers' importers, then the destination dumped in the archive layout and judged by the facts readers
 * (tests/harness/*-facts.ts) against the folder the archive was zipped from: what left is what arrived.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataType } from '../../model/adapter';
import { diffCalendars, readCalendarFacts } from '../harness/calendar-facts';
import { contactCount, diffContacts, readContactFacts } from '../harness/contact-facts';
import { diffMail, mailCount, readMailFacts } from '../harness/mail-facts';
import { diffPhotos, readPhotoFacts } from '../harness/photo-facts';
import { diffTasks, readTaskFacts } from '../harness/task-facts';
import { openDestination } from './archive-destinations';
import { archiveExporter, useSampleArchive } from './archive-read-fixture';
import { transfer } from './archive-transfer';
import { readTree } from './files-tree';

const { sample, dir } = useSampleArchive();

/** Moves the archive's `dataType` into the destination and dumps it; answers the dump's folder. */
async function moveInto(destination: 'google' | 'microsoft', dataType: DataType): Promise<string> {
  const target = await openDestination(destination, dataType);
  try {
    const exporter = await archiveExporter(sample().zip, dataType);
    const { items, results } = await transfer(exporter, target.support.import!.create(target.ctx), target.support.import!.batchSize);
    expect(items.length, `${dataType}: items exported`).toBeGreaterThan(0);
    const failed = [...results.values()].flatMap((r) => (r.ok ? [] : [`${r.key}: ${r.error.message}`]));
    expect(failed).toEqual([]);
    expect(results.size).toBe(items.length);
    const out = join(dir(), `${dataType}-${destination}`);
    await target.dump(out);
    return out;
  } finally {
    await target.close();
  }
}

describe('Ferry archive → sandboxes', () => {
  it('calendar → Google: every event with every fact', async () => {
    const arrived = await readCalendarFacts(await moveInto('google', 'calendar'), ['alice@example.com']);
    const left = await readCalendarFacts(sample().folder, ['alice@example.com']);
    expect(left.events.size).toBeGreaterThan(0);
    expect(arrived.duplicates).toEqual([]);
    // Google Calendar has no categories (adapters/google/README.md, "Calendar"); its importer reports them lost.
    expect(diffCalendars(left.events, arrived.events, new Set(['categories']))).toEqual([]);
  }, 120_000);

  it('contacts → Google: every contact with every fact and group', async () => {
    const arrived = await readContactFacts(await moveInto('google', 'contacts'));
    const left = await readContactFacts(sample().folder);
    expect(contactCount(arrived)).toBe(contactCount(left));
    expect(diffContacts(left, arrived, new Set()).slice(0, 40)).toEqual([]);
  }, 120_000);

  it('tasks → Google: every task with its list, order, notes, due date, status and parent', async () => {
    const arrived = await readTaskFacts(await moveInto('google', 'tasks'));
    const left = await readTaskFacts(sample().folder);
    expect(arrived.size).toBe(left.size);
    expect(diffTasks(left, arrived, new Set())).toEqual([]);
  }, 120_000);

  it('tasks → Microsoft To Do: every task, subtasks as checklist items without their notes and due dates', async () => {
    const arrived = await readTaskFacts(await moveInto('microsoft', 'tasks'));
    const left = await readTaskFacts(sample().folder);
    // To Do has no order among tasks and holds a subtask as a checklist item (adapters/microsoft/README.md, "Tasks").
    expect(diffTasks(left, arrived, new Set(['order']), new Set(['notes', 'due']))).toEqual([]);
  }, 120_000);

  it('mail → Google: every message byte for byte, with its folders, labels and flags', async () => {
    const arrived = await readMailFacts(await moveInto('google', 'mail'));
    const left = await readMailFacts(sample().folder);
    expect(mailCount(arrived)).toBe(mailCount(left));
    expect(diffMail(left, arrived, () => new Set()).slice(0, 40)).toEqual([]);
  }, 120_000);

  it('photos → Google: every photo and video in its album, with its bytes, capture time and description', async () => {
    const arrived = await readPhotoFacts(await moveInto('google', 'photos'));
    const left = await readPhotoFacts(sample().folder);
    expect(arrived.size).toBe(left.size);
    // Google Photos dates an item only by its file: a JPEG gets the sidecar's time stamped in, a video cannot.
    const videos = new Set([...left.entries()].filter(([name]) => name.endsWith('.mp4')).map(([, f]) => f.bytes));
    const lossy = (f: { bytes: string }) => new Set(videos.has(f.bytes) ? (['captureTime'] as const) : []);
    expect(videos.size).toBeGreaterThan(0);
    expect(diffPhotos(left, arrived, lossy).slice(0, 40)).toEqual([]);
  }, 120_000);

  it('files → OneDrive: the folder tree with empty folders, bytes and modified times', async () => {
    const out = await moveInto('microsoft', 'files');
    const left = await readTree(join(sample().folder, 'files'));
    const arrived = await readTree(join(out, 'files', 'ferry-archive-2026-03-14'));
    for (const [path, want] of left) {
      const got = arrived.get(path);
      expect(got, `${path}: arrived`).toBeDefined();
      expect(got!.kind, path).toBe(want.kind);
      if (want.kind === 'folder') continue;
      expect({ size: got!.size, sha256: got!.sha256, mtime: got!.mtime }, path).toEqual({ size: want.size, sha256: want.sha256, mtime: want.mtime });
    }
    expect(arrived.size).toBe(left.size);
  }, 120_000);
});
