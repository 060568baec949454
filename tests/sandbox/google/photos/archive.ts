/**
 * The library in the archive layout: `photos/<album>/<file>` with a `<file>.json` sidecar (model/media-sidecar.ts).
 * Seeded items and albums are the person's own (no app made them); the sidecar's `sourceIds.google` keeps an
 * item's id across a dump and a seed. Dumps hold the original bytes, location included, as Google keeps them.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exifInstant, jpegDimensions, readExif } from '../../../../model/exif';
import { SIDECAR_SUFFIX, mediaTypeOf, parseSidecar, writeSidecar, type MediaSidecar } from '../../../../model/media-sidecar';
import type { PhotosLibrary, StoredMediaItem } from './store';

interface SeedFile {
  album: string;
  fileName: string;
  path: string;
}

async function mediaFiles(root: string, album = ''): Promise<SeedFile[]> {
  const found: SeedFile[] = [];
  const entries = (await readdir(join(root, album), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const relative = album ? `${album}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await mediaFiles(root, relative)));
    else if (!entry.name.endsWith(SIDECAR_SUFFIX) && mediaTypeOf(entry.name)) found.push({ album, fileName: entry.name, path: join(root, relative) });
  }
  return found;
}

async function sidecarOf(path: string): Promise<MediaSidecar> {
  const sidecar = `${path}${SIDECAR_SUFFIX}`;
  return existsSync(sidecar) ? parseSidecar(await readFile(sidecar, 'utf8')) : {};
}

export async function seedLibrary(library: PhotosLibrary, dataDir: string, now: number): Promise<void> {
  const root = join(dataDir, 'photos');
  if (!existsSync(root)) return;
  const byAlbum = new Map<string, { id: string; order: number; name: string }[]>();
  for (const file of await mediaFiles(root)) {
    const bytes = await readFile(file.path);
    const sidecar = await sidecarOf(file.path);
    const mimeType = mediaTypeOf(file.fileName)!;
    const size = mimeType === 'image/jpeg' ? jpegDimensions(bytes) : undefined;
    const taken = sidecar.captureTime ?? exifInstant(readExif(bytes));
    const item = library.addItem({
      filename: file.fileName,
      mimeType,
      bytes,
      creationTime: new Date(taken ? Date.parse(taken) : now).toISOString(),
      ...(sidecar.sourceIds?.google && { id: sidecar.sourceIds.google }),
      ...(sidecar.description && { description: sidecar.description }),
      ...(size && { width: size.width, height: size.height }),
    });
    if (!file.album) continue;
    const members = byAlbum.get(file.album) ?? [];
    members.push({ id: item.id, order: sidecar.albumOrder ?? Number.MAX_SAFE_INTEGER, name: file.fileName });
    byAlbum.set(file.album, members);
  }
  for (const [title, members] of byAlbum) {
    const album = library.addAlbum(title);
    album.itemIds = members.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name)).map((m) => m.id);
  }
}

const safeFolder = (title: string): string =>
  title
    .split('/')
    .map((part) => part.replace(/[\\:*?"<>|\0]/g, '_').trim() || '_')
    .filter((part) => part !== '.' && part !== '..')
    .join('/');

/** A name not taken yet in the folder: `name (2).ext`, `name (3).ext`… */
function freeName(taken: Set<string>, fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
  let name = fileName;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem} (${n})${ext}`;
  taken.add(name.toLowerCase());
  return name;
}

async function writeItem(folder: string, taken: Set<string>, item: StoredMediaItem, albumOrder?: number): Promise<void> {
  await mkdir(folder, { recursive: true });
  const name = freeName(taken, item.filename);
  const sidecar: MediaSidecar = { captureTime: item.creationTime, sourceIds: { google: item.id } };
  if (item.description) sidecar.description = item.description;
  if (albumOrder !== undefined) sidecar.albumOrder = albumOrder;
  await writeFile(join(folder, name), item.bytes);
  await writeFile(join(folder, `${name}${SIDECAR_SUFFIX}`), writeSidecar(sidecar));
}

export async function dumpLibrary(library: PhotosLibrary, outDir: string): Promise<void> {
  const root = join(outDir, 'photos');
  const inAlbum = new Set<string>();
  const folders = new Map<string, Set<string>>();
  const takenIn = (folder: string) => folders.get(folder) ?? folders.set(folder, new Set()).get(folder)!;
  for (const album of library.albums.values()) {
    const folder = join(root, safeFolder(album.title));
    for (const [order, id] of album.itemIds.entries()) {
      const item = library.items.get(id);
      if (!item) continue;
      inAlbum.add(id);
      await writeItem(folder, takenIn(folder), item, order);
    }
  }
  for (const item of library.library()) if (!inAlbum.has(item.id)) await writeItem(root, takenIn(root), item);
}
