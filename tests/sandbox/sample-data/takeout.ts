/**
 * A sample Google Takeout, split in two zips as Google splits a large one, built from the structure Google
 * documents and Takeouts show (adapters/takeout/README.md): Google Photos with sidecars of every naming
 * (`.json`, `.supplemental-metadata.json`, cut long names, `(1)` copies, an `-edited` copy), year folders and
 * albums with `metadata.json`; Calendar `.ics`; Contacts `.vcf` per label and `All Contacts`; Mail as one mbox
 * with X-Gmail-Labels; Tasks.json. Photos are JPEGs with EXIF from the photo sample's writers. A photo and its
 * sidecar sit in different parts. `expected` says what an exporter must find.
 * Run alone: `npx tsx tests/sandbox/sample-data/takeout.ts OUTDIR`.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readArchivedMessage } from '../../../model/mail-archive';
import { mboxEnvelope, readMbox, writeMbox, type MboxMessage } from '../../../model/mail-mbox';
import type { Task } from '../../../model/task';
import { writeSampleCalendars } from './calendar';
import { writeSampleContacts } from './contacts';
import { withExif } from '../../../model/exif-write';
import { solidJpeg } from './jpeg-encode';
import { writeSampleMail } from './mail';
import { sampleTasks } from './tasks';
import { writeZip, type ZipEntryToWrite } from './zip-file';

export const TAKEOUT_STEM = 'takeout-20250314T101500Z';
const PHOTOS = 'Takeout/Google Photos';

export interface ExpectedTakeoutPhoto {
  /** Container name the photo must arrive in. */
  album: string;
  fileName: string;
  captureTime: string;
  description?: string;
  location?: { lat: number; lon: number };
  mimeType: string;
  bytes: Uint8Array;
}

export interface SampleTakeout {
  /** The zip files, in part order. */
  parts: string[];
  photos: ExpectedTakeoutPhoto[];
  albums: { name: string; description?: string }[];
  calendars: string[];
  events: number;
  contacts: number;
  messages: number;
  tasks: Map<string, Task[]>;
}

interface PhotoSpec {
  folder: string;
  fileName: string;
  sidecarName?: string;
  taken: string;
  description?: string;
  location?: { lat: number; lon: number };
  people?: string[];
  colour: [number, number, number];
  /** Put the sidecar in the second part while the file stays in the first. */
  sidecarInPart2?: boolean;
  /** Put the file in the second part while the sidecar stays in the first. */
  fileInPart2?: boolean;
  video?: boolean;
}

const YEAR_2023 = 'Photos from 2023';
const YEAR_2024 = 'Photos from 2024';
const LISBON = 'Summer in Lisbon';
const GRANDMA = 'Grandma’s 90th';
const LONG_NAME = 'PXL_20230701_183000123.NIGHT.PORTRAIT-01.COVER.jpg';
/** Google cuts a sidecar's name to 51 characters, `.json` included. */
const cutSidecar = (name: string): string => `${`${name}.supplemental-metadata`.slice(0, 46)}.json`;

