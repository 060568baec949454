/**
 * The archive's layout for what the Google sandbox does not cover: a file tree (empty folders, names two systems
 * would confuse, modified times), posts as an ActivityStreams outbox, calendar metadata and names, and staging cut
 * short by a killed worker. Items are handed to the importers as the engine hands them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archive } from '../../adapters/archive/descriptor';
import { contentFile, itemFolder } from '../../adapters/archive/scratch-layout';
import { writeArchive } from '../../adapters/archive/write-archive';
import { AdapterError, type AdapterContext, type ContentStream, type DataType, type DataTypeSupport, type ImportItem, type Importer, type ItemData } from '../../model/adapter';
import type { CalendarEvent } from '../../model/calendar';
import { parseCalendarFile } from '../../model/calendar-ics';
import type { FileEntry } from '../../model/file';
import type { Post } from '../../model/post';
import { archiveDestination, extractArchive, jobOf, manifestProblems, type ArchiveScratch } from './archive-write';

let work: string;
let ctx: AdapterContext;
let scratch: ArchiveScratch;

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ferry-archive-layout-'));
  ({ ctx, scratch } = archiveDestination(path.join(work, 'archive')));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const importerFor = (dataType: DataType): Importer => (archive.dataTypes[dataType] as DataTypeSupport).import!.create(ctx);

const textContent = (text: string): ContentStream => ({ body: new Blob([text]).stream(), size: new Blob([text]).size, offset: 0 });

function item<T extends ItemData>(dataType: DataType, key: string, title: string, data: T, containerId: string, content?: string): ImportItem<T> {
  return { key, dataType, title, data, containerId, ...(content !== undefined && { content: () => Promise.resolve(textContent(content)) }) };
}

async function writeAndExtract(dataTypes: DataType[]) {
  const written = await writeArchive(ctx, jobOf(dataTypes, { provider: 'test', name: 'Test', account: 'someone@example.com' }));
  const dir = path.join(work, 'extracted');
  const extracted = await extractArchive(scratch.outputPath(written.output), dir);
  expect(await manifestProblems(dir, extracted)).toEqual([]);
  return { dir, extracted };
}

const fileEntry = (kind: FileEntry['kind'], entryPath: string, extra: Partial<FileEntry> = {}): FileEntry => ({
  kind,
  path: entryPath,
  name: entryPath.split('/').pop()!,
  sizeBytes: 0,
  hashes: {},
  ...extra,
});

describe('files in the archive', () => {
  it('keeps the tree, empty folders, modified times, and names two files apart that differ only in case', async () => {
    const importer = importerFor('files');
    const root = await importer.ensureContainer({ key: 'test:me:files:container:root', dataType: 'files', name: 'My files' });
    const entries: [FileEntry, string | undefined][] = [
      [fileEntry('folder', 'Docs'), undefined],
      [fileEntry('folder', 'Docs/Empty'), undefined],
      [fileEntry('file', 'Docs/notes.txt', { mimeType: 'text/plain', modified: '2024-05-06T07:08:10Z' }), 'first notes'],
      [fileEntry('file', 'Docs/Notes.txt', { mimeType: 'text/plain', modified: '2024-05-06T07:08:10Z' }), 'other notes'],
      [fileEntry('file', 'photo.jpg', { mimeType: 'image/jpeg', modified: '2023-01-02T03:04:06Z' }), 'not really a jpeg'],
    ];
    const results = await importer.importBatch(entries.map(([entry, content]) => item('files', `test:me:files:${entry.path}`, entry.name, entry, root, content)));
    expect(results.every((r) => r.ok)).toBe(true);

    const { dir, extracted } = await writeAndExtract(['files']);
    const names = extracted.entries.map((e) => e.filename).sort();
    expect(names).toEqual(['files/Docs/', 'files/Docs/Empty/', 'files/Docs/Notes (2).txt', 'files/Docs/notes.txt', 'files/photo.jpg', 'manifest.json']);
    expect(await readFile(path.join(dir, 'files/Docs/notes.txt'), 'utf8')).toBe('first notes');
    expect(await readFile(path.join(dir, 'files/Docs/Notes (2).txt'), 'utf8')).toBe('other notes');
    const photo = extracted.entries.find((e) => e.filename === 'files/photo.jpg')!;
    expect(photo.lastModDate.toISOString()).toBe('2023-01-02T03:04:06.000Z');
    expect(photo.compressionMethod).toBe(0);
    expect(extracted.manifest.counts).toEqual({ files: 3 });
  });
});

describe('posts in the archive', () => {
  it('writes an ActivityStreams outbox of Create activities holding Notes, in the order they came', async () => {
    const importer = importerFor('posts');
    const feed = await importer.ensureContainer({ key: 'test:me:posts:container:feed', dataType: 'posts', name: 'Posts' });
    const posts: Post[] = [
      { id: 'https://social.example/notes/1', content: '<p>Hello</p>', published: '2024-01-01T10:00:00Z', tags: ['hello'], attachments: [], visibility: 'public', language: 'en' },
      {
        id: 'https://social.example/notes/2',
        content: 'Look',
        published: '2024-01-02T10:00:00Z',
        summary: 'cw',
        sensitive: true,
        inReplyTo: 'https://social.example/notes/1',
        tags: [],
        attachments: [{ mediaType: 'image/jpeg', url: 'https://social.example/media/1.jpg', name: 'A cat' }],
        visibility: 'unlisted',
      },
      { id: 'https://social.example/notes/3', content: 'Psst', published: '2024-01-03T10:00:00Z', tags: [], attachments: [], visibility: 'direct' },
    ];
    const results = await importer.importBatch(posts.map((post) => item('posts', `test:me:posts:${post.id}`, post.content, post, feed)));
    expect(results.map((r) => r.ok && r.lost)).toEqual([undefined, undefined, [{ field: 'visibility', reason: expect.stringContaining('direct') }]]);

    const { dir, extracted } = await writeAndExtract(['posts']);
    const outbox = JSON.parse(await readFile(path.join(dir, 'posts/outbox.json'), 'utf8'));
    expect(outbox).toMatchObject({ type: 'OrderedCollection', totalItems: 3 });
    expect(outbox['@context'][0]).toBe('https://www.w3.org/ns/activitystreams');
    expect(outbox.orderedItems.map((a: { type: string }) => a.type)).toEqual(['Create', 'Create', 'Create']);
    const notes = outbox.orderedItems.map((a: { object: unknown }) => a.object);
    expect(notes[0]).toEqual({
      type: 'Note',
      id: 'https://social.example/notes/1',
      published: '2024-01-01T10:00:00Z',
      content: '<p>Hello</p>',
      contentMap: { en: '<p>Hello</p>' },
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      cc: [],
      tag: [{ type: 'Hashtag', name: 'hello' }],
      attachment: [],
    });
    expect(notes[1]).toMatchObject({
      summary: 'cw',
      sensitive: true,
      inReplyTo: 'https://social.example/notes/1',
      to: [],
      cc: ['https://www.w3.org/ns/activitystreams#Public'],
      attachment: [{ type: 'Image', mediaType: 'image/jpeg', url: 'https://social.example/media/1.jpg', name: 'A cat' }],
    });
    expect(notes[2]).toMatchObject({ to: [], cc: [] });
    expect(extracted.manifest.counts).toEqual({ posts: 3 });
  });
});

const event = (uid: string, title: string, day: number): CalendarEvent => ({
  uid,
  title,
  start: { dateTime: `2025-02-${String(day).padStart(2, '0')}T09:00:00`, timeZone: 'Europe/Berlin' },
  end: { dateTime: `2025-02-${String(day).padStart(2, '0')}T10:00:00`, timeZone: 'Europe/Berlin' },
  status: 'confirmed',
  busy: 'busy',
  visibility: 'default',
  attendees: [],
});

describe('calendars in the archive', () => {
  it('names the default calendar primary.ics, keeps each calendar’s metadata and its events in the order they came', async () => {
    const importer = importerFor('calendar');
    const main = await importer.ensureContainer({ key: 'test:me:calendar:container:main', dataType: 'calendar', name: 'Me', isDefault: true, timeZone: 'Europe/Berlin' });
    const work1 = await importer.ensureContainer({ key: 'test:me:calendar:container:w1', dataType: 'calendar', name: 'Work', color: '#aa3300', description: 'Office' });
    const work2 = await importer.ensureContainer({ key: 'test:me:calendar:container:w2', dataType: 'calendar', name: 'work' });
    await importer.ensureContainer({ key: 'test:me:calendar:container:empty', dataType: 'calendar', name: 'primary' });
    expect(await importer.ensureContainer({ key: 'test:me:calendar:container:w1', dataType: 'calendar', name: 'Work', color: '#aa3300', description: 'Office' })).toBe(work1);

    await importer.importBatch([item('calendar', 'k3', 'Late', event('u3', 'Late', 20), main), item('calendar', 'k1', 'Early', event('u1', 'Early', 3), main)]);
    // A worker killed here: the next importer goes on numbering where the last one stopped.
    await importerFor('calendar').importBatch([item('calendar', 'k2', 'Middle', event('u2', 'Middle', 10), main), item('calendar', 'k4', 'Standup', event('u4', 'Standup', 4), work1)]);
    await importerFor('calendar').importBatch([item('calendar', 'k5', 'Review', event('u5', 'Review', 5), work2)]);

    const { dir, extracted } = await writeAndExtract(['calendar']);
    expect(extracted.entries.map((e) => e.filename)).toEqual(['calendar/primary.ics', 'calendar/Work.ics', 'calendar/work (2).ics', 'calendar/primary (2).ics', 'manifest.json']);
    const primary = parseCalendarFile(await readFile(path.join(dir, 'calendar/primary.ics'), 'utf8'));
    expect(primary.calendar).toMatchObject({ name: 'Me', timeZone: 'Europe/Berlin' });
    expect(primary.events.map((e) => e.title)).toEqual(['Late', 'Early', 'Middle']);
    const work = parseCalendarFile(await readFile(path.join(dir, 'calendar/Work.ics'), 'utf8'));
    expect(work.calendar).toMatchObject({ name: 'Work', color: '#aa3300', description: 'Office' });
    expect(extracted.manifest.counts).toEqual({ calendar: 5 });
  });
});

describe('staging cut short', () => {
  it('stages again an item whose bytes were written but whose record was not', async () => {
    const importer = importerFor('mail');
    const inbox = await importer.ensureContainer({ key: 'test:me:mail:container:Inbox', dataType: 'mail', name: 'Inbox', isDefault: true });
    const raw = 'From: Ann <ann@example.com>\r\nSubject: Hi\r\nMessage-ID: <1@example.com>\r\n\r\nFrom here on\r\n';
    const message = item('mail', 'test:me:mail:1', 'Hi', { messageId: '<1@example.com>', subject: 'Hi', date: '2024-03-01T10:00:00Z', folders: ['Inbox', 'Work'], read: true, flagged: true, important: false, draft: false, rawSource: 'x' }, inbox, raw);
    await scratch.write(contentFile(itemFolder('mail', message.key)), 'half a mess');
    expect(await importer.lookup([message])).toEqual(new Map());
    expect(await importer.importBatch([message])).toEqual([{ key: message.key, ok: true, destinationId: itemFolder('mail', message.key) }]);
    expect(await importer.lookup([message])).toEqual(new Map([[message.key, itemFolder('mail', message.key)]]));

    const { dir } = await writeAndExtract(['mail']);
    const mbox = await readFile(path.join(dir, 'mail/Inbox.mbox'), 'latin1');
    expect(mbox).toBe(`From ann@example.com Fri Mar  1 10:00:00 2024\nX-Gmail-Labels: Work\r\nStatus: RO\r\nX-Status: F\r\n${raw.replace('\r\nFrom here', '\r\n>From here')}\n`);
  });

  it('stops the job for a full disk while the zip is written, naming the archive', async () => {
    await importerFor('calendar').ensureContainer({ key: 'test:me:calendar:container:c', dataType: 'calendar', name: 'C', isDefault: true });
    const full = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const diskFull = { ...ctx, localFiles: { scratch: { ...scratch, openOutput: async () => new WritableStream<Uint8Array>({ write: () => Promise.reject(full) }) } } };
    const failure = await writeArchive(diskFull, jobOf(['calendar'], { provider: 'test', name: 'Test', account: 'someone@example.com' })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AdapterError);
    expect(failure).toMatchObject({ errorClass: 'fatal', details: { fatalReason: 'storage-full' } });
    expect((failure as Error).message).toMatch(/^The disk is full: ferry-archive-\d{4}-\d{2}-\d{2}\.zip could not be written/);
  });

  it('stops the job with a clear message when no folder was given to write into', async () => {
    const bare = (archive.dataTypes.calendar as DataTypeSupport).import!.create({ ...ctx, localFiles: {} });
    const failure = await bare.ensureContainer({ key: 'k', dataType: 'calendar', name: 'C' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AdapterError);
    expect(failure).toMatchObject({ errorClass: 'fatal' });
  });
});
