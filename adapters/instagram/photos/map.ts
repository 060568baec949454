/**
 * An Instagram post's media → model MediaItem (README.md, "Photos: field table"). The caption becomes the
 * description of each photo of the post; the time it was posted its capture time (the export keeps no other;
 * Instagram strips the files' EXIF); a place only where the export kept the photo's EXIF coordinates.
 */
import type { MediaItem } from '../../../model/media';
import { mediaTypeOf } from '../../../model/media-sidecar';
import { fixMetaText } from '../../meta-export-text';
import { baseNameOf } from '../../zip-archive';
import type { InstagramMedia, InstagramPost } from './api-types';

const instant = (seconds: number | undefined): string | undefined =>
  typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined;

function placeOf(media: InstagramMedia): MediaItem['location'] {
  const exif = [...(media.media_metadata?.photo_metadata?.exif_data ?? []), ...(media.media_metadata?.video_metadata?.exif_data ?? [])];
  const found = exif.find((e) => typeof e.latitude === 'number' && typeof e.longitude === 'number' && !(e.latitude === 0 && e.longitude === 0));
  return found ? { lat: found.latitude!, lon: found.longitude! } : undefined;
}

/** The caption of a post: the post's own for a carousel, its one media's otherwise. */
export function captionOf(post: InstagramPost): string | undefined {
  const text = fixMetaText(post.title ?? (post.media?.length === 1 ? post.media[0]!.title : undefined) ?? '').trim();
  return text || undefined;
}

export function fromInstagramMedia(post: InstagramPost, media: InstagramMedia, size: number, albumOrder: number): MediaItem | undefined {
  const fileName = baseNameOf(media.uri ?? '');
  const mimeType = mediaTypeOf(fileName);
  if (!mimeType) return undefined;
  const item: MediaItem = { fileName, mimeType, sizeBytes: size, downloadSource: media.uri!, albumOrder };
  const captureTime = instant(media.creation_timestamp) ?? instant(post.creation_timestamp);
  if (captureTime) item.captureTime = captureTime;
  const caption = captionOf(post);
  if (caption) item.description = caption;
  const location = placeOf(media);
  if (location) item.location = location;
  return item;
}
