/**
 * WebDAV resource ↔ model FileEntry, field by field (README.md, "Files"): DAV's getcontentlength, getlastmodified
 * (an HTTP-date, to the second), creationdate where the server keeps it, getcontenttype, and ownCloud/Nextcloud's
 * oc:checksums. On the way in, the modified time travels as `X-OC-Mtime` (seconds since the epoch), which
 * Nextcloud and ownCloud keep; getlastmodified itself is protected (RFC 4918 §15.7) and servers refuse to set it.
 */
import { hashesDiffer, type FileEntry, type FileHashes } from '../../../model/file';
import { parseHttpDate } from '../../http';
import type { DavResource } from '../multistatus';

const CHECKSUM_NAMES: Record<string, keyof FileHashes> = { SHA1: 'sha1', SHA256: 'sha256', MD5: 'md5' };

/** `SHA1:ab… MD5:cd… ADLER32:…` → hashes (algorithms Ferry does not know are left out). */
export function hashesOf(checksums: string | undefined): FileHashes {
  const hashes: FileHashes = {};
  for (const part of checksums?.split(/\s+/) ?? []) {
    const [algorithm, value] = part.split(':');
    const name = CHECKSUM_NAMES[algorithm?.toUpperCase() ?? ''];
    if (name && value) hashes[name] = value.toLowerCase();
  }
  return hashes;
}

/** RFC 3339 of an HTTP-date, or undefined. */
export function instantOf(httpDate: string | undefined): string | undefined {
  const ms = httpDate === undefined ? undefined : parseHttpDate(httpDate.trim(), Date.now());
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** The entry of a resource at `path` below the exported root; files keep their URL as downloadSource. */
export function fromResource(resource: DavResource, path: string, url: string): FileEntry {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const isFolder = resource.isCollection;
  const entry: FileEntry = { kind: isFolder ? 'folder' : 'file', path, name, sizeBytes: isFolder ? 0 : (resource.contentLength ?? 0), hashes: isFolder ? {} : hashesOf(resource.checksums) };
  const modified = instantOf(resource.lastModified);
  if (modified) entry.modified = modified;
  if (resource.creationDate && !Number.isNaN(Date.parse(resource.creationDate))) entry.created = new Date(Date.parse(resource.creationDate)).toISOString();
  if (!isFolder) {
    entry.downloadSource = url;
    const type = resource.contentType?.split(';')[0]?.trim();
    if (type) entry.mimeType = type;
  }
  return entry;
}

/** The headers of a PUT that carry what WebDAV can keep besides the bytes. */
export function putHeaders(entry: FileEntry): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': entry.mimeType ?? 'application/octet-stream' };
  if (entry.modified) headers['x-oc-mtime'] = String(Math.floor(Date.parse(entry.modified) / 1000));
  // Nextcloud stores a checksum the client gives and checks the bytes against it.
  if (entry.hashes.sha1) headers['oc-checksum'] = `SHA1:${entry.hashes.sha1}`;
  return headers;
}

/** Whether two instants fall in the same second (getlastmodified has no finer grain). */
export const sameSecond = (a: string, b: string): boolean => Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);

/** Whether the resource found at a file's place is that file: same size, no disagreeing hash. */
export function isSameFile(found: DavResource, entry: FileEntry): boolean {
  if (found.isCollection || found.contentLength !== entry.sizeBytes) return false;
  return !hashesDiffer(hashesOf(found.checksums), entry.hashes);
}
