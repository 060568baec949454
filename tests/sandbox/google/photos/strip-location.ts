/**
 * What Google Photos does to a photo's bytes on a `=d` download: "all Exif metadata except location"
 * (developers.google.com/photos/library/guides/access-media-items#image-base-urls). The GPS IFD's entries and
 * values are zeroed and IFD0's pointer to it removed; every other byte, and the file's length, stay as they were.
 */
import { TAG, TiffReader, locateExif } from '../../../../model/exif';

export function stripLocation(file: Buffer): Buffer {
  const block = locateExif(file);
  if (!block) return file;
  const out = Buffer.from(file);
  try {
    const tiff = new TiffReader(out, block);
    const ifd0 = tiff.firstIfd();
    const entries = tiff.entries(ifd0);
    const pointer = entries.find((e) => e.tag === TAG.gpsIfd);
    if (!pointer) return file;
    const gps = tiff.pointed(pointer);
    const gpsEntries = tiff.entries(gps);
    for (const entry of gpsEntries) if (entry.valueLength > 4) out.fill(0, entry.valueAt, entry.valueAt + entry.valueLength);
    out.fill(0, gps, gps + 2 + gpsEntries.length * 12 + 4);
    // IFD0 loses the pointer entry: the entries after it move up and the count drops by one.
    const tableEnd = ifd0 + 2 + entries.length * 12 + 4;
    out.copy(out, pointer.at, pointer.at + 12, tableEnd);
    out.fill(0, tableEnd - 12, tableEnd);
    const count = entries.length - 1;
    if (block.littleEndian) out.writeUInt16LE(count, ifd0);
    else out.writeUInt16BE(count, ifd0);
    return out;
  } catch (error) {
    if (error instanceof RangeError) return file;
    throw error;
  }
}
