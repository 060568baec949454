/**
 * Which files of a Takeout's Google Photos folder Ferry moves, in which album, with which sidecar. Every photo
 * is in a year folder (`Photos from 2023`) and again in each album it belongs to (a folder with a
 * `metadata.json`); a year folder's copy of a file that is also in an album (same name, size and CRC-32) is left
 * out, so nothing arrives twice. A sidecar whose file is in none of the chosen zips becomes an item that fails
 * with a reason, so a missing part is reported photo by photo, never skipped in silence.
 */
import type { ArchiveEntry } from '../../zip-archive';
import { baseNameOf, folderOf } from '../../zip-archive';
import { mediaTypeOf } from '../../../model/media-sidecar';
import { parseSidecarName, sidecarFor } from './sidecar-names';

export const ALBUM_METADATA = 'metadata.json';
/** JSON files of the Photos folder that describe no single photo. */
const NOT_SIDECARS = new Set([ALBUM_METADATA, 'print-subscriptions.json', 'shared_album_comments.json', 'user-generated-memory-titles.json']);

export interface PlannedAlbum {
  /** Folder path inside the export. */
  folder: string;
  /** The folder's metadata.json, for an album a person made. */
  metadata?: ArchiveEntry;
}

export type PlannedItem =
  | { kind: 'file'; album: string; file: ArchiveEntry; sidecar?: ArchiveEntry }
  | { kind: 'orphan'; album: string; sidecar: ArchiveEntry };

export interface PhotosPlan {
  albums: PlannedAlbum[];
  items: PlannedItem[];
}

const identity = (f: ArchiveEntry): string => `${baseNameOf(f.path)}\u0000${f.size}\u0000${f.crc32 ?? ''}`;

export function planPhotos(files: readonly ArchiveEntry[]): PhotosPlan {
  const byFolder = new Map<string, ArchiveEntry[]>();
  for (const file of files) byFolder.set(folderOf(file.path), [...(byFolder.get(folderOf(file.path)) ?? []), file]);
  const albums: PlannedAlbum[] = [];
  const perAlbum: { album: PlannedAlbum; media: ArchiveEntry[]; sidecars: Map<string, ArchiveEntry>; jsons: ArchiveEntry[] }[] = [];
  for (const [folder, inFolder] of [...byFolder].sort((a, b) => a[0].localeCompare(b[0]))) {
    const metadata = inFolder.find((f) => baseNameOf(f.path) === ALBUM_METADATA);
    const album: PlannedAlbum = metadata ? { folder, metadata } : { folder };
    const jsons = inFolder.filter((f) => parseSidecarName(baseNameOf(f.path)) && !NOT_SIDECARS.has(baseNameOf(f.path)));
    const media = inFolder.filter((f) => mediaTypeOf(f.path));
    const jsonNames = jsons.map((j) => baseNameOf(j.path));
    const sidecars = new Map<string, ArchiveEntry>();
    for (const file of media) {
      const name = sidecarFor(baseNameOf(file.path), jsonNames);
      if (name) sidecars.set(file.path, jsons.find((j) => baseNameOf(j.path) === name)!);
    }
    perAlbum.push({ album, media, sidecars, jsons });
  }
  const albumCopies = perAlbum.filter((a) => a.album.metadata);
  const inAlbums = new Set(albumCopies.flatMap((a) => a.media.map(identity)));
  const describedInAlbums = new Set(albumCopies.flatMap((a) => [...a.sidecars.values()].map((s) => baseNameOf(s.path))));
  const items: PlannedItem[] = [];
  for (const { album, media, sidecars, jsons } of perAlbum) {
    const kept = album.metadata ? media : media.filter((f) => !inAlbums.has(identity(f)));
    const used = new Set([...sidecars.values()].map((s) => s.path));
    const orphans = jsons.filter((j) => !used.has(j.path) && (album.metadata || !describedInAlbums.has(baseNameOf(j.path))));
    if (!kept.length && !orphans.length) continue;
    albums.push(album);
    for (const file of kept) {
      const sidecar = sidecars.get(file.path);
      items.push(sidecar ? { kind: 'file', album: album.folder, file, sidecar } : { kind: 'file', album: album.folder, file });
    }
    for (const sidecar of orphans) items.push({ kind: 'orphan', album: album.folder, sidecar });
  }
  return { albums, items };
}
