/**
 * A sample Instagram export → the Google Photos and OneDrive sandboxes through their own importers: every photo
 * and video of every post arrives once in the "Instagram posts" album, byte for byte, with its post's caption as
 * its description and the time it was posted as its capture time (mojibake undone).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instagram } from '../../adapters/instagram/descriptor';
import type { ImportResult } from '../../model/adapter';
import type { MediaItem } from '../../model/media';
import { writeSampleInstagram, type ExpectedInstagramMedia } from '../sandbox/sample-data/instagram';
import { PHOTO_DESTINATIONS, openDestination } from './archive-destinations';
import { archiveContext, chosenFiles, transfer } from './archive-transfer';
import { readArchive, sha256 } from './photos-archive';

const instant = (time: string | undefined): number | undefined => (time === undefined ? undefined : Date.parse(time));
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
        expect(got!.sha256, `${label}: bytes`).toBe(sha256(want.bytes));
        expect(got!.sidecar.description, `${label}: description`).toBe(want.description);
        const item = items.find((i) => (i.data as MediaItem).fileName === want.fileName)!;
        const lost = lostFields(results.get(item.key));
        if (destination.captureTimeFromFileOnly) {
          expect(lost.has('captureTime'), `${label}: a capture time the file does not carry is reported lost`).toBe(true);
        } else {
          expect(instant(got!.sidecar.captureTime), `${label}: captureTime`).toBe(instant(want.captureTime));
        }
      }
    } finally {
      await target.close();
    }
  }, 60_000);
});
