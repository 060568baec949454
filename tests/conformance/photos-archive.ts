/**
 * The suite's view of an archive (`photos/<album>/<file>` + sidecar): the files it holds with their bytes'
 * SHA-256, and import items that read their bytes from disk (from any offset), as an exporter would hand them.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ContentStream, ImportItem } from '../../model/adapter';
import type { MediaItem } from '../../model/media';
import { SIDECAR_SUFFIX, mediaTypeOf, parseSidecar, type MediaSidecar } from '../../model/media-sidecar';

export interface ArchiveFile {
  /** Folder below `photos/`, '' for the top. */
  album: string;
  fileName: string;
  path: string;
  mimeType: string;
  size: number;
  sha256: string;
  sidecar: MediaSidecar;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export async function readArchive(dir: string, album = ''): Promise<ArchiveFile[]> {
  const root = join(dir, 'photos', album);
  if (!existsSync(root)) return [];
  const files: ArchiveFile[] = [];
  for (const entry of (await readdir(root, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = album ? `${album}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      files.push(...(await readArchive(dir, relative)));
      continue;
    }
    const mimeType = mediaTypeOf(entry.name);
    if (entry.name.endsWith(SIDECAR_SUFFIX) || !mimeType) continue;
    const path = join(root, entry.name);
    const bytes = await readFile(path);
    const sidecarPath = `${path}${SIDECAR_SUFFIX}`;
    const sidecar = existsSync(sidecarPath) ? parseSidecar(await readFile(sidecarPath, 'utf8')) : {};
    files.push({ album, fileName: entry.name, path, mimeType, size: bytes.length, sha256: sha256(bytes), sidecar });
  }
  return files;
}

/** The file's bytes from `from` on, as a ContentStream (every byte offset honoured, as a ranged download). */
export async function fileContent(path: string, from = 0): Promise<ContentStream> {
  const { size } = await stat(path);
  const body = Readable.toWeb(createReadStream(path, { start: from, highWaterMark: 256 * 1024 })) as ReadableStream<Uint8Array>;
  return { body, size, offset: from, contentType: mediaTypeOf(path) };
}

/** Reads a content stream whole (tests only: files here are small enough). */
export async function readContent(content: ContentStream): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of content.body as unknown as AsyncIterable<Uint8Array>) parts.push(part);
  return Buffer.concat(parts);
}

export const SUITE_SOURCE = 'conformance:suite:photos';

/** The archive's files as import items of one source, keyed by album and name, reading their bytes from disk. */
export function importItemsOf(files: readonly ArchiveFile[], containerIds: ReadonlyMap<string, string>): ImportItem<MediaItem>[] {
  return files.map((file) => {
    const data: MediaItem = { fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.size, downloadSource: file.path };
    const { captureTime, description, title, location, albumOrder } = file.sidecar;
    Object.assign(data, { ...(captureTime && { captureTime }), ...(description && { description }), ...(title && { title }), ...(location && { location }), ...(albumOrder !== undefined && { albumOrder }) });
    return {
      key: `${SUITE_SOURCE}:${file.album}/${file.fileName}`,
      dataType: 'photos',
      title: file.fileName,
      data,
      containerId: containerIds.get(file.album) ?? '',
      content: (from?: number) => fileContent(file.path, from),
    };
  });
}
