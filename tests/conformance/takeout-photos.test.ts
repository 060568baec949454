/**
 * A Google Takeout split over two zips → the Google Photos and OneDrive sandboxes through their own importers:
 * every photo arrives once, in its album, byte for byte, with the capture time and description of its sidecar;
 * what a destination cannot keep is reported per item.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeout } from '../../adapters/takeout/descriptor';
import type { ImportResult } from '../../model/adapter';
import type { MediaItem } from '../../model/media';
import { writeSampleTakeout, type SampleTakeout } from '../sandbox/sample-data/takeout';
import { archiveContext, chosenFiles, transfer } from './archive-transfer';
import { PHOTO_DESTINATIONS, openDestination } from './archive-destinations';
import { readArchive, sha256 } from './photos-archive';

const instant = (time: string | undefined): number | undefined => (time === undefined ? undefined : Date.parse(time));
const lostFields = (result: ImportResult | undefined): Set<string> => new Set(result?.ok ? (result.lost ?? []).map((l) => l.field) : []);

let workDir: string;
let sample: SampleTakeout;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'ferry-takeout-photos-'));
  sample = await writeSampleTakeout(workDir, { mail: 10, events: 10, contacts: 10, tasks: 10 });
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe.each(PHOTO_DESTINATIONS)('Takeout photos → $name', (destination) => {
  it('every photo arrives once in its album with its bytes, capture time and description', async () => {
    const target = await openDestination(destination.name, 'photos');
    try {
      const source = archiveContext(await chosenFiles(sample.parts));
      const exporter = takeout.dataTypes.photos!.export!.create(source);
      const importer = target.support.import!.create(target.ctx);
      const { containers, items, results } = await transfer(exporter, importer, target.support.import!.batchSize);

      expect(containers.map((c) => c.name).sort()).toEqual(sample.albums.map((a) => a.name).sort());
      for (const album of sample.albums) expect(containers.find((c) => c.name === album.name)?.description, `${album.name}: description`).toBe(album.description);
      expect(items).toHaveLength(sample.photos.length);
      for (const [key, result] of results) expect(result.ok, `${key}: ${result.ok ? '' : result.error.message}`).toBe(true);

      const dumpDir = join(workDir, `dump-${destination.name}`);
      await target.dump(dumpDir);
      const arrived = await readArchive(dumpDir);
      expect(arrived).toHaveLength(sample.photos.length);
      for (const photo of sample.photos) {
        const label = `${destination.name}: ${photo.album}/${photo.fileName}`;
        const item = items.find((i) => (i.data as MediaItem).fileName === photo.fileName)!;
        const exported = item.data as MediaItem;
        expect(instant(exported.captureTime), `${label}: exported captureTime`).toBe(instant(photo.captureTime));
        expect(exported.description, `${label}: exported description`).toBe(photo.description);
        if (photo.location) expect(exported.location, `${label}: exported location`).toEqual(photo.location);
        const got = arrived.find((a) => a.album === destination.importedAlbum(photo.album) && a.fileName === photo.fileName);
        expect(got, `${label}: in its album`).toBeDefined();
        expect(got!.sha256, `${label}: bytes`).toBe(sha256(photo.bytes));
        expect(got!.sidecar.description, `${label}: description`).toBe(photo.description);
        const lost = lostFields(results.get(item.key));
        if (destination.captureTimeFromFileOnly && photo.mimeType.startsWith('video/')) {
          expect(lost.has('captureTime'), `${label}: the video's capture time reported lost`).toBe(true);
        } else {
          expect(lost.has('captureTime'), `${label}: capture time kept`).toBe(false);
          expect(instant(got!.sidecar.captureTime), `${label}: captureTime`).toBe(instant(photo.captureTime));
        }
      }
      const withPeople = items.find((i) => (i.data as MediaItem).fileName === 'IMG_20240310_170000.jpg')!;
      expect(lostFields(results.get(withPeople.key)).has('people'), 'the people in a photo are reported lost').toBe(true);
    } finally {
      await target.close();
    }
  }, 60_000);
});
