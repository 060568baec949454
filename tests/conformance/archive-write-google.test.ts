/**
 * The Ferry archive as a destination: the seeded Google sandbox exported through Google's exporters into the
 * archive's importers (a scratch folder on disk), the zip written, read back with zip.js and compared field by field
 * with what the sandbox's own dump writes for the same account, by the dump readers of tests/harness.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { google } from '../../adapters/google/descriptor';
import { writeArchive } from '../../adapters/archive/write-archive';
import type { AdapterContext, DataType, DataTypeSupport, ImportResult } from '../../model/adapter';
import { diffCalendars, readCalendarFacts } from '../harness/calendar-facts';
import { diffContacts, readContactFacts } from '../harness/contact-facts';
import { diffMail, readMailFacts } from '../harness/mail-facts';
import { diffPhotos, readPhotoFacts, type PhotoFactName } from '../harness/photo-facts';
import { diffTasks, readTaskFacts } from '../harness/task-facts';
import { GOOGLE_ACCOUNT } from '../sandbox/google/account';
import { createGoogleSandbox } from '../sandbox/google/index';
import { writeSampleCalendars } from '../sandbox/sample-data/calendar';
import { writeSampleContacts } from '../sandbox/sample-data/contacts';
import { writeSampleMail } from '../sandbox/sample-data/mail';
import { writeSamplePhotos } from '../sandbox/sample-data/photos';
import { writeSampleTasks } from '../sandbox/sample-data/tasks';
import { startSandbox } from '../sandbox/server';
import { archiveDestination, extractArchive, fileSha256, jobOf, manifestProblems, transferInto, treeHashes, type ExtractedArchive } from './archive-write';
import { pickEverything } from './picker-person';
import { sandboxContext } from './sandbox-target';

const DATA_TYPES: DataType[] = ['calendar', 'contacts', 'tasks', 'mail', 'photos'];
const SOURCE = { provider: 'google', name: 'Google', account: GOOGLE_ACCOUNT.email };

let work: string;
let googleCtx: AdapterContext;
let closeSandbox: () => Promise<void>;
let archiveCtx: AdapterContext;
let scratchDir: string;
let zipFile: string;
let extracted: ExtractedArchive;
const results = new Map<DataType, Map<string, ImportResult>>();

/** A context whose token carries every export scope of the data types moved. */
function exportSupport(): DataTypeSupport {
  const scopes = DATA_TYPES.flatMap((type) => google.dataTypes[type]!.scopes.export);
  return { scopes: { export: [...new Set(scopes)], import: [] } };
}

async function transferAll(): Promise<void> {
  for (const dataType of DATA_TYPES) {
    const exporter = google.dataTypes[dataType]!.export!.create(googleCtx);
    results.set(dataType, await transferInto(archiveCtx, dataType, exporter));
  }
}

const okCount = (dataType: DataType): number => [...results.get(dataType)!.values()].filter((r) => r.ok).length;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ferry-archive-write-'));
  const seed = path.join(work, 'seed');
  await writeSampleCalendars(seed, { events: 60, seed: 5 });
  await writeSampleContacts(seed, { count: 40, seed: 5, fixtures: false });
  await writeSampleTasks(seed, { lists: 3, count: 30, seed: 5 });
  await writeSampleMail(seed, { count: 30, folders: 5, seed: 5, largeAttachmentBytes: 150_000, fixtures: false });
  await writeSamplePhotos(seed, { photos: 12, videos: 1, albums: 2, seed: 5, realWorld: false, bigVideoBytes: 300_000 });

  process.env.FERRY_SANDBOX_GMAIL_QUOTA = 'off';
  process.env.FERRY_SANDBOX_GOOGLE_TASKS_RATE_LIMIT = 'off';
  const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createGoogleSandbox(ctx, { rateLimit: null })] });
  const opened = sandboxContext(sandbox, 'google', google, exportSupport(), { tokenAccount: GOOGLE_ACCOUNT.email, contextAccount: GOOGLE_ACCOUNT.sub });
  googleCtx = opened.ctx;
  googleCtx.openPage = (url) => pickEverything(googleCtx, url);
  closeSandbox = opened.close;
  const account = sandbox.providers.google;
  account.reset();
  await account.seed(seed);
  await account.dump(path.join(work, 'dump'));

  const destination = archiveDestination(path.join(work, 'archive'));
  archiveCtx = destination.ctx;
  scratchDir = path.join(work, 'archive', 'scratch');
  await transferAll();
  const written = await writeArchive(archiveCtx, jobOf(DATA_TYPES, SOURCE));
  zipFile = destination.scratch.outputPath(written.output);
  expect(written.output).toBe('ferry-archive-2026-03-14.zip');
  extracted = await extractArchive(zipFile, path.join(work, 'extracted'));
}, 300_000);

