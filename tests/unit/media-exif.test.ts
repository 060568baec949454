import { describe, expect, it } from 'vitest';
import { exifInstant, jpegDimensions, readExif } from '../../model/exif';
import { mediaTypeOf, parseSidecar, writeSidecar } from '../../model/media-sidecar';
import { stripLocation } from '../sandbox/google/photos/strip-location';
import { withExif } from '../../model/exif-write';
import { solidJpeg } from '../sandbox/sample-data/jpeg-encode';

const photo = (location?: { lat: number; lon: number }) =>
  withExif(solidJpeg(24, 16, [10, 200, 30]), { make: 'Canon', model: 'EOS', taken: '2024-02-29T23:59:58', takenOffset: '+05:30', ...(location && { location }) });

describe('EXIF reading and writing', () => {
  it('reads back what was written: time, offset and place', () => {
    const facts = readExif(photo({ lat: -33.8688, lon: 151.2093 }));
    expect(facts?.taken).toBe('2024-02-29T23:59:58');
    expect(facts?.takenOffset).toBe('+05:30');
    expect(exifInstant(facts)).toBe('2024-02-29T23:59:58+05:30');
    expect(facts?.location?.lat).toBeCloseTo(-33.8688, 6);
    expect(facts?.location?.lon).toBeCloseTo(151.2093, 6);
  });

  it('reads the size from the start-of-frame marker', () => {
    expect(jpegDimensions(photo())).toEqual({ width: 24, height: 16 });
  });

  it('treats a file without EXIF, or not a JPEG, as having none', () => {
    expect(readExif(solidJpeg(8, 8, [0, 0, 0]))).toBeUndefined();
    expect(readExif(new TextEncoder().encode('not a jpeg'))).toBeUndefined();
    expect(exifInstant(undefined)).toBeUndefined();
  });

  it('reads a time without an offset as UTC, as OneDrive does', () => {
    expect(exifInstant({ taken: '2020-01-01T10:00:00' })).toBe('2020-01-01T10:00:00Z');
  });

  it('stripping the location keeps every other fact and the file length', () => {
    const original = Buffer.from(photo({ lat: 52.52, lon: 13.405 }));
    const stripped = stripLocation(original);
    expect(stripped.length).toBe(original.length);
    expect(stripped.equals(original)).toBe(false);
    const facts = readExif(stripped);
    expect(facts?.location).toBeUndefined();
    expect(facts?.taken).toBe('2024-02-29T23:59:58');
    expect(stripLocation(Buffer.from(photo()))).toEqual(Buffer.from(photo()));
  });
});

describe('media sidecar', () => {
  it('round-trips and drops what is malformed', () => {
    const sidecar = { title: 'T', description: 'D — ü', captureTime: '2021-05-01T10:00:00Z', location: { lat: 1.5, lon: -2 }, albumOrder: 3, sourceIds: { google: 'AF1' } };
    expect(parseSidecar(writeSidecar(sidecar))).toEqual(sidecar);
    expect(parseSidecar('{"captureTime":"soon","albumOrder":-1,"location":{"lat":"x"},"sourceIds":{"a":1}}')).toEqual({});
  });

  it('types files by extension', () => {
    expect(mediaTypeOf('IMG.JPG')).toBe('image/jpeg');
    expect(mediaTypeOf('clip.mp4')).toBe('video/mp4');
    expect(mediaTypeOf('notes.txt')).toBeUndefined();
  });
});