const SPECS: PhotoSpec[] = [
  { folder: YEAR_2023, fileName: 'IMG_20230614_101500.jpg', sidecarName: 'IMG_20230614_101500.jpg.supplemental-metadata.json', taken: '2023-06-14T10:15:00Z', description: 'Sunset over the Tagus', location: { lat: 38.7223, lon: -9.1393 }, people: ['Ana Lima'], colour: [228, 87, 46] },
  { folder: YEAR_2023, fileName: 'IMG_20230615_090000.jpg', sidecarName: 'IMG_20230615_090000.jpg.json', taken: '2023-06-15T09:00:00Z', description: 'Café on the corner — pastéis de nata ☕', colour: [58, 123, 213] },
  { folder: YEAR_2023, fileName: 'IMG_20230615_090000(1).jpg', sidecarName: 'IMG_20230615_090000.jpg.supplemental-metadata(1).json', taken: '2023-06-15T09:05:30Z', description: 'The same name, another photo', colour: [118, 176, 65] },
  { folder: YEAR_2023, fileName: 'IMG_20230616_120000.jpg', sidecarName: 'IMG_20230616_120000.jpg.supplemental-metadata.json', taken: '2023-06-16T12:00:00Z', description: 'Tram 28', colour: [255, 201, 20] },
  { folder: YEAR_2023, fileName: 'IMG_20230616_120000-edited.jpg', taken: '2023-06-16T12:00:00Z', description: 'Tram 28', colour: [250, 190, 30] },
  { folder: YEAR_2023, fileName: LONG_NAME, sidecarName: cutSidecar(LONG_NAME), taken: '2023-07-01T18:30:00Z', description: 'Night portrait', colour: [46, 40, 42] },
  { folder: YEAR_2023, fileName: 'VID_20230702_150000.mp4', sidecarName: 'VID_20230702_150000.mp4.supplemental-metadata.json', taken: '2023-07-02T15:00:00Z', description: 'Waves at Cascais', colour: [0, 0, 0], video: true, fileInPart2: true },
  { folder: YEAR_2024, fileName: 'IMG_20240101_000500.jpg', sidecarName: 'IMG_20240101_000500.jpg.supplemental-metadata.json', taken: '2024-01-01T00:05:00Z', description: 'First photo of 2024 🎆', colour: [142, 68, 173], sidecarInPart2: true },
  { folder: YEAR_2024, fileName: 'IMG_20240310_170000.jpg', sidecarName: 'IMG_20240310_170000.jpg.supplemental-metadata.json', taken: '2024-03-10T17:00:00Z', description: 'Ninety candles', people: ['Avó Rosa', 'Ana Lima'], colour: [200, 30, 60] },
];
/** Albums a person made: each holds copies of year-folder files (same bytes, same sidecar names). */
const ALBUMS: { name: string; description: string; files: string[] }[] = [
  { name: LISBON, description: 'Two weeks by the sea', files: ['IMG_20230614_101500.jpg', 'IMG_20230615_090000.jpg'] },
  { name: GRANDMA, description: '', files: ['IMG_20240310_170000.jpg'] },
];

const seconds = (iso: string): string => String(Date.parse(iso) / 1000);
const formatted = (iso: string): string => new Date(iso).toUTCString().replace('GMT', 'UTC');

function sidecarJson(spec: PhotoSpec): string {
  const geo = (loc?: { lat: number; lon: number }) => ({ latitude: loc?.lat ?? 0, longitude: loc?.lon ?? 0, altitude: 0, latitudeSpan: 0, longitudeSpan: 0 });
  const json: Record<string, unknown> = {
    title: spec.fileName,
    description: spec.description ?? '',
    imageViews: '4',
    creationTime: { timestamp: seconds('2025-01-02T03:04:05Z'), formatted: formatted('2025-01-02T03:04:05Z') },
    photoTakenTime: { timestamp: seconds(spec.taken), formatted: formatted(spec.taken) },
    geoData: geo(spec.location),
    geoDataExif: geo(spec.location),
    url: `https://photos.google.com/photo/AF1Qip${spec.fileName.replace(/\W/g, '')}`,
    googlePhotosOrigin: { mobileUpload: { deviceType: 'ANDROID_PHONE' } },
  };
  if (spec.people) json.people = spec.people.map((name) => ({ name }));
  return JSON.stringify(json, null, 2);
}

function mediaBytes(spec: PhotoSpec): Uint8Array {
  if (spec.video) {
    const video = new Uint8Array(30_000);
    video.set([0, 0, 0, 24, ...new TextEncoder().encode('ftypisom'), 0, 0, 2, 0, ...new TextEncoder().encode('isomavc1')]);
    for (let i = 24; i < video.length; i++) video[i] = (i * 31) & 0xff;
    return video;
  }
  const taken = spec.taken.slice(0, 19);
  return withExif(solidJpeg(24, 16, spec.colour), { make: 'Google', model: 'Pixel 8', taken, takenOffset: '+00:00', ...(spec.location && { location: spec.location }) });
}

const albumMetadata = (album: (typeof ALBUMS)[number]): string =>
  JSON.stringify({ title: album.name, description: album.description, access: 'protected', date: { timestamp: seconds('2024-03-11T08:00:00Z'), formatted: formatted('2024-03-11T08:00:00Z') } }, null, 2);