afterAll(async () => {
  await closeSandbox?.();
  if (work) await rm(work, { recursive: true, force: true });
});

const dump = () => path.join(work, 'dump');
const unzipped = () => path.join(work, 'extracted');

describe('the Ferry archive written from the Google sandbox', () => {
  it('imports every item', () => {
    for (const dataType of DATA_TYPES) {
      const failed = [...results.get(dataType)!.values()].filter((r) => !r.ok);
      expect(failed, dataType).toEqual([]);
      expect(okCount(dataType), dataType).toBeGreaterThan(0);
    }
  });

  it('holds the calendars, event by event, as the sandbox dumps them', async () => {
    const own = [GOOGLE_ACCOUNT.email];
    const left = await readCalendarFacts(dump(), own);
    const arrived = await readCalendarFacts(unzipped(), own);
    expect(arrived.duplicates).toEqual([]);
    expect(diffCalendars(left.events, arrived.events)).toEqual([]);
  });

  it('holds the contacts, field by field', async () => {
    expect(diffContacts(await readContactFacts(dump()), await readContactFacts(unzipped()), new Set())).toEqual([]);
  });

  it('holds the task lists, order and subtasks included', async () => {
    expect(diffTasks(await readTaskFacts(dump()), await readTaskFacts(unzipped()), new Set())).toEqual([]);
  });

  it('holds every message with its folders, flags and own bytes', async () => {
    expect(diffMail(await readMailFacts(dump()), await readMailFacts(unzipped()), () => new Set())).toEqual([]);
  });

  it('holds the photos and videos with their sidecars', async () => {
    const arrived = await readPhotoFacts(unzipped());
    // The Picker hands out no album and no description, and Google takes the location out of every photo it hands out.
    const exportLosses = (f: { gpsBlock: boolean }): ReadonlySet<PhotoFactName> => new Set<PhotoFactName>(['album', 'description', 'located', ...(f.gpsBlock ? (['bytes'] as const) : [])]);
    expect(diffPhotos(await readPhotoFacts(dump()), arrived, exportLosses)).toEqual([]);
    expect(new Set([...arrived.values()].map((f) => f.album))).toEqual(new Set(['Google Photos']));
  });

  it('lists every file in the manifest with its size and SHA-256, and counts each data type', async () => {
    expect(await manifestProblems(unzipped(), extracted)).toEqual([]);
    const { manifest } = extracted;
    expect(manifest).toMatchObject({ format: 'ferry-archive', version: 1, createdAt: '2026-03-14T09:26:53.000Z', source: SOURCE, dataTypes: DATA_TYPES });
    expect(manifest.counts).toEqual(Object.fromEntries(DATA_TYPES.map((type) => [type, okCount(type)])));
  });

  it('stores media as they are and deflates text', () => {
    for (const entry of extracted.entries.filter((e) => !e.directory)) {
      const media = /\.(jpe?g|png|mp4|mov|heic)$/i.test(entry.filename);
      expect(entry.compressionMethod, entry.filename).toBe(media ? 0 : 8);
    }
  });

  it('stages nothing new when the same items are imported again', async () => {
    const before = await treeHashes(scratchDir);
    await transferAll();
    expect(await treeHashes(scratchDir)).toEqual(before);
  }, 300_000);

  it('writes the same zip when it is written again', async () => {
    const first = await fileSha256(zipFile);
    await writeArchive(archiveCtx, jobOf(DATA_TYPES, SOURCE));
    expect(await fileSha256(zipFile)).toBe(first);
  }, 120_000);
});
