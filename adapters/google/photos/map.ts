/**
 * Google Photos ↔ model MediaItem, field by field (README.md, "Photos and videos"). What the Picker hands out
 * is little: a file name, type, size in pixels and creation time; the bytes come from the base URL.
 */
import type { LostField } from '../../../model/adapter';
import { exifInstant, readExif } from '../../../model/exif';
import { isVideo, type MediaItem } from '../../../model/media';
import type { NewMediaItem, PickedMediaItem } from './api-types';

/** batchCreate: "The description field must not exceed 1000 characters" (upload-media, step 2). */
export const MAX_DESCRIPTION = 1000;

/** What Google holds but the Picker does not give (the Picker's PickedMediaItem has no such fields). */
export function pickerWithheld(video: boolean): LostField[] {
  const withheld: LostField[] = [
    { field: 'description', reason: 'Google Photos’ picker does not hand out descriptions, so Ferry cannot read them' },
    { field: 'album', reason: 'Google Photos’ picker does not say which albums a photo is in; everything picked arrives in one album' },
  ];
  if (!video) withheld.push({ field: 'location', reason: 'Google Photos removes the location from every photo it hands out' });
  return withheld;
}

export function fromPickedItem(picked: PickedMediaItem, albumOrder: number): MediaItem {
  const file = picked.mediaFile!;
  const mimeType = file.mimeType ?? (picked.type === 'VIDEO' ? 'video/mp4' : 'image/jpeg');
  const item: MediaItem = { fileName: file.filename || `${picked.id}`, mimeType, downloadSource: file.baseUrl, albumOrder };
  if (picked.createTime) item.captureTime = picked.createTime;
  const metadata = file.mediaFileMetadata;
  if (metadata?.width) item.width = metadata.width;
  if (metadata?.height) item.height = metadata.height;
  item.withheldBySource = pickerWithheld(isVideo(item));
  return item;
}

export function toNewMediaItem(item: MediaItem, uploadToken: string): { body: NewMediaItem; lost: LostField[] } {
  const lost: LostField[] = [];
  const body: NewMediaItem = { simpleMediaItem: { uploadToken, fileName: item.fileName } };
  if (item.description) {
    body.description = item.description.slice(0, MAX_DESCRIPTION);
    if (item.description.length > MAX_DESCRIPTION) lost.push({ field: 'description', reason: `Google keeps the first ${MAX_DESCRIPTION} characters of a description` });
  }
  if (item.title) lost.push({ field: 'title', reason: 'Google Photos has no title apart from the file name and description' });
  return { body, lost };
}

/**
 * Google Photos takes capture time and place from the file itself and has no way to set them: what the model
 * says beyond the file's own EXIF (read from the file's first bytes) is reported lost.
 */
export function fileMetadataLosses(item: MediaItem, head: Uint8Array): LostField[] {
  const lost: LostField[] = [];
  const exif = item.mimeType === 'image/jpeg' ? readExif(head) : undefined;
  const inFile = exifInstant(exif);
  if (item.captureTime && (!inFile || Date.parse(inFile) !== Date.parse(item.captureTime))) {
    const reason = exif
      ? 'Google Photos takes the time a photo was taken from the file, and this file says another time or none'
      : 'Google Photos takes the time from the file itself; Ferry cannot set it for this kind of file';
    lost.push({ field: 'captureTime', reason });
  }
  if (item.location && item.mimeType === 'image/jpeg' && !exif?.location) {
    lost.push({ field: 'location', reason: 'Google Photos takes the place from the file, and this file does not carry it' });
  }
  return lost;
}
