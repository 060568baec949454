/**
 * An archive's `files/` folder → model FileEntry items (README.md, "Files"): every folder (those the zip lists,
 * empty ones included, and those its files' paths pass through) and every file, with the modification time the
 * zip keeps (to the second where it has an extended timestamp, else to two seconds in the zip's local time), the
 * creation time where it keeps one, the size, and the CRC-32 the zip states of the bytes.
 */
import type { FileEntry } from '../../../model/file';
import { parentPath } from '../../../model/file';
import type { ArchiveEntry } from '../../zip-archive';

const instant = (date: Date | undefined): string | undefined => (date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined);
const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export function folderEntry(path: string, modified: Date | undefined): FileEntry {
  const entry: FileEntry = { kind: 'folder', path, name: nameOf(path), sizeBytes: 0, hashes: {} };
  const time = instant(modified);
  if (time) entry.modified = time;
  return entry;
}

export function fileEntry(path: string, file: ArchiveEntry): FileEntry {
  const entry: FileEntry = { kind: 'file', path, name: nameOf(path), sizeBytes: file.size, hashes: {}, downloadSource: file.path };
  if (file.crc32 !== undefined) entry.hashes.crc32 = file.crc32.toString(16).padStart(8, '0');
  const modified = instant(file.entry.lastModDate);
  if (modified) entry.modified = modified;
  const created = instant(file.entry.creationDate);
  if (created) entry.created = created;
  return entry;
}

/** Every folder a path lies in, from the top: `a/b/c.txt` → `a`, `a/b`. */
export function foldersAbove(path: string): string[] {
  const out: string[] = [];
  for (let folder = parentPath(path); folder; folder = parentPath(folder)) out.unshift(folder);
  return out;
}
