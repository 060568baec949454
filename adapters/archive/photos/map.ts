/**
 * An archive photo or video and its sidecar → model MediaItem (README.md, "Photos"). The file's name, type and
 * size are the zip's; the sidecar (model/media-sidecar.ts) adds the title, description, capture time, place and
 * the item's place in its album.
 */
import { AdapterError } from '../../../model/adapter';
import type { MediaItem } from '../../../model/media';
import { parseSidecar, type MediaSidecar } from '../../../model/media-sidecar';
import { entryText } from '../../zip-entry';
import type { ArchiveEntry } from '../../zip-archive';

export async function readSidecar(file: ArchiveEntry): Promise<MediaSidecar> {
  const text = await entryText(file);
  try {
    return parseSidecar(text);
  } catch (error) {
    throw new AdapterError(`${file.path} in ${file.part} is not valid JSON (${(error as Error).message}), so the photo it describes cannot be moved with its details.`, 'fatal');
  }
}

export function mediaItemOf(fileName: string, mimeType: string, downloadSource: string, sidecar: MediaSidecar, albumOrder: number | undefined, sizeBytes?: number): MediaItem {
  const item: MediaItem = { fileName, mimeType, downloadSource };
  if (sizeBytes !== undefined) item.sizeBytes = sizeBytes;
  if (sidecar.title?.trim()) item.title = sidecar.title;
  if (sidecar.description?.trim()) item.description = sidecar.description;
  if (sidecar.captureTime) item.captureTime = sidecar.captureTime;
  if (sidecar.location) item.location = sidecar.location;
  if (albumOrder !== undefined) item.albumOrder = albumOrder;
  return item;
}
