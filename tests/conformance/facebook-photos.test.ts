/**
 * A sample Facebook export → the OneDrive sandbox: every photo arrives once in its album (the Facebook album,
 * or "Facebook posts" for a post's photo), byte for byte, with its description and the time it was taken.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facebook } from '../../adapters/facebook/descriptor';
import { writeSampleFacebook } from '../sandbox/sample-data/facebook';
import { PHOTO_DESTINATIONS, openDestination } from './archive-destinations';
import { archiveContext, chosenFiles, transfer } from './archive-transfer';
import { readArchive, sha256 } from './photos-archive';

let workDir: string;
let sample: Awaited<ReturnType<typeof writeSampleFacebook>>;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'ferry-facebook-'));
  sample = await writeSampleFacebook(workDir);
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('Facebook photos → microsoft', () => {
  it('every photo arrives in its album with its bytes, capture time and description', async () => {
    const destination = PHOTO_DESTINATIONS.find((d) => d.name === 'microsoft')!;
    const target = await openDestination('microsoft', 'photos');
    try {
      const exporter = facebook.dataTypes.photos!.export!.create(archiveContext(await chosenFiles([sample.zip])));
      const { containers, results } = await transfer(exporter, target.support.import!.create(target.ctx), target.support.import!.batchSize);
      expect(containers.map((c) => [c.name, c.description])).toEqual([
        ['Lisboa 2023 ☀️', 'Two weeks by the sea'],
        ['Facebook posts', 'Photos and videos of my Facebook posts that are in no album'],
      ]);
      for (const [key, result] of results) expect(result.ok, `${key}: ${result.ok ? '' : result.error.message}`).toBe(true);
      const dumpDir = join(workDir, 'dump');
      await target.dump(dumpDir);
      const arrived = await readArchive(dumpDir);
      expect(arrived).toHaveLength(sample.photos.length);
      for (const want of sample.photos) {
        const got = arrived.find((a) => a.album === destination.importedAlbum(want.album) && a.fileName === want.fileName);
        expect(got, `${want.album}/${want.fileName}`).toBeDefined();
        expect(got!.sha256).toBe(sha256(want.bytes));
        expect(got!.sidecar.description, `${want.fileName}: description`).toBe(want.description);
        expect(Date.parse(got!.sidecar.captureTime!), `${want.fileName}: captureTime`).toBe(Date.parse(want.captureTime));
      }
    } finally {
      await target.close();
    }
  }, 60_000);
});
