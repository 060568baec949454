/**
 * OneDrive driveItem ↔ model MediaItem, field by field (README.md, "Photos and videos"). A file's photo, image,
 * video and location facets are what OneDrive read from its bytes; fileSystemInfo and description are
 * what a client may set.
 */
import type { LostField } from '../../../model/adapter';
import type { MediaItem } from '../../../model/media';
import type { DriveItem, UploadableItem } from './api-types';

/** A file Ferry moves as a photo or video: one OneDrive calls so, or whose type says so. */
export const isMediaFile = (item: DriveItem): boolean =>
  Boolean(item.file && (item.photo || item.video || item.image || /^(image|video)\//.test(item.file.mimeType ?? '')));

export function fromDriveItem(item: DriveItem, albumOrder: number, downloadSource: string): MediaItem {
  const media: MediaItem = { fileName: item.name, mimeType: item.file?.mimeType ?? 'application/octet-stream', downloadSource, albumOrder };
  if (item.size !== undefined) media.sizeBytes = item.size;
  const taken = item.photo?.takenDateTime ?? item.fileSystemInfo?.createdDateTime;
  if (taken) media.captureTime = taken;
  if (item.description) media.description = item.description;
  const { latitude, longitude } = item.location ?? {};
  if (latitude !== undefined && longitude !== undefined) media.location = { lat: latitude, lon: longitude };
  const width = item.image?.width ?? item.video?.width;
  const height = item.image?.height ?? item.video?.height;
  if (width) media.width = width;
  if (height) media.height = height;
  if (item.video?.duration) media.duration = item.video.duration / 1000;
  return media;
}

/** createUploadSession's `item`: the file's times set to when it was taken, so OneDrive sorts it there. */
export function toUploadableItem(media: MediaItem, size: number): { item: UploadableItem; lost: LostField[] } {
  const item: UploadableItem = { '@microsoft.graph.conflictBehavior': 'fail', fileSize: size };
  if (media.description) item.description = media.description;
  if (media.captureTime) item.fileSystemInfo = { createdDateTime: media.captureTime, lastModifiedDateTime: media.captureTime };
  const lost: LostField[] = [];
  if (media.title) lost.push({ field: 'title', reason: 'OneDrive has no title apart from the file name' });
  if (media.albumOrder !== undefined) lost.push({ field: 'albumOrder', reason: 'A OneDrive folder has no order of its own; it sorts by name or date' });
  return { item, lost };
}

/** Whether a file in the folder is the one Ferry uploaded for this item (same size, created at its capture time). */
export function isSameUpload(found: DriveItem, media: MediaItem, size: number | undefined): boolean {
  if (!found.file || (size !== undefined && found.size !== size)) return false;
  const created = found.fileSystemInfo?.createdDateTime;
  return !media.captureTime || (created !== undefined && Date.parse(created) === Date.parse(media.captureTime));
}
