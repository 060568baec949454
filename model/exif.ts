/**
 * The few EXIF facts Ferry reads from a JPEG's own bytes (CIPA DC-008 "Exif 2.32"): when it was taken and
 * where. Only the APP1 Exif segment at the file's start is read; anything malformed reads as "not there".
 */

/** Where the TIFF structure inside a JPEG's APP1 Exif segment lies, and its byte order. */
export interface TiffBlock {
  /** Offset of the TIFF header ("II*\0" / "MM\0*") in the file; IFD offsets count from here. */
  start: number;
  length: number;
  littleEndian: boolean;
}

export interface IfdEntry {
  tag: number;
  type: number;
  count: number;
  /** Offset in the file of the entry itself (12 bytes). */
  at: number;
  /** Offset in the file of the value: inside the entry when it fits in 4 bytes, else where it points. */
  valueAt: number;
  /** Bytes the value takes. */
  valueLength: number;
}

export const TAG = {
  exifIfd: 0x8769,
  gpsIfd: 0x8825,
  dateTimeOriginal: 0x9003,
  offsetTimeOriginal: 0x9011,
  gpsLatitudeRef: 1,
  gpsLatitude: 2,
  gpsLongitudeRef: 3,
  gpsLongitude: 4,
} as const;

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };

/** The TIFF block of the file's Exif segment, when it is a JPEG that has one. */
export function locateExif(file: Uint8Array): TiffBlock | undefined {
  if (file[0] !== 0xff || file[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 4 <= file.length && file[at] === 0xff) {
    const marker = file[at + 1]!;
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = (file[at + 2]! << 8) | file[at + 3]!;
    const isExif = marker === 0xe1 && String.fromCharCode(...file.subarray(at + 4, at + 10)) === 'Exif\0\0';
    if (isExif) {
      const start = at + 10;
      const order = String.fromCharCode(file[start]!, file[start + 1]!);
      if (order !== 'II' && order !== 'MM') return undefined;
      return { start, length: Math.min(length - 8, file.length - start), littleEndian: order === 'II' };
    }
    at += 2 + length;
  }
  return undefined;
}

/** Reads the TIFF structure's numbers in its own byte order, refusing reads outside it. */
export class TiffReader {
  private readonly view: DataView;

  constructor(
    readonly file: Uint8Array,
    readonly block: TiffBlock,
  ) {
    this.view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  }

  private inside(at: number, size: number): void {
    if (at < this.block.start || at + size > this.block.start + this.block.length) throw new RangeError('EXIF offset outside its segment');
  }

  u16(at: number): number {
    this.inside(at, 2);
    return this.view.getUint16(at, this.block.littleEndian);
  }

  u32(at: number): number {
    this.inside(at, 4);
    return this.view.getUint32(at, this.block.littleEndian);
  }

  /** File offset of IFD0. */
  firstIfd(): number {
    return this.block.start + this.u32(this.block.start + 4);
  }

  /** The entries of the IFD at file offset `at`. */
  entries(at: number): IfdEntry[] {
    const count = this.u16(at);
    const list: IfdEntry[] = [];
    for (let i = 0; i < count; i++) {
      const entryAt = at + 2 + i * 12;
      const type = this.u16(entryAt + 2);
      const valueCount = this.u32(entryAt + 4);
      const valueLength = (TYPE_SIZES[type] ?? 1) * valueCount;
      const valueAt = valueLength <= 4 ? entryAt + 8 : this.block.start + this.u32(entryAt + 8);
      list.push({ tag: this.u16(entryAt), type, count: valueCount, at: entryAt, valueAt, valueLength });
    }
    return list;
  }

  /** File offset of the IFD a pointer entry names. */
  pointed(entry: IfdEntry): number {
    return this.block.start + this.u32(entry.valueAt);
  }

  ascii(entry: IfdEntry): string {
    this.inside(entry.valueAt, entry.valueLength);
    return String.fromCharCode(...this.file.subarray(entry.valueAt, entry.valueAt + entry.valueLength)).replace(/\0+$/, '');
  }

  rationals(entry: IfdEntry): number[] {
    return Array.from({ length: entry.count }, (_, i) => {
      const at = entry.valueAt + i * 8;
      const denominator = this.u32(at + 4);
      return denominator === 0 ? 0 : this.u32(at) / denominator;
    });
  }
}

export interface ExifFacts {
  /** DateTimeOriginal as written: wall time without zone, `YYYY-MM-DDTHH:mm:ss`. */
  taken?: string;
  /** OffsetTimeOriginal (`+02:00`), when the camera wrote it. */
  takenOffset?: string;
  location?: { lat: number; lon: number };
}

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function readGps(tiff: TiffReader, at: number): ExifFacts['location'] {
  const byTag = new Map(tiff.entries(at).map((e) => [e.tag, e]));
  const lat = byTag.get(TAG.gpsLatitude);
  const lon = byTag.get(TAG.gpsLongitude);
  if (!lat || !lon || lat.count !== 3 || lon.count !== 3) return undefined;
  const degrees = ([d, m, s]: number[]) => d! + m! / 60 + s! / 3600;
  const sign = (ref: IfdEntry | undefined, negative: string) => (ref && tiff.ascii(ref) === negative ? -1 : 1);
  return {
    lat: sign(byTag.get(TAG.gpsLatitudeRef), 'S') * degrees(tiff.rationals(lat)),
    lon: sign(byTag.get(TAG.gpsLongitudeRef), 'W') * degrees(tiff.rationals(lon)),
  };
}

/** The capture time and location a JPEG's EXIF holds; undefined when it has no readable EXIF. */
export function readExif(file: Uint8Array): ExifFacts | undefined {
  const block = locateExif(file);
  if (!block) return undefined;
  try {
    const tiff = new TiffReader(file, block);
    const facts: ExifFacts = {};
    for (const entry of tiff.entries(tiff.firstIfd())) {
      if (entry.tag === TAG.gpsIfd) {
        const location = readGps(tiff, tiff.pointed(entry));
        if (location) facts.location = location;
      }
      if (entry.tag !== TAG.exifIfd) continue;
      for (const inner of tiff.entries(tiff.pointed(entry))) {
        if (inner.tag === TAG.dateTimeOriginal) {
          const m = EXIF_DATE.exec(tiff.ascii(inner));
          if (m) facts.taken = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
        }
        if (inner.tag === TAG.offsetTimeOriginal && /^[+-]\d{2}:\d{2}$/.test(tiff.ascii(inner))) facts.takenOffset = tiff.ascii(inner);
      }
    }
    return facts;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * The capture instant as RFC 3339. A time without OffsetTimeOriginal is read as UTC, as OneDrive reads it
 * for `photo.takenDateTime`; Google Photos reads it the same way for a file without a zone.
 */
export const exifInstant = (facts: ExifFacts | undefined): string | undefined =>
  facts?.taken ? `${facts.taken}${facts.takenOffset && facts.takenOffset !== '+00:00' ? facts.takenOffset : 'Z'}` : undefined;

/** Width and height from a JPEG's start-of-frame marker (any SOFn but DHT, JPG and DAC). */
export function jpegDimensions(file: Uint8Array): { width: number; height: number } | undefined {
  if (file[0] !== 0xff || file[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 <= file.length && file[at] === 0xff) {
    const marker = file[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: (file[at + 5]! << 8) | file[at + 6]!, width: (file[at + 7]! << 8) | file[at + 8]! };
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    at += 2 + ((file[at + 2]! << 8) | file[at + 3]!);
  }
  return undefined;
}
