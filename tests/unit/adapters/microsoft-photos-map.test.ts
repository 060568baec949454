import { describe, expect, it } from 'vitest';
import { safeName } from '../../../adapters/microsoft/photos/drive';
import { fromDriveItem, isMediaFile, isSameUpload, toUploadableItem } from '../../../adapters/microsoft/photos/map';

describe('OneDrive photos mapping', () => {
  it('a driveItem becomes a media item from its facets', () => {
    const item = fromDriveItem(
      {
        id: '01A',
        name: 'IMG.jpg',
        size: 300,
        description: 'Sunset',
        file: { mimeType: 'image/jpeg' },
        image: { width: 16, height: 24 },
        photo: { takenDateTime: '2023-01-02T11:00:09Z' },
        location: { latitude: 1.5, longitude: -2.5 },
        fileSystemInfo: { createdDateTime: '2024-01-01T00:00:00Z' },
      },
      2,
      'https://graph.microsoft.com/v1.0/me/drive/items/01A',
    );
    expect(item).toEqual({
      fileName: 'IMG.jpg',
      mimeType: 'image/jpeg',
      sizeBytes: 300,
      captureTime: '2023-01-02T11:00:09Z',
      description: 'Sunset',
      location: { lat: 1.5, lon: -2.5 },
      width: 16,
      height: 24,
      albumOrder: 2,
      downloadSource: 'https://graph.microsoft.com/v1.0/me/drive/items/01A',
    });
  });

  it('a video’s duration is in seconds; a file without a taken time uses its creation time', () => {
    const item = fromDriveItem({ id: '1', name: 'v.mp4', file: { mimeType: 'video/mp4' }, video: { duration: 1500 }, fileSystemInfo: { createdDateTime: '2024-01-01T00:00:00Z' } }, 0, 'x');
    expect(item.duration).toBe(1.5);
    expect(item.captureTime).toBe('2024-01-01T00:00:00Z');
    expect(isMediaFile({ id: '2', name: 'notes.txt', file: { mimeType: 'text/plain' } })).toBe(false);
  });

  it('the upload keeps description and times; title and order are reported lost', () => {
    const { item, lost } = toUploadableItem({ fileName: 'a.jpg', mimeType: 'image/jpeg', downloadSource: '', description: 'D', captureTime: '2020-01-01T00:00:00Z', title: 'T', albumOrder: 1 }, 42);
    expect(item).toEqual({
      '@microsoft.graph.conflictBehavior': 'fail',
      fileSize: 42,
      description: 'D',
      fileSystemInfo: { createdDateTime: '2020-01-01T00:00:00Z', lastModifiedDateTime: '2020-01-01T00:00:00Z' },
    });
    expect(lost.map((l) => l.field)).toEqual(['title', 'albumOrder']);
  });

  it('a file of the same name is the one made before only when size and creation time match', () => {
    const media = { fileName: 'a.jpg', mimeType: 'image/jpeg', downloadSource: '', captureTime: '2020-01-01T00:00:00Z' };
    const found = { id: '1', name: 'a.jpg', size: 10, file: {}, fileSystemInfo: { createdDateTime: '2020-01-01T00:00:00.000Z' } };
    expect(isSameUpload(found, media, 10)).toBe(true);
    expect(isSameUpload(found, media, 11)).toBe(false);
    expect(isSameUpload({ ...found, fileSystemInfo: { createdDateTime: '2021-01-01T00:00:00Z' } }, media, 10)).toBe(false);
  });

  it('names OneDrive refuses are made safe', () => {
    expect(safeName('a:b*c?.jpg')).toBe('a_b_c_.jpg');
    expect(safeName(' trailing. ')).toBe('trailing');
  });
});
