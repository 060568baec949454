/**
 * OneDrive driveItem ↔ model FileEntry, field by field (README.md, "Files"). fileSystemInfo holds the times a
 * client set (the file's own), apart from when OneDrive itself last touched the item; hashes are OneDrive's own.
 */
import type { LostField } from '../../../model/adapter';
import { hashesDiffer, type FileEntry, type FileHashes } from '../../../model/file';
import type { DriveHashes, DriveItem, FileSystemInfo, UploadableItem } from '../photos/api-types';
import { safeName } from '../photos/drive';

function hashesOf(hashes: DriveHashes | undefined): FileHashes {
  const out: FileHashes = {};
  if (hashes?.sha1Hash) out.sha1 = hashes.sha1Hash.toLowerCase();
  if (hashes?.sha256Hash) out.sha256 = hashes.sha256Hash.toLowerCase();
  if (hashes?.quickXorHash) out.quickXorHash = hashes.quickXorHash;
  if (hashes?.crc32Hash) out.crc32 = hashes.crc32Hash.toLowerCase();
  return out;
}

/** The entry of a child at `path` below the exported root; files name their Graph URL as downloadSource. */
export function fromDriveItem(item: DriveItem, path: string, downloadSource: string): FileEntry {
  const isFolder = Boolean(item.folder);
  const entry: FileEntry = { kind: isFolder ? 'folder' : 'file', path, name: item.name, sizeBytes: isFolder ? 0 : (item.size ?? 0), hashes: isFolder ? {} : hashesOf(item.file?.hashes) };
  const modified = item.fileSystemInfo?.lastModifiedDateTime;
  const created = item.fileSystemInfo?.createdDateTime;
  if (modified) entry.modified = modified;
  if (created) entry.created = created;
  if (!isFolder) {
    entry.downloadSource = downloadSource;
    if (item.file?.mimeType) entry.mimeType = item.file.mimeType;
  }
  return entry;
}

/** The times to give a new file or folder: the entry's own, so OneDrive shows when it really changed. */
export function fileSystemInfoOf(entry: FileEntry): FileSystemInfo | undefined {
  const info: FileSystemInfo = {};
  if (entry.created) info.createdDateTime = entry.created;
  if (entry.modified) info.lastModifiedDateTime = entry.modified;
  return info.createdDateTime || info.lastModifiedDateTime ? info : undefined;
}

/** createUploadSession's `item` for a file of `size` bytes: never replaces what is there. */
export function toUploadableItem(entry: FileEntry, size: number): UploadableItem {
  const info = fileSystemInfoOf(entry);
  return { '@microsoft.graph.conflictBehavior': 'fail', fileSize: size, ...(info && { fileSystemInfo: info }) };
}

/** The name OneDrive can hold, and the loss when it differs from the entry's. */
export function oneDriveName(entry: FileEntry): { name: string; lost: LostField[] } {
  const name = safeName(entry.name);
  return name === entry.name ? { name, lost: [] } : { name, lost: [{ field: 'name', reason: `OneDrive refuses " * : < > ? / \\ | and leading or trailing spaces or dots in a name; “${entry.name}” became “${name}”` }] };
}

/**
 * Whether a file found under the entry's name is the one Ferry uploaded for it: a file of the same size whose
 * hashes, where both sides have one of the same algorithm, agree; and, when the entry has a modified time,
 * carrying that time (OneDrive keeps it to the second).
 */
export function isSameFile(found: DriveItem, entry: FileEntry, size: number): boolean {
  if (!found.file || found.size !== size) return false;
  if (hashesDiffer(hashesOf(found.file.hashes), entry.hashes)) return false;
  const modified = found.fileSystemInfo?.lastModifiedDateTime;
  return !entry.modified || (modified !== undefined && Math.floor(Date.parse(modified) / 1000) === Math.floor(Date.parse(entry.modified) / 1000));
}