/** Gmail's label for each folder of the mail sample; Archive is mail with no folder label. */
const GMAIL_LABEL: Record<string, string | undefined> = { Inbox: 'Inbox', Sent: 'Sent', Drafts: 'Drafts', Junk: 'Spam', Trash: 'Trash', Archive: undefined };

async function* bytesOf(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  yield new Uint8Array(await readFile(path));
}

/** The mail sample's folders as one Takeout mbox: each message's folder and labels in X-Gmail-Labels. */
async function takeoutMbox(mailDir: string): Promise<{ bytes: Uint8Array; count: number }> {
  const messages: MboxMessage[] = [];
  for (const file of (await readdir(mailDir)).sort()) {
    const folder = file.replace(/\.mbox$/, '');
    for await (const message of readMbox(fileChunks(join(mailDir, file)))) {
      const parts: Uint8Array[] = [];
      for await (const part of message.body) parts.push(part);
      const archived = readArchivedMessage(folder, Buffer.concat(parts));
      const labels = [GMAIL_LABEL[folder] ?? (folder in GMAIL_LABEL ? undefined : folder), ...archived.labels, archived.read ? 'Opened' : 'Unread', archived.flagged ? 'Starred' : undefined, archived.important ? 'Important' : undefined, 'Category Personal'];
      const header = `X-GM-THRID: ${1700000000000 + messages.length}\r\nX-Gmail-Labels: ${labels.filter(Boolean).join(',')}\r\n`;
      messages.push({ envelope: message.envelope, body: bytesOf(Buffer.from(header, 'utf8'), archived.raw) });
    }
  }
  const out: Uint8Array[] = [];
  for await (const chunk of writeMbox(messages)) out.push(chunk);
  return { bytes: Buffer.concat(out), count: messages.length };
}

/** Google Tasks' own JSON (tasks#taskLists), as Takeout writes Tasks.json. */
function tasksJson(lists: Map<string, Task[]>): string {
  const items = [...lists].map(([title, tasks], l) => ({
    kind: 'tasks#taskList',
    id: `TDlzMTIz${l}`,
    title,
    updated: '2025-03-01T10:00:00.000Z',
    items: tasks.map((task) => {
      const json: Record<string, unknown> = {
        kind: 'tasks#task',
        id: task.uid,
        title: task.title,
        updated: '2025-03-01T10:00:00.000Z',
        selfLink: `https://www.googleapis.com/tasks/v1/lists/TDlzMTIz${l}/tasks/${task.uid}`,
        position: String(task.order).padStart(20, '0'),
        status: task.status === 'completed' ? 'completed' : 'needsAction',
        links: [],
      };
      if (task.notes) json.notes = task.notes;
      if (task.due) json.due = `${task.due}T00:00:00.000Z`;
      if (task.completed) json.completed = task.completed.replace(/Z$/, '.000Z');
      if (task.parent) json.parent = task.parent;
      return json;
    }),
  }));
  return JSON.stringify({ kind: 'tasks#taskLists', items }, null, 2);
}

async function filesUnder(dir: string, into: string): Promise<ZipEntryToWrite[]> {
  const entries: ZipEntryToWrite[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isFile()) entries.push({ path: `${into}/${entry.name}`, bytes: new Uint8Array(await readFile(join(dir, entry.name))) });
  }
  return entries;
}

