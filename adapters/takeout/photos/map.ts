/**
 * A Google Photos Takeout sidecar → model MediaItem fields (README.md, "Photos: field table"). The sidecar's
 * `title` is the file's name in Google Photos, not a title a person gave; people and favourites have no place
 * in the model and travel as withheld fields, so the report names them.
 */
import type { LostField } from '../../../model/adapter';
import type { MediaItem } from '../../../model/media';

/** The members of a sidecar Ferry reads (others: creationTime, url, googlePhotosOrigin, imageViews…). */
export interface TakeoutSidecar {
  title?: string;
  description?: string;
  photoTakenTime?: { timestamp?: string };
  geoData?: TakeoutGeo;
  geoDataExif?: TakeoutGeo;
  people?: { name?: string }[];
  favorited?: boolean;
}

interface TakeoutGeo {
  latitude?: number;
  longitude?: number;
}

/** Whether parsed JSON is a photo's sidecar (and not an album's metadata.json or another file of the folder). */
export const isSidecar = (json: unknown): json is TakeoutSidecar =>
  typeof json === 'object' && json !== null && ('photoTakenTime' in json || 'creationTime' in json) && 'title' in json;

/** Google writes 0, 0 where it knows no place. */
function placeOf(geo: TakeoutGeo | undefined): MediaItem['location'] {
  const { latitude: lat, longitude: lon } = geo ?? {};
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
  return lat === 0 && lon === 0 ? undefined : { lat, lon };
}

export function captureTimeOf(sidecar: TakeoutSidecar): string | undefined {
  const seconds = Number(sidecar.photoTakenTime?.timestamp);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined;
}

export function withheldOf(sidecar: TakeoutSidecar): LostField[] {
  const withheld: LostField[] = [];
  const people = (sidecar.people ?? []).map((p) => p.name).filter((n): n is string => Boolean(n));
  if (people.length) withheld.push({ field: 'people', reason: `The people Google Photos recognised (${people.join(', ')}) cannot be carried to another service` });
  if (sidecar.favorited) withheld.push({ field: 'favorite', reason: 'Ferry cannot mark a photo as a favourite at the destination' });
  return withheld;
}

/** The sidecar's fields on top of what the zip says of the file. */
export function applySidecar(item: MediaItem, sidecar: TakeoutSidecar): MediaItem {
  const captureTime = captureTimeOf(sidecar);
  if (captureTime) item.captureTime = captureTime;
  if (sidecar.description?.trim()) item.description = sidecar.description;
  const location = placeOf(sidecar.geoData) ?? placeOf(sidecar.geoDataExif);
  if (location) item.location = location;
  const withheld = withheldOf(sidecar);
  if (withheld.length) item.withheldBySource = withheld;
  return item;
}
