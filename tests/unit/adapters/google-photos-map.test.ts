import { describe, expect, it } from 'vitest';
import { fileMetadataLosses, fromPickedItem, toNewMediaItem } from '../../../adapters/google/photos/map';
import { durationMs } from '../../../adapters/google/photos/picker';
import { withExif } from '../../../model/exif-write';
import { solidJpeg } from '../../sandbox/sample-data/jpeg-encode';

describe('Google Photos mapping', () => {
  it('a picked photo becomes a media item that says what the Picker withheld', () => {
    const item = fromPickedItem(
      { id: 'AF1', createTime: '2023-01-02T11:00:09Z', type: 'PHOTO', mediaFile: { baseUrl: 'https://lh3.googleusercontent.com/pp/x', mimeType: 'image/jpeg', filename: 'IMG_1.jpg', mediaFileMetadata: { width: 16, height: 24 } } },
      4,
    );
    expect(item).toMatchObject({ fileName: 'IMG_1.jpg', mimeType: 'image/jpeg', captureTime: '2023-01-02T11:00:09Z', width: 16, height: 24, albumOrder: 4, downloadSource: 'https://lh3.googleusercontent.com/pp/x' });
    expect(item.withheldBySource?.map((w) => w.field)).toEqual(['description', 'album', 'location']);
  });

  it('a picked video keeps its location (Google strips it from photos only)', () => {
    const item = fromPickedItem({ id: 'AF2', type: 'VIDEO', mediaFile: { baseUrl: 'u', mimeType: 'video/mp4', filename: 'v.mp4' } }, 0);
    expect(item.withheldBySource?.map((w) => w.field)).toEqual(['description', 'album']);
  });

  it('a description over 1000 characters is cut and reported; a title is reported', () => {
    const { body, lost } = toNewMediaItem({ fileName: 'a.jpg', mimeType: 'image/jpeg', downloadSource: '', description: 'x'.repeat(1200), title: 'T' }, 'tok');
    expect(body).toEqual({ description: 'x'.repeat(1000), simpleMediaItem: { uploadToken: 'tok', fileName: 'a.jpg' } });
    expect(lost.map((l) => l.field)).toEqual(['description', 'title']);
  });

  it('capture time and place beyond the file’s own EXIF are reported lost', () => {
    const jpeg = withExif(solidJpeg(8, 8, [1, 2, 3]), { make: 'A', model: 'B', taken: '2022-03-04T05:06:07', takenOffset: '+00:00' });
    const base = { fileName: 'a.jpg', mimeType: 'image/jpeg', downloadSource: '' };
    expect(fileMetadataLosses({ ...base, captureTime: '2022-03-04T05:06:07Z' }, jpeg)).toEqual([]);
    expect(fileMetadataLosses({ ...base, captureTime: '2022-03-04T06:06:07Z', location: { lat: 1, lon: 2 } }, jpeg).map((l) => l.field)).toEqual(['captureTime', 'location']);
    expect(fileMetadataLosses({ ...base, mimeType: 'video/mp4', captureTime: '2022-03-04T05:06:07Z' }, jpeg).map((l) => l.field)).toEqual(['captureTime']);
  });

  it('reads Google durations', () => {
    expect(durationMs('5s')).toBe(5000);
    expect(durationMs('3.5s')).toBe(3500);
    expect(durationMs('soon')).toBeUndefined();
  });
});
