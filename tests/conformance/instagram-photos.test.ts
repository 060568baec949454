/**
 * A sample Instagram export → the Google Photos and OneDrive sandboxes through their own importers: every photo
 * and video of every post arrives once in the "Instagram posts" album with its post's caption as its description
 * and the time it was posted as its capture time (mojibake undone). Instagram strips its photos' EXIF, so each
 * JPEG arrives with an EXIF segment carrying that time in front of its own bytes, which are otherwise unchanged.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instagram } from '../../adapters/instagram/descriptor';
import type { ImportResult } from '../../model/adapter';
import { exifInstant, readExif } from '../../model/exif';
import type { MediaItem } from '../../model/media';
import { writeSampleInstagram, type ExpectedInstagramMedia } from '../sandbox/sample-data/instagram';
import { PHOTO_DESTINATIONS, openDestination } from './archive-destinations';
import { archiveContext, chosenFiles, transfer } from './archive-transfer';
import { readArchive, readContent, sha256 } from './photos-archive';

const instant = (time: string | undefined): number | undefined => (time === undefined ? undefined : Date.parse(time));
/** A JPEG's bytes without the APP1 segment right after its start-of-image marker. */
const withoutFirstSegment = (bytes: Uint8Array): Uint8Array => Buffer.concat([bytes.subarray(0, 2), bytes.subarray(4 + ((bytes[4]! << 8) | bytes[5]!))]);
const lostFields = (result: ImportResult | undefined): Set<string> => new Set(result?.ok ? (result.lost ?? []).map((l) => l.field) : []);

let workDir: string;
let sample: { zip: string; expected: ExpectedInstagramMedia[] };

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'ferry-instagram-'));
  sample = await writeSampleInstagram(workDir);
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('Instagram export: what the exporter reads', () => {
  it('every post’s media, oldest first, with caption, time and place, mojibake undone', async () => {
    const exporter = instagram.dataTypes.photos!.export!.create(archiveContext(await chosenFiles([sample.zip])));
    const page = await exporter.exportPage(undefined);
    expect(page.containers.map((c) => c.name)).toEqual(['Instagram posts']);
    expect(page.items.map((i) => (i.data as MediaItem).fileName)).toEqual(sample.expected.map((e) => e.fileName));
    for (const [i, want] of sample.expected.entries()) {
      const got = page.items[i]!.data as MediaItem;
      expect(got.description, `${want.fileName}: description`).toBe(want.description);
      expect(instant(got.captureTime), `${want.fileName}: captureTime`).toBe(instant(want.captureTime));
      expect(got.location, `${want.fileName}: location`).toEqual(want.location);
      expect(got.albumOrder, `${want.fileName}: albumOrder`).toBe(want.albumOrder);
      expect(got.mimeType, `${want.fileName}: mimeType`).toBe(want.mimeType);
    }
  });

  it('hands out a photo with its capture time in EXIF, from any byte asked for', async () => {
    const exporter = instagram.dataTypes.photos!.export!.create(archiveContext(await chosenFiles([sample.zip])));
    const item = (await exporter.exportPage(undefined)).items.find((i) => (i.data as MediaItem).location)!;
    const want = sample.expected.find((e) => e.fileName === (item.data as MediaItem).fileName)!;
    const whole = await readContent(await exporter.openContent!(item, 0));
    expect(whole.length, 'the size announced is the size handed out').toBe((item.data as MediaItem).sizeBytes);
    const exif = readExif(whole);
    expect(Date.parse(exifInstant(exif)!)).toBe(Date.parse(want.captureTime));
    expect(exif?.location?.lat).toBeCloseTo(want.location!.lat, 4);
    expect(sha256(withoutFirstSegment(whole)), 'the file’s own bytes follow unchanged').toBe(sha256(want.bytes));
    for (const from of [1, 7, whole.length - want.bytes.length + 5, whole.length - 3]) {
      const part = await exporter.openContent!(item, from);
      expect(part.offset).toBe(from);
      expect(sha256(await readContent(part)), `from byte ${from}`).toBe(sha256(whole.subarray(from)));
    }
  });
});

describe.each(PHOTO_DESTINATIONS)('Instagram photos → $name', (destination) => {
  it('every photo and video arrives once with its bytes, capture time and caption', async () => {
    const target = await openDestination(destination.name, 'photos');
    try {
      const exporter = instagram.dataTypes.photos!.export!.create(archiveContext(await chosenFiles([sample.zip])));
      const { items, results } = await transfer(exporter, target.support.import!.create(target.ctx), target.support.import!.batchSize);
      for (const [key, result] of results) expect(result.ok, `${key}: ${result.ok ? '' : result.error.message}`).toBe(true);
      const dumpDir = join(workDir, `dump-${destination.name}`);
      await target.dump(dumpDir);
      const arrived = await readArchive(dumpDir);
      expect(arrived).toHaveLength(sample.expected.length);
      for (const want of sample.expected) {
        const label = `${destination.name}: ${want.fileName}`;
        const got = arrived.find((a) => a.album === destination.importedAlbum('Instagram posts') && a.fileName === want.fileName);
        expect(got, `${label}: in the album`).toBeDefined();
        const bytes = new Uint8Array(await readFile(got!.path));
        if (want.mimeType === 'image/jpeg') {
          expect(Date.parse(exifInstant(readExif(bytes))!), `${label}: capture time in the file`).toBe(Date.parse(want.captureTime));
          expect(sha256(withoutFirstSegment(bytes)), `${label}: the file's own bytes`).toBe(sha256(want.bytes));
        } else {
          expect(got!.sha256, `${label}: bytes`).toBe(sha256(want.bytes));
        }
        expect(got!.sidecar.description, `${label}: description`).toBe(want.description);
        const item = items.find((i) => (i.data as MediaItem).fileName === want.fileName)!;
        const lost = lostFields(results.get(item.key));
        if (destination.captureTimeFromFileOnly && want.mimeType.startsWith('video/')) {
          expect(lost.has('captureTime'), `${label}: a video's capture time, which Google reads only from the file, is reported lost`).toBe(true);
        } else {
          expect(lost.has('captureTime'), `${label}: capture time kept`).toBe(false);
          expect(instant(got!.sidecar.captureTime), `${label}: captureTime`).toBe(instant(want.captureTime));
        }
      }
    } finally {
      await target.close();
    }
  }, 60_000);
});
