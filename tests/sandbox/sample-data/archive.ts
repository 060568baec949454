/**
 * A sample Ferry archive (adapters/archive/README.md, "Layout"): a folder in the archive layout, written by the
 * sample writers of every data type (calendar, contacts, tasks, mail, photos), a folder tree under `files/` with
 * fixed modification times and an empty folder, `posts/outbox.json` and `manifest.json`, zipped as Ferry writes
 * it. `zipLayoutFolder` zips any folder in the layout (a sandbox's dump, too): every file with its modification
 * time, every folder as an entry of its own so empty ones survive, photos and videos stored, the rest deflated.
 * Run alone: `npx tsx tests/sandbox/sample-data/archive.ts OUTDIR`.
 */
import { BlobWriter, Uint8ArrayReader, ZipWriter, configure } from '@zip.js/zip.js';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Post } from '../../../model/post';
import { writeSampleTree } from '../../conformance/files-tree';
import { writeSampleCalendars } from './calendar';
import { writeSampleContacts } from './contacts';
import { writeSampleMail } from './mail';
import { writeSamplePhotos } from './photos';
import { writeSampleTasks } from './tasks';

configure({ useWebWorkers: false });

export const ARCHIVE_ZIP = 'ferry-archive-2026-03-14.zip';
const PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';
const ACTOR = 'https://social.example/users/ana';

export interface SampleArchiveOptions {
  events?: number;
  contacts?: number;
  tasks?: number;
  mail?: number;
  photos?: number;
  /** Leave out `manifest.json` (an archive is still known by its folders). */
  manifest?: boolean;
}

export interface SampleArchive {
  /** The folder in the layout the zip was made from. */
  folder: string;
  zip: string;
  posts: Post[];
}

/** Posts of every visibility, with tags, a summary (content warning), a reply and attachments. */
export function samplePosts(): Post[] {
  return [
    { id: `${ACTOR}/statuses/1`, content: '<p>Hello, fediverse!</p>', published: '2025-01-02T09:00:00Z', language: 'en', tags: ['introductions'], attachments: [], visibility: 'public' },
    {
      id: `${ACTOR}/statuses/2`,
      content: '<p>Lisbon at dusk</p>',
      published: '2025-02-14T18:30:00Z',
      tags: ['travel', 'lisbon'],
      attachments: [{ mediaType: 'image/jpeg', url: 'https://social.example/media/lisbon.jpg', name: 'The river at dusk' }],
      visibility: 'unlisted',
    },
    { id: `${ACTOR}/statuses/3`, content: '<p>Spoilers ahead</p>', published: '2025-03-01T12:00:00Z', summary: 'Film ending', sensitive: true, tags: [], attachments: [], visibility: 'followers' },
    { id: `${ACTOR}/statuses/4`, content: '<p>@bob see you at 6</p>', published: '2025-03-02T08:15:00Z', inReplyTo: 'https://other.example/users/bob/statuses/99', tags: [], attachments: [], visibility: 'direct' },
  ];
}

const ADDRESSED: Record<Post['visibility'], { to: string[]; cc: string[] }> = {
  public: { to: [PUBLIC], cc: [`${ACTOR}/followers`] },
  unlisted: { to: [`${ACTOR}/followers`], cc: [PUBLIC] },
  followers: { to: [`${ACTOR}/followers`], cc: [] },
  direct: { to: ['https://other.example/users/bob'], cc: [] },
};

/** The posts as Mastodon writes its outbox: an OrderedCollection of Create activities, the Note inside each. */
export function outboxOf(posts: readonly Post[]): string {
  const orderedItems = posts.map((post) => {
    const { to, cc } = ADDRESSED[post.visibility];
    const note: Record<string, unknown> = { id: post.id, type: 'Note', attributedTo: ACTOR, published: post.published, to, cc, content: post.content };
    if (post.language) note.contentMap = { [post.language]: post.content };
    if (post.summary) note.summary = post.summary;
    if (post.sensitive !== undefined) note.sensitive = post.sensitive;
    if (post.inReplyTo) note.inReplyTo = post.inReplyTo;
    note.tag = post.tags.map((name) => ({ type: 'Hashtag', href: `https://social.example/tags/${name}`, name: `#${name}` }));
    note.attachment = post.attachments.map((a) => ({ type: 'Document', mediaType: a.mediaType, url: a.url, ...(a.name && { name: a.name }) }));
    return { id: `${post.id}/activity`, type: 'Create', actor: ACTOR, published: post.published, to, cc, object: note };
  });
  return `${JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', id: `${ACTOR}/outbox`, type: 'OrderedCollection', totalItems: orderedItems.length, orderedItems }, null, 2)}\n`;
}

interface LayoutEntry {
  path: string;
  directory: boolean;
  modified: Date;
  full: string;
}

async function walk(dir: string, prefix = ''): Promise<LayoutEntry[]> {
  const out: LayoutEntry[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    const info = await stat(full);
    out.push({ path, directory: entry.isDirectory(), modified: info.mtime, full });
    if (entry.isDirectory()) out.push(...(await walk(full, path)));
  }
  return out;
}

/** Zips the folder's content (not the folder itself) into `zipPath`; answers the zip's size. */
export async function zipLayoutFolder(folder: string, zipPath: string): Promise<number> {
  const writer = new ZipWriter(new BlobWriter('application/zip'));
  for (const entry of await walk(folder)) {
    if (entry.directory) {
      await writer.add(`${entry.path}/`, undefined, { directory: true, lastModDate: entry.modified });
      continue;
    }
    const stored = /\.(jpe?g|png|heic|mp4|mov|zip)$/i.test(entry.path);
    await writer.add(entry.path, new Uint8ArrayReader(new Uint8Array(await readFile(entry.full))), { level: stored ? 0 : 6, lastModDate: entry.modified });
  }
  const blob = await writer.close();
  await writeFile(zipPath, new Uint8Array(await blob.arrayBuffer()));
  return blob.size;
}

export async function writeSampleArchive(dir: string, opts: SampleArchiveOptions = {}): Promise<SampleArchive> {
  const folder = join(resolve(dir), 'archive');
  await mkdir(folder, { recursive: true });
  await writeSampleCalendars(folder, { events: opts.events ?? 40 });
  await writeSampleContacts(folder, { count: opts.contacts ?? 40, fixtures: false });
  await writeSampleTasks(folder, { count: opts.tasks ?? 40 });
  await writeSampleMail(folder, { count: opts.mail ?? 24, largeAttachmentBytes: 200_000, fixtures: false });
  await writeSamplePhotos(folder, { photos: opts.photos ?? 8, videos: 1, albums: 2, bigVideoBytes: 300_000, realWorld: false });
  await mkdir(join(folder, 'files'), { recursive: true });
  await writeSampleTree(join(folder, 'files'));
  const posts = samplePosts();
  await mkdir(join(folder, 'posts'), { recursive: true });
  await writeFile(join(folder, 'posts', 'outbox.json'), outboxOf(posts));
  if (opts.manifest ?? true) await writeFile(join(folder, 'manifest.json'), `${JSON.stringify({ format: 'ferry-archive', version: 1, created: '2026-03-14T10:00:00Z' }, null, 2)}\n`);
  const zip = join(resolve(dir), ARCHIVE_ZIP);
  await zipLayoutFolder(folder, zip);
  return { folder, zip, posts };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out] = process.argv.slice(2);
  if (!out) {
    console.error('usage: tsx tests/sandbox/sample-data/archive.ts OUTDIR');
    process.exit(2);
  }
  const { zip } = await writeSampleArchive(out);
  console.log(`wrote ${zip}`);
}
