/**
 * Which files of an archive's `photos/` folder are photos and videos, in which album, in which order: every folder
 * below `photos/` is an album (named by its path, `Trips/Lisbon`), files directly in `photos/` are in the library
 * and no album. Within an album the items are in their sidecars' albumOrder, then by name. A sidecar whose file is
 * not in the zip becomes an item that fails with a reason, so nothing is left out in silence.
 */
import { SIDECAR_SUFFIX, mediaTypeOf, type MediaSidecar } from '../../../model/media-sidecar';
import { folderOf, type ArchiveEntry } from '../../zip-archive';
import { readSidecar } from './map';

export type PlannedItem =
  | { kind: 'file'; album: string; path: string; file: ArchiveEntry; sidecar: MediaSidecar; albumOrder?: number }
  | { kind: 'orphan'; album: string; path: string; sidecarFile: ArchiveEntry; sidecar: MediaSidecar; albumOrder?: number };

export interface PhotosPlan {
  /** Album paths below `photos/`, in path order ('' for the library is not among them). */
  albums: string[];
  items: PlannedItem[];
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export async function planPhotos(files: readonly { path: string; file: ArchiveEntry }[]): Promise<PhotosPlan> {
  const byPath = new Map(files.map((f) => [f.path, f.file]));
  const found: PlannedItem[] = [];
  for (const { path, file } of files) {
    if (path.endsWith(SIDECAR_SUFFIX)) {
      const described = path.slice(0, -SIDECAR_SUFFIX.length);
      if (mediaTypeOf(described) && !byPath.has(described)) found.push({ kind: 'orphan', album: folderOf(path), path: described, sidecarFile: file, sidecar: await readSidecar(file) });
      continue;
    }
    if (!mediaTypeOf(path)) continue;
    const sidecarFile = byPath.get(`${path}${SIDECAR_SUFFIX}`);
    found.push({ kind: 'file', album: folderOf(path), path, file, sidecar: sidecarFile ? await readSidecar(sidecarFile) : {} });
  }
  const albums = [...new Set(found.map((i) => i.album))].filter(Boolean).sort(byName);
  const items: PlannedItem[] = [];
  for (const album of ['', ...albums]) {
    const inAlbum = found
      .filter((i) => i.album === album)
      .sort((a, b) => (a.sidecar.albumOrder ?? Number.MAX_SAFE_INTEGER) - (b.sidecar.albumOrder ?? Number.MAX_SAFE_INTEGER) || byName(a.path, b.path));
    inAlbum.forEach((item, order) => items.push(album ? { ...item, albumOrder: order } : item));
  }
  return { albums, items };
}