export async function writeSampleTakeout(dir: string, opts: { mail?: number; events?: number; contacts?: number; tasks?: number } = {}): Promise<SampleTakeout> {
  const work = await mkdtemp(join(tmpdir(), 'ferry-takeout-sample-'));
  try {
    const part1: ZipEntryToWrite[] = [{ path: 'Takeout/archive_browser.html', bytes: '<!DOCTYPE html><html><head><title>Takeout</title></head><body>Your Google data</body></html>' }];
    const part2: ZipEntryToWrite[] = [{ path: 'Takeout/archive_browser.html', bytes: '<!DOCTYPE html><html><head><title>Takeout</title></head><body>Your Google data</body></html>' }];
    const photos: ExpectedTakeoutPhoto[] = [];
    const inAlbum = new Map(ALBUMS.flatMap((a) => a.files.map((f) => [f, a] as const)));
    for (const spec of SPECS) {
      const bytes = mediaBytes(spec);
      const sidecarName = spec.sidecarName;
      (spec.fileInPart2 ? part2 : part1).push({ path: `${PHOTOS}/${spec.folder}/${spec.fileName}`, bytes });
      if (sidecarName) (spec.sidecarInPart2 ? part2 : part1).push({ path: `${PHOTOS}/${spec.folder}/${sidecarName}`, bytes: sidecarJson(spec) });
      const album = inAlbum.get(spec.fileName);
      if (album) {
        part2.push({ path: `${PHOTOS}/${album.name}/${spec.fileName}`, bytes });
        if (sidecarName) part2.push({ path: `${PHOTOS}/${album.name}/${sidecarName}`, bytes: sidecarJson(spec) });
      }
      const expected: ExpectedTakeoutPhoto = { album: album?.name ?? spec.folder, fileName: spec.fileName, captureTime: spec.taken, mimeType: spec.video ? 'video/mp4' : 'image/jpeg', bytes };
      if (spec.description) expected.description = spec.description;
      if (spec.location) expected.location = spec.location;
      photos.push(expected);
    }
    for (const album of ALBUMS) part2.push({ path: `${PHOTOS}/${album.name}/metadata.json`, bytes: albumMetadata(album) });
    part1.push({ path: `${PHOTOS}/print-subscriptions.json`, bytes: '{"printSubscriptions":[]}' });

    const calendars = await writeSampleCalendars(work, { events: opts.events ?? 40 });
    const calendarNames = calendars.files.map((f) => f.slice(f.lastIndexOf('/') + 1));
    part1.push(...(await filesUnder(join(work, 'calendar'), 'Takeout/Calendar')));

    const groups = await writeSampleContacts(work, { count: opts.contacts ?? 60 });
    let allContacts = '';
    for (const file of groups) {
      const text = await readFile(join(work, 'contacts', file), 'utf8');
      allContacts += text.endsWith('\n') ? text : `${text}\r\n`;
      const group = file.replace(/\.vcf$/, '');
      if (file !== 'contacts.vcf') part2.push({ path: `Takeout/Contacts/${group}/${group}.vcf`, bytes: text });
    }
    part2.push({ path: 'Takeout/Contacts/All Contacts/All Contacts.vcf', bytes: allContacts });

    await writeSampleMail(work, { count: opts.mail ?? 30, folders: 6, largeAttachmentBytes: 200_000, fixtures: false });
    const mbox = await takeoutMbox(join(work, 'mail'));
    part1.push({ path: 'Takeout/Mail/All mail Including Spam and Trash.mbox', bytes: mbox.bytes });
    part1.push({ path: 'Takeout/Mail/User Settings/Labels.xml', bytes: '<?xml version="1.0"?><labels/>' });

    const tasks = sampleTasks({ lists: 3, count: opts.tasks ?? 30, seed: 5 });
    part2.push({ path: 'Takeout/Tasks/Tasks.json', bytes: tasksJson(tasks) });

    const parts = [join(resolve(dir), `${TAKEOUT_STEM}-001.zip`), join(resolve(dir), `${TAKEOUT_STEM}-002.zip`)];
    await writeZip(parts[0]!, part1);
    await writeZip(parts[1]!, part2);
    const contactCount = (allContacts.match(/^BEGIN:VCARD/gm) ?? []).length;
    return {
      parts,
      photos,
      albums: [...ALBUMS.map((a) => ({ name: a.name, ...(a.description && { description: a.description }) })), { name: YEAR_2023 }, { name: YEAR_2024 }],
      calendars: calendarNames,
      events: calendars.eventCount,
      contacts: contactCount,
      messages: mbox.count,
      tasks,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out] = process.argv.slice(2);
  if (!out) throw new Error('usage: tsx tests/sandbox/sample-data/takeout.ts OUTDIR');
  const sample = await writeSampleTakeout(out);
  console.log(`wrote ${sample.parts.join(' and ')}`);
}
