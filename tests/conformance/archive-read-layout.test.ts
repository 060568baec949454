/**
 * The archive's exporters read back, field by field, what the sample writers put in the layout folder the sample
 * zip was made from: each data type against the folder read by the model codecs (or the sample's own values),
 * bytes through openContent, from the start and from an offset.
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContentStream } from '../../model/adapter';
import { parseCalendarFile } from '../../model/calendar-ics';
import type { CalendarEvent } from '../../model/calendar';
import type { Contact } from '../../model/contact';
import { parseVCardFile } from '../../model/contact-vcard';
import type { FileEntry } from '../../model/file';
import type { MailMessage } from '../../model/mail';
import { readArchivedMessage } from '../../model/mail-archive';
import { readMbox } from '../../model/mail-mbox';
import type { MediaItem } from '../../model/media';
import { parseSidecar } from '../../model/media-sidecar';
import type { Post } from '../../model/post';
import type { Task } from '../../model/task';
import { parseTaskFile } from '../../model/task-ics';
import { ARCHIVE_ACCOUNT, archiveExporter, useSampleArchive } from './archive-read-fixture';
import { exportAll } from './export-all';
import { SAMPLE_EMPTY_FOLDER, readTree } from './files-tree';
import { writeZip } from '../sandbox/sample-data/zip-file';

const { sample, dir } = useSampleArchive();

async function bytesOf(content: ContentStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of content.body as unknown as AsyncIterable<Uint8Array>) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

describe('Ferry archive read back: calendar', () => {
  it('every calendar is a container with its name, and every event arrives as the codec reads it, overrides after their master', async () => {
    const { containers, items } = await exportAll<CalendarEvent>(await archiveExporter(sample().zip, 'calendar'));
    const dir = join(sample().folder, 'calendar');
    const files = (await readdir(dir)).sort();
    expect(containers).toHaveLength(files.length);
    expect(containers.filter((c) => c.isDefault).map((c) => c.key)).toEqual([`archive:${ARCHIVE_ACCOUNT}:calendar:container:primary.ics`]);
    for (const file of files) {
      const parsed = parseCalendarFile(await readFile(join(dir, file), 'utf8'));
      const container = containers.find((c) => c.key === `archive:${ARCHIVE_ACCOUNT}:calendar:container:${file}`)!;
      expect(container.name, file).toBe(parsed.calendar.name ?? file.replace(/\.ics$/, ''));
      expect(container.timeZone, file).toBe(parsed.calendar.timeZone);
      const inFile = items.filter((i) => i.containerKey === container.key);
      expect(inFile.map((i) => i.data)).toEqual(parsed.events);
      for (const item of inFile.filter((i) => i.data.recurrenceId)) {
        expect(item.parentKey, item.title).toBe(`archive:${ARCHIVE_ACCOUNT}:calendar:${file}/${item.data.uid}`);
        expect(items.findIndex((i) => i.key === item.parentKey)).toBeLessThan(items.indexOf(item));
      }
    }
  });
});

describe('Ferry archive read back: contacts', () => {
  it('each card once, with every field the codec reads and the groups of the files it is in', async () => {
    const { containers, items } = await exportAll<Contact>(await archiveExporter(sample().zip, 'contacts'));
    expect(containers).toEqual([{ key: `archive:${ARCHIVE_ACCOUNT}:contacts:container:contacts`, dataType: 'contacts', name: 'Contacts', isDefault: true }]);
    const dir = join(sample().folder, 'contacts');
    const expected = new Map<string, Contact>();
    for (const file of (await readdir(dir)).sort()) {
      const group = file === 'contacts.vcf' ? [] : [file.replace(/\.vcf$/, '')];
      for (const { contact } of parseVCardFile(await readFile(join(dir, file)), file).entries) {
        const known = expected.get(contact.uid);
        expected.set(contact.uid, { ...contact, groups: [...new Set([...(known?.groups ?? []), ...contact.groups, ...group])].sort((a, b) => a.localeCompare(b)) });
      }
    }
    expect(items).toHaveLength(expected.size);
    for (const item of items) {
      const want = expected.get(item.data.uid)!;
      expect(item.key).toBe(`archive:${ARCHIVE_ACCOUNT}:contacts:${want.uid}`);
      const { photo, ...rest } = item.data;
      const { photo: _none, ...wanted } = want;
      expect(rest, want.name.formatted).toEqual(wanted);
      if (photo) expect(photo.sourceUrl).toBe(item.key);
    }
    expect(items.some((i) => i.data.groups.length > 0)).toBe(true);
  });
});

describe('Ferry archive read back: tasks', () => {
  it('every list is a container and every task arrives as the codec reads it, subtasks after their parents', async () => {
    const { containers, items } = await exportAll<Task>(await archiveExporter(sample().zip, 'tasks'));
    const dir = join(sample().folder, 'tasks');
    const files = (await readdir(dir)).sort();
    expect(containers).toHaveLength(files.length);
    expect(containers.filter((c) => c.isDefault).map((c) => c.key)).toEqual([`archive:${ARCHIVE_ACCOUNT}:tasks:container:default.ics`]);
    for (const file of files) {
      const parsed = parseTaskFile(await readFile(join(dir, file), 'utf8'));
      const key = `archive:${ARCHIVE_ACCOUNT}:tasks:container:${file}`;
      expect(containers.find((c) => c.key === key)!.name).toBe(parsed.list.name);
      const inList = items.filter((i) => i.containerKey === key);
      expect(inList.map((i) => i.data).sort((a, b) => a.uid.localeCompare(b.uid))).toEqual([...parsed.tasks].sort((a, b) => a.uid.localeCompare(b.uid)));
      for (const item of inList) {
        if (!item.data.parent) {
          expect(item.parentKey).toBeUndefined();
          continue;
        }
        expect(item.parentKey).toBe(`archive:${ARCHIVE_ACCOUNT}:tasks:${file}/${item.data.parent}`);
        expect(items.findIndex((i) => i.key === item.parentKey)).toBeLessThan(items.indexOf(item));
      }
    }
    expect(items.some((i) => i.parentKey)).toBe(true);
  });
});

describe('Ferry archive read back: mail', () => {
  it('every message in its folder with its labels and flags, and its own bytes without the archive header fields', async () => {
    const exporter = await archiveExporter(sample().zip, 'mail');
    const { containers, items } = await exportAll<MailMessage>(exporter);
    const dir = join(sample().folder, 'mail');
    const files = (await readdir(dir)).sort();
    expect(containers.map((c) => c.name).sort()).toEqual(files.map((f) => f.replace(/\.mbox$/, '')).sort());
    expect(containers.find((c) => c.isDefault)?.name).toBe('Inbox');
    let n = 0;
    for (const file of files) {
      const folder = file.replace(/\.mbox$/, '');
      let index = 0;
      for await (const entry of readMbox(createReadStream(join(dir, file)))) {
        const want = readArchivedMessage(folder, await collect(entry.body));
        const item = items.find((i) => i.key === `archive:${ARCHIVE_ACCOUNT}:mail:${file}/${index}`)!;
        expect(item, `${file} #${index}`).toBeDefined();
        expect(item.containerKey).toBe(`archive:${ARCHIVE_ACCOUNT}:mail:container:${folder}`);
        expect(item.data.folders).toEqual([folder, ...want.labels]);
        expect({ read: item.data.read, flagged: item.data.flagged, important: item.data.important, draft: item.data.draft }).toEqual({ read: want.read, flagged: want.flagged, important: want.important, draft: want.draft });
        expect(item.data.sizeBytes).toBe(want.raw.length);
        expect(item.data.messageId).toMatch(/^<.+>$/);
        const raw = await bytesOf(await exporter.openContent!(item));
        expect(raw.equals(Buffer.from(want.raw)), `${file} #${index}: bytes`).toBe(true);
        index += 1;
        n += 1;
      }
    }
    expect(items).toHaveLength(n);
    const first = items[0]!;
    const fresh = await archiveExporter(sample().zip, 'mail');
    const again = await bytesOf(await fresh.openContent!(first, 10));
    expect(again.equals((await bytesOf(await exporter.openContent!(first))).subarray(10)), 'a message asked for after a restart, from an offset').toBe(true);
  });
});

describe('Ferry archive read back: photos', () => {
  it('albums in order with each sidecar field, and the bytes from the zip, from an offset too', async () => {
    const exporter = await archiveExporter(sample().zip, 'photos');
    const { containers, items } = await exportAll<MediaItem>(exporter);
    const root = join(sample().folder, 'photos');
    const albums = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(containers.map((c) => c.name)).toEqual(albums);
    let count = 0;
    for (const album of albums) {
      const files = (await readdir(join(root, album))).filter((f) => !f.endsWith('.json'));
      const inAlbum = items.filter((i) => i.containerKey === `archive:${ARCHIVE_ACCOUNT}:photos:container:${album}`);
      expect(inAlbum.map((i) => i.data.albumOrder)).toEqual(inAlbum.map((_, i) => i));
      for (const fileName of files) {
        const sidecar = parseSidecar(await readFile(join(root, album, `${fileName}.json`), 'utf8'));
        const item = inAlbum.find((i) => i.data.fileName === fileName)!;
        expect(item, `${album}/${fileName}`).toBeDefined();
        expect(item.key).toBe(`archive:${ARCHIVE_ACCOUNT}:photos:${album}/${fileName}`);
        expect(item.data.captureTime).toBe(sidecar.captureTime);
        expect(item.data.description).toBe(sidecar.description);
        expect(item.data.title).toBe(sidecar.title);
        expect(item.data.location).toEqual(sidecar.location);
        expect(item.data.albumOrder).toBe(sidecar.albumOrder);
        const bytes = await readFile(join(root, album, fileName));
        expect(item.data.sizeBytes).toBe(bytes.length);
        expect((await bytesOf(await exporter.openContent!(item))).equals(bytes), `${fileName}: bytes`).toBe(true);
        const tail = await exporter.openContent!(item, 100);
        expect(tail.offset).toBe(100);
        expect((await bytesOf(tail)).equals(bytes.subarray(100)), `${fileName}: bytes from 100`).toBe(true);
        count += 1;
      }
    }
    expect(items).toHaveLength(count);
    expect(items.some((i) => i.data.mimeType === 'video/mp4')).toBe(true);
  });
});

describe('Ferry archive read back: files', () => {
  it('the folder tree with empty folders, sizes, modified times and bytes, each entry after its folder', async () => {
    const exporter = await archiveExporter(sample().zip, 'files');
    const { containers, items } = await exportAll<FileEntry>(exporter);
    expect(containers).toEqual([{ key: `archive:${ARCHIVE_ACCOUNT}:files:container:root`, dataType: 'files', name: ARCHIVE_ACCOUNT, isDefault: true }]);
    const tree = await readTree(join(sample().folder, 'files'));
    expect(items.map((i) => i.data.path).sort()).toEqual([...tree.keys()].sort());
    expect(items.find((i) => i.data.path === SAMPLE_EMPTY_FOLDER)?.data.kind).toBe('folder');
    for (const item of items) {
      const want = tree.get(item.data.path)!;
      expect(item.data.kind, item.data.path).toBe(want.kind);
      if (item.data.path.includes('/')) {
        const parent = item.data.path.slice(0, item.data.path.lastIndexOf('/'));
        expect(item.parentKey).toBe(`archive:${ARCHIVE_ACCOUNT}:files:${parent}`);
        expect(items.findIndex((i) => i.key === item.parentKey)).toBeLessThan(items.indexOf(item));
      }
      if (want.kind === 'folder') continue;
      expect(item.data.sizeBytes, item.data.path).toBe(want.size);
      expect(Math.floor(Date.parse(item.data.modified!) / 1000), `${item.data.path}: modified`).toBe(want.mtime);
      expect(item.data.hashes.crc32).toMatch(/^[0-9a-f]{8}$/);
      const { createHash } = await import('node:crypto');
      const bytes = await bytesOf(await exporter.openContent!(item));
      expect(createHash('sha256').update(bytes).digest('hex'), `${item.data.path}: bytes`).toBe(want.sha256);
    }
  });
});

describe('Ferry archive read back: posts', () => {
  it('every post of the outbox with its content, time, visibility, tags, summary, reply and attachments', async () => {
    const { containers, items } = await exportAll<Post>(await archiveExporter(sample().zip, 'posts'));
    expect(containers).toHaveLength(1);
    expect(items.map((i) => i.data)).toEqual(sample().posts);
    expect(items.map((i) => i.key)).toEqual(sample().posts.map((p) => `archive:${ARCHIVE_ACCOUNT}:posts:outbox.json/${p.id}`));
  });

  it('an outbox that names no one reads as followers-only, hashtags without a # as they are, boosts left out', async () => {
    const note = (id: string, extra: Record<string, unknown>) => ({ type: 'Note', id, published: '2025-04-01T10:00:00Z', content: `<p>${id}</p>`, ...extra });
    const outbox = {
      '@context': 'https://www.w3.org/ns/activitystreams',
      type: 'OrderedCollection',
      orderedItems: [
        { type: 'Create', id: 'a#create', object: note('a', { to: [], cc: [], tag: [{ type: 'Hashtag', name: 'garden' }], attachment: [{ type: 'Image', mediaType: 'image/png', url: { type: 'Link', href: 'https://x.example/a.png' } }] }) },
        { type: 'Announce', id: 'b#announce', object: 'https://other.example/notes/1' },
        { type: 'Create', id: 'c#create', object: note('c', { to: ['https://www.w3.org/ns/activitystreams#Public'], contentMap: { pt: '<p>c</p>' } }) },
      ],
    };
    const zip = join(dir(), 'writer-style.zip');
    await writeZip(zip, [
      { path: 'manifest.json', bytes: JSON.stringify({ format: 'ferry-archive' }) },
      { path: 'posts/outbox.json', bytes: JSON.stringify(outbox) },
    ]);
    const { items } = await exportAll<Post>(await archiveExporter(zip, 'posts'));
    expect(items.map((i) => i.data)).toEqual([
      { id: 'a', content: '<p>a</p>', published: '2025-04-01T10:00:00Z', tags: ['garden'], attachments: [{ mediaType: 'image/png', url: 'https://x.example/a.png' }], visibility: 'followers' },
      { id: 'c', content: '<p>c</p>', language: 'pt', published: '2025-04-01T10:00:00Z', tags: [], attachments: [], visibility: 'public' },
    ]);
  });
});
