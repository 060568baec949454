/**
 * Gives back a photo the time it was taken when its export stripped the file's EXIF (Instagram and Facebook
 * strip every photo's; some Takeout files never had one): a JPEG without a capture time of its own is handed
 * out with an EXIF segment carrying the export's capture time (and place) inserted after its start-of-image
 * marker, so a destination that reads the time only from the file (Google Photos) dates it right. The bytes
 * after the marker are the file's own; a JPEG that has its own time is handed out untouched.
 */
import { AdapterError, type ContentStream, type ExportedItem } from '../model/adapter';
import { readExif } from '../model/exif';
import { exifSegment } from '../model/exif-write';
import type { MediaItem } from '../model/media';
import { entryContent, entryStream } from './zip-entry';
import type { ArchiveEntry, ArchiveTree } from './zip-archive';

/** Enough of a JPEG's start for its EXIF (an APP1 segment is at most 64 KiB). */
const HEAD_BYTES = 64 * 1024 + 4;
const SOI = [0xff, 0xd8];

async function headOf(file: ArchiveEntry): Promise<Uint8Array> {
  const reader = entryStream(file).getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  while (length < HEAD_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    length += value.length;
  }
  await reader.cancel();
  const head = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    head.set(part, at);
    at += part.length;
  }
  return head;
}

/** The segment to insert into this item's file, or undefined when the file is to be handed out as it is. */
export async function stampFor(file: ArchiveEntry, item: MediaItem): Promise<Uint8Array | undefined> {
  if (item.mimeType !== 'image/jpeg' || !item.captureTime) return undefined;
  let head: Uint8Array;
  try {
    head = await headOf(file);
  } catch (error) {
    // A damaged file fails when its bytes are asked for, on its own; the page it is listed in goes on.
    if (error instanceof AdapterError) return undefined;
    throw error;
  }
  if (head[0] !== SOI[0] || head[1] !== SOI[1] || readExif(head)?.taken) return undefined;
  const taken = new Date(Date.parse(item.captureTime)).toISOString().slice(0, 19);
  return exifSegment({ taken, takenOffset: '+00:00', ...(item.location && { location: item.location }) });
}

/** The file's bytes from `from`, with the segment (when there is one) after its first two bytes. */
export function stampedContent(file: ArchiveEntry, segment: Uint8Array | undefined, from = 0): ContentStream {
  if (!segment) return entryContent(file, from);
  const size = file.size + segment.length;
  const prefix = new Uint8Array([...SOI, ...segment]);
  const offset = Math.min(from, size);
  const rest = entryStream(file, Math.max(SOI.length, offset - segment.length));
  const reader = rest.getReader();
  let prefixSent = offset >= prefix.length;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!prefixSent) {
        prefixSent = true;
        controller.enqueue(prefix.subarray(offset));
        return;
      }
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { body, size, offset, contentType: 'image/jpeg' };
}

/**
 * An exporter's stamps: decided when an item's page is exported (so its size is what will be handed out) and
 * again, the same way, when its bytes are asked for after a restart.
 */
export class ExifStamps {
  private readonly segments = new Map<string, Uint8Array | undefined>();

  private async segmentOf(key: string, file: ArchiveEntry, data: MediaItem): Promise<Uint8Array | undefined> {
    if (!this.segments.has(key)) this.segments.set(key, await stampFor(file, data));
    return this.segments.get(key);
  }

  /** Sets the item's size to what will be handed out. */
  async prepare(item: ExportedItem<MediaItem>, file: ArchiveEntry): Promise<void> {
    const segment = await this.segmentOf(item.key, file, item.data);
    item.data.sizeBytes = file.size + (segment?.length ?? 0);
    item.bytes = item.data.sizeBytes;
  }

  /** The item, prepared when its file is in the chosen zips (one that is not fails alone when its bytes are asked for). */
  async prepared(item: ExportedItem<MediaItem>, tree: ArchiveTree): Promise<ExportedItem<MediaItem>> {
    const file = tree.files.get(item.data.downloadSource);
    if (file) await this.prepare(item, file);
    return item;
  }

  async content(key: string, data: MediaItem, file: ArchiveEntry, from = 0): Promise<ContentStream> {
    return stampedContent(file, await this.segmentOf(key, file, data), from);
  }
}
