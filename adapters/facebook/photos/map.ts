/**
 * A Facebook photo or video → model MediaItem (README.md, "Photos: field table"). The capture time is the
 * photo's own (its EXIF's taken_timestamp) where the export kept it, else the time it was uploaded; the
 * description is the photo's, else the text of the post it came with.
 */
import type { MediaItem } from '../../../model/media';
import { mediaTypeOf } from '../../../model/media-sidecar';
import { fixMetaText } from '../../meta-export-text';
import { baseNameOf } from '../../zip-archive';
import type { FacebookMedia, FacebookPost } from './api-types';

const instant = (seconds: number | undefined): string | undefined =>
  typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined;

const exifOf = (media: FacebookMedia) => [...(media.media_metadata?.photo_metadata?.exif_data ?? []), ...(media.media_metadata?.video_metadata?.exif_data ?? [])];

export const postText = (post: FacebookPost): string | undefined => {
  const text = fixMetaText(post.data?.find((d) => d.post)?.post ?? '').trim();
  return text || undefined;
};

export function fromFacebookMedia(media: FacebookMedia, size: number, albumOrder: number, post?: FacebookPost): MediaItem | undefined {
  const fileName = baseNameOf(media.uri ?? '');
  const mimeType = mediaTypeOf(fileName);
  if (!mimeType) return undefined;
  const item: MediaItem = { fileName, mimeType, sizeBytes: size, downloadSource: media.uri!, albumOrder };
  const exif = exifOf(media);
  const captureTime = instant(exif.find((e) => e.taken_timestamp)?.taken_timestamp) ?? instant(media.creation_timestamp) ?? instant(post?.timestamp);
  if (captureTime) item.captureTime = captureTime;
  const description = fixMetaText(media.description ?? '').trim() || (post && postText(post));
  if (description) item.description = description;
  const place = exif.find((e) => typeof e.latitude === 'number' && typeof e.longitude === 'number' && !(e.latitude === 0 && e.longitude === 0));
  if (place) item.location = { lat: place.latitude!, lon: place.longitude! };
  return item;
}
