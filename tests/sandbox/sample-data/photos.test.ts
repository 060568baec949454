import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExif } from '../../../model/exif';
import { BIG_VIDEO_BYTES, writeSamplePhotos } from './photos';

describe('sample photos', () => {
  it('writes the requested library, deterministically, under 60 MB, with EXIF and one large video', async () => {
    const [a, b] = await Promise.all([mkdtemp(join(tmpdir(), 'ferry-photos-a-')), mkdtemp(join(tmpdir(), 'ferry-photos-b-'))]);
    try {
      const first = await writeSamplePhotos(a, { photos: 40, videos: 3, albums: 4, seed: 3, realWorld: false });
      const second = await writeSamplePhotos(b, { photos: 40, videos: 3, albums: 4, seed: 3, realWorld: false });
      expect(first).toHaveLength(43);
      expect(new Set(first.map((f) => f.album)).size).toBe(4);
      const hash = async (dir: string, path: string) => createHash('sha256').update(await readFile(join(dir, 'photos', path))).digest('hex');
      for (const file of first.slice(0, 10)) expect(await hash(a, file.path)).toBe(await hash(b, file.path));
      expect(second.map((f) => f.sidecar)).toEqual(first.map((f) => f.sidecar));
      expect(first.filter((f) => f.mimeType === 'video/mp4').map((f) => f.sizeBytes)).toContain(BIG_VIDEO_BYTES);
      expect(first.reduce((sum, f) => sum + f.sizeBytes, 0)).toBeLessThan(60 * 1024 * 1024);
      const photo = first.find((f) => f.sidecar.location)!;
      const exif = readExif(await readFile(join(a, 'photos', photo.path)));
      expect(`${exif?.taken}Z`).toBe(photo.sidecar.captureTime);
      expect(exif?.location).toEqual(photo.sidecar.location);
      for (const album of new Set(first.map((f) => f.album))) {
        expect(first.filter((f) => f.album === album).map((f) => f.sidecar.albumOrder)).toEqual([...Array(first.filter((f) => f.album === album).length).keys()]);
      }
    } finally {
      await Promise.all([rm(a, { recursive: true, force: true }), rm(b, { recursive: true, force: true })]);
    }
  });

  it('pads photos to camera sizes that still read as JPEGs with their EXIF, and streams the large video to the size asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-photos-sized-'));
    try {
      const files = await writeSamplePhotos(dir, { photos: 6, videos: 1, seed: 5, realWorld: false, photoBytes: [200_000, 300_000], bigVideoBytes: 3 * 1024 * 1024 + 7 });
      const photos = files.filter((f) => f.mimeType === 'image/jpeg');
      for (const photo of photos) {
        const bytes = await readFile(join(dir, 'photos', photo.path));
        expect(bytes.length).toBe(photo.sizeBytes);
        expect(photo.sizeBytes).toBeGreaterThanOrEqual(200_000);
        expect(photo.sizeBytes).toBeLessThanOrEqual(300_000);
        expect(`${readExif(bytes)?.taken}Z`).toBe(photo.sidecar.captureTime);
      }
      const video = files.find((f) => f.mimeType === 'video/mp4')!;
      const bytes = await readFile(join(dir, 'photos', video.path));
      expect([video.sizeBytes, bytes.length]).toEqual([3 * 1024 * 1024 + 7, 3 * 1024 * 1024 + 7]);
      expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
      expect(bytes.readUInt32BE(24)).toBe(bytes.length - 24);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
