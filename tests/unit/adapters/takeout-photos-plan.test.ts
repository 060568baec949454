/** Which files of a Takeout's Google Photos folder move, into which album, with which sidecar. */
import { describe, expect, it } from 'vitest';
import { planPhotos } from '../../../adapters/takeout/photos/plan';
import type { ArchiveEntry } from '../../../adapters/zip-archive';

const P = 'Takeout/Google Photos';
const entry = (path: string, size = 100, crc32 = 1): ArchiveEntry => ({ path, part: 'takeout-001.zip', size, crc32, entry: undefined as never });
const described = (plan: ReturnType<typeof planPhotos>) =>
  plan.items.map((i) => (i.kind === 'file' ? [i.album, i.file.path.split('/').pop(), i.sidecar?.path.split('/').pop()] : [i.album, 'orphan', i.sidecar.path.split('/').pop()]));

describe('planPhotos', () => {
  it('leaves out a year folder’s copy of a photo that is in an album, and keeps the rest', () => {
    const plan = planPhotos([
      entry(`${P}/Photos from 2023/A.jpg`, 10, 7),
      entry(`${P}/Photos from 2023/A.jpg.json`),
      entry(`${P}/Photos from 2023/B.jpg`, 20, 8),
      entry(`${P}/Photos from 2023/B.jpg.supplemental-metadata.json`),
      entry(`${P}/Trip/A.jpg`, 10, 7),
      entry(`${P}/Trip/A.jpg.json`),
      entry(`${P}/Trip/metadata.json`),
      entry(`${P}/print-subscriptions.json`),
    ]);
    expect(plan.albums.map((a) => [a.folder, Boolean(a.metadata)])).toEqual([
      [`${P}/Photos from 2023`, false],
      [`${P}/Trip`, true],
    ]);
    expect(described(plan)).toEqual([
      [`${P}/Photos from 2023`, 'B.jpg', 'B.jpg.supplemental-metadata.json'],
      [`${P}/Trip`, 'A.jpg', 'A.jpg.json'],
    ]);
  });

  it('keeps a same-named file that differs from the album’s', () => {
    const plan = planPhotos([entry(`${P}/Photos from 2023/A.jpg`, 10, 7), entry(`${P}/Trip/A.jpg`, 10, 9), entry(`${P}/Trip/metadata.json`)]);
    expect(plan.items).toHaveLength(2);
  });

  it('lists a sidecar whose file is in no chosen part, unless the photo arrives through an album', () => {
    const plan = planPhotos([
      entry(`${P}/Photos from 2024/C.jpg.json`),
      entry(`${P}/Photos from 2024/D.jpg.json`),
      entry(`${P}/Party/D.jpg`),
      entry(`${P}/Party/D.jpg.json`),
      entry(`${P}/Party/metadata.json`),
    ]);
    expect(described(plan)).toEqual([
      [`${P}/Party`, 'D.jpg', 'D.jpg.json'],
      [`${P}/Photos from 2024`, 'orphan', 'C.jpg.json'],
    ]);
  });
});
