/**
 * The Ferry archive's photos and videos: every album of `photos/` read back in order with its sidecars and bytes,
 * then moved into Google Photos. What left is judged against the folder the sample archive was zipped from
 * (tests/sandbox/sample-data/archive.ts).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MediaItem } from '../../model/media';
import { parseSidecar } from '../../model/media-sidecar';
import { ARCHIVE_ACCOUNT, archiveExporter, useSampleArchive, bytesOf, moveInto } from './archive-read-fixture';
import { exportAll } from './export-all';
import { diffPhotos, readPhotoFacts } from '../harness/photo-facts';

const { sample, dir } = useSampleArchive();

describe('Ferry archive: photos', () => {
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

  it('photos → Google: every photo and video in its album, with its bytes, capture time and description', async () => {
    const arrived = await readPhotoFacts(await moveInto(sample().zip, dir(), 'google', 'photos'));
    const left = await readPhotoFacts(sample().folder);
    expect(arrived.size).toBe(left.size);
    // Google Photos dates an item only by its file: a JPEG gets the sidecar's time stamped in, a video cannot.
    const videos = new Set([...left.entries()].filter(([name]) => name.endsWith('.mp4')).map(([, f]) => f.bytes));
    const lossy = (f: { bytes: string }) => new Set(videos.has(f.bytes) ? (['captureTime'] as const) : []);
    expect(videos.size).toBeGreaterThan(0);
    expect(diffPhotos(left, arrived, lossy).slice(0, 40)).toEqual([]);
  }, 120_000);
});
