/**
 * The archive's JSON sidecar beside each photo or video (`photos/<album>/<file>.json`): what the file's own
 * bytes do not say, plus the ids the item had at each provider.
 */
export interface MediaSidecar {
  title?: string;
  description?: string;
  /** RFC 3339 */
  captureTime?: string;
  location?: { lat: number; lon: number };
  /** 0-based position in its album. */
  albumOrder?: number;
  /** The item's id at each provider it came from or went to, by provider id (`google`, `microsoft`). */
  sourceIds?: Record<string, string>;
}

export const SIDECAR_SUFFIX = '.json';

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function readLocation(value: unknown): MediaSidecar['location'] {
  if (typeof value !== 'object' || value === null) return undefined;
  const { lat, lon } = value as Record<string, unknown>;
  return isFiniteNumber(lat) && isFiniteNumber(lon) ? { lat, lon } : undefined;
}

/** Parses a sidecar's text; unknown members are ignored and wrongly typed ones dropped. */
export function parseSidecar(text: string): MediaSidecar {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const sidecar: MediaSidecar = {};
  if (typeof raw.title === 'string') sidecar.title = raw.title;
  if (typeof raw.description === 'string') sidecar.description = raw.description;
  if (typeof raw.captureTime === 'string' && !Number.isNaN(Date.parse(raw.captureTime))) sidecar.captureTime = raw.captureTime;
  const location = readLocation(raw.location);
  if (location) sidecar.location = location;
  if (isFiniteNumber(raw.albumOrder) && raw.albumOrder >= 0) sidecar.albumOrder = raw.albumOrder;
  if (typeof raw.sourceIds === 'object' && raw.sourceIds !== null) {
    const ids = Object.entries(raw.sourceIds as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
    if (ids.length) sidecar.sourceIds = Object.fromEntries(ids);
  }
  return sidecar;
}

/** A sidecar's text, members in a fixed order and absent ones left out, so dumps diff cleanly. */
export function writeSidecar(sidecar: MediaSidecar): string {
  const ordered: MediaSidecar = {};
  if (sidecar.title !== undefined) ordered.title = sidecar.title;
  if (sidecar.description !== undefined) ordered.description = sidecar.description;
  if (sidecar.captureTime !== undefined) ordered.captureTime = sidecar.captureTime;
  if (sidecar.location !== undefined) ordered.location = sidecar.location;
  if (sidecar.albumOrder !== undefined) ordered.albumOrder = sidecar.albumOrder;
  if (sidecar.sourceIds !== undefined && Object.keys(sidecar.sourceIds).length) ordered.sourceIds = sidecar.sourceIds;
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Media types by file extension, for archives (a sidecar does not repeat what the name says). */
const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  avif: 'image/avif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mov: 'video/quicktime',
  webm: 'video/webm',
  '3gp': 'video/3gpp',
};

/** The media type a file name's extension stands for, or undefined for a file that is not a photo or video. */
export const mediaTypeOf = (fileName: string): string | undefined =>
  MIME_BY_EXTENSION[fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase()];
