import { test, expect } from '../harness/fixtures';
import { diffPhotos, readPhotoFacts, type PhotoFactName } from '../harness/photo-facts';
import { moveAndDump, reportedLoss } from '../harness/transfer-dumps';
import type { ProviderName } from '../sandbox/core/types';
import { writeSamplePhotos } from '../sandbox/sample-data/photos';

/**
 * What each direction may change (adapters/*\/README.md § photos), reported per item. The Google Photos Picker
 * hands out neither albums nor descriptions and strips the place from the bytes; Google Photos takes the capture
 * time from the file itself.
 */
const MAY_DIFFER: Record<string, { facts: PhotoFactName[]; reportedAs: Partial<Record<PhotoFactName, string>> }> = {
  'google->microsoft': { facts: ['album', 'description', 'located', 'bytes'], reportedAs: { album: 'album', description: 'description', located: 'location' } },
  'microsoft->google': { facts: ['captureTime'], reportedAs: { captureTime: 'captureTime' } },
};

const directions: [ProviderName, ProviderName][] = [
  ['google', 'microsoft'],
  ['microsoft', 'google'],
];

for (const [from, to] of directions) {
  test(`photos and videos move ${from} → ${to}: 200 photos and 5 videos in 4 albums, bytes and capture times`, async ({ sandbox, app, scratch }) => {
    const moved = await moveAndDump(sandbox.control, app, scratch, {
      from,
      to,
      label: 'Photos and videos',
      writeSample: (dir) => writeSamplePhotos(dir, { photos: 200, videos: 5, albums: 4 }),
    });
    const { job } = moved;
    expect(job.status, job.statusMessage).toBe('done');
    expect(job.failures).toEqual([]);

    const left = await readPhotoFacts(moved.leftDir);
    const arrived = await readPhotoFacts(moved.arrivedDir);
    expect(left.size).toBeGreaterThanOrEqual(205);
    const rule = MAY_DIFFER[`${from}->${to}`]!;
    // Bytes may differ only where Google strips the place (the EXIF GPS block) from a photo that had one.
    const lossy = (f: { gpsBlock: boolean }) => new Set(rule.facts.filter((fact) => fact !== 'bytes' || f.gpsBlock));
    expect(diffPhotos(left, arrived, lossy).slice(0, 40)).toEqual([]);

    for (const [name, want] of left) {
      const got = arrived.get(name)!;
      for (const [fact, field] of Object.entries(rule.reportedAs) as [PhotoFactName, string][]) {
        if (want[fact] === undefined || want[fact] === false || JSON.stringify(want[fact]) === JSON.stringify(got[fact])) continue;
        expect(reportedLoss(job, name, field), `${name} lost ${fact} without a report`).toBe(true);
      }
    }
  });
}
