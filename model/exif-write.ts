/**
 * Writes a minimal EXIF APP1 segment (CIPA DC-008) into a JPEG: camera make and model when known,
 * DateTimeOriginal with OffsetTimeOriginal, and GPS latitude/longitude when given. Little-endian TIFF; IFD0 is
 * written last so the offsets of the IFDs it points to are known. The sample photos are made with it, and
 * archive sources give a photo whose export stripped its EXIF (Instagram, Facebook) its time back.
 */
import { TAG } from './exif';

const ASCII = 2;
const BYTE = 1;
const LONG = 4;
const RATIONAL = 5;

interface Entry {
  tag: number;
  type: number;
  count: number;
  value: number[];
}

const ascii = (tag: number, text: string): Entry => {
  const bytes = [...new TextEncoder().encode(text), 0];
  return { tag, type: ASCII, count: bytes.length, value: bytes };
};

const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const u16 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff];

/** Degrees as the three rationals EXIF wants: whole degrees, whole minutes, seconds to 1/10000. */
function dms(value: number): Entry['value'] {
  const abs = Math.abs(value);
  const degrees = Math.floor(abs);
  const minutes = Math.floor((abs - degrees) * 60);
  const seconds = Math.round(((abs - degrees) * 60 - minutes) * 60 * 10_000);
  return [...u32(degrees), ...u32(1), ...u32(minutes), ...u32(1), ...u32(seconds), ...u32(10_000)];
}

class TiffWriter {
  readonly bytes: number[] = [0x49, 0x49, 0x2a, 0x00, 0, 0, 0, 0];

  /** Appends an IFD (entries sorted by tag, as TIFF requires) with its out-of-line values; returns its offset. */
  ifd(entries: Entry[]): number {
    const sorted = [...entries].sort((a, b) => a.tag - b.tag);
    const at = this.bytes.length;
    let data = at + 2 + sorted.length * 12 + 4;
    const table: number[] = [...u16(sorted.length)];
    const outOfLine: number[] = [];
    for (const entry of sorted) {
      table.push(...u16(entry.tag), ...u16(entry.type), ...u32(entry.count));
      if (entry.value.length <= 4) {
        table.push(...entry.value, ...new Array<number>(4 - entry.value.length).fill(0));
      } else {
        table.push(...u32(data));
        outOfLine.push(...entry.value);
        if (entry.value.length % 2) outOfLine.push(0);
        data = at + 2 + sorted.length * 12 + 4 + outOfLine.length;
      }
    }
    this.bytes.push(...table, ...u32(0), ...outOfLine);
    return at;
  }

  setFirstIfd(offset: number): void {
    this.bytes.splice(4, 4, ...u32(offset));
  }
}

export interface ExifToWrite {
  make?: string;
  model?: string;
  /** `YYYY-MM-DDTHH:mm:ss` wall time. */
  taken: string;
  /** `+02:00` */
  takenOffset: string;
  location?: { lat: number; lon: number };
}

/** The APP1 segment, marker and length included, to put right after a JPEG's start-of-image marker. */
export function exifSegment(exif: ExifToWrite): Uint8Array {
  const tiff = new TiffWriter();
  const exifIfd = tiff.ifd([ascii(TAG.dateTimeOriginal, exif.taken.replace('T', ' ').replace(/-/g, ':')), ascii(TAG.offsetTimeOriginal, exif.takenOffset)]);
  const root: Entry[] = [{ tag: TAG.exifIfd, type: LONG, count: 1, value: u32(exifIfd) }];
  if (exif.make) root.push(ascii(0x010f, exif.make));
  if (exif.model) root.push(ascii(0x0110, exif.model));
  if (exif.location) {
    const { lat, lon } = exif.location;
    const gps = tiff.ifd([
      { tag: 0, type: BYTE, count: 4, value: [2, 3, 0, 0] },
      ascii(TAG.gpsLatitudeRef, lat < 0 ? 'S' : 'N'),
      { tag: TAG.gpsLatitude, type: RATIONAL, count: 3, value: dms(lat) },
      ascii(TAG.gpsLongitudeRef, lon < 0 ? 'W' : 'E'),
      { tag: TAG.gpsLongitude, type: RATIONAL, count: 3, value: dms(lon) },
    ]);
    root.push({ tag: TAG.gpsIfd, type: LONG, count: 1, value: u32(gps) });
  }
  tiff.setFirstIfd(tiff.ifd(root));
  const body = [...new TextEncoder().encode('Exif\0\0'), ...tiff.bytes];
  return Uint8Array.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
}

/** The JPEG with an EXIF segment right after its start-of-image marker. */
export function withExif(jpeg: Uint8Array, exif: ExifToWrite): Uint8Array {
  const app1 = exifSegment(exif);
  const out = new Uint8Array(jpeg.length + app1.length);
  out.set(jpeg.subarray(0, 2));
  out.set(app1, 2);
  out.set(jpeg.subarray(2), 2 + app1.length);
  return out;
}
