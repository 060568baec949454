/**
 * Files in a folder tree (OneDrive, WebDAV, Dropbox). Every folder is an item of its own, so the tree survives
 * whole, empty folders included: a file or folder names the folder holding it as its parentKey, which the
 * engine imports first. The transferred root is the one container.
 */
export type FileKind = 'file' | 'folder';

/**
 * Content hashes by algorithm, as the provider reported them: sha1, sha256 and md5 as lowercase hex; quickXorHash
 * (OneDrive) as its base64; crc32 as lowercase hex. Only what the provider computed itself: Ferry never hashes bytes
 * to fill one in.
 */
export interface FileHashes {
  sha1?: string;
  sha256?: string;
  md5?: string;
  quickXorHash?: string;
  crc32?: string;
}

export const HASH_ALGORITHMS = ['sha1', 'sha256', 'md5', 'quickXorHash', 'crc32'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

export interface FileEntry {
  kind: FileKind;
  /** Path from the transferred root, `/`-separated, without a leading or trailing slash; its last part is `name`. */
  path: string;
  name: string;
  /** Bytes of a file; 0 for a folder. */
  sizeBytes: number;
  /** RFC 3339: when the content last changed (the file system's time, not when the provider last touched it). */
  modified?: string;
  /** RFC 3339, where the provider keeps it. */
  created?: string;
  /** Files only, where the provider says. */
  mimeType?: string;
  hashes: FileHashes;
  /** Files only: where the exporter fetches the bytes (a provider URL it understands); never the bytes. */
  downloadSource?: string;
}

/** Model field paths of a file a destination may keep or lose (the field tables in the adapters' READMEs). */
export const FILE_FIELDS = ['path', 'name', 'sizeBytes', 'modified', 'created', 'mimeType', 'hashes'] as const;
export type FileField = (typeof FILE_FIELDS)[number];

/** The folder path holding an entry ('' for the root). */
export const parentPath = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/** `a/b` + `c` → `a/b/c`. */
export const joinPath = (folder: string, name: string): string => (folder ? `${folder}/${name}` : name);

/** `name.ext`, then `name (2).ext`, `name (3).ext`, …: where a different file already holds the name. */
export const numberedName = (name: string, n: number): string => {
  if (n === 1) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
};

/**
 * Whether two hash sets describe different bytes: true only when an algorithm both report disagrees. Sets
 * with no algorithm in common say nothing either way (false).
 */
export function hashesDiffer(a: FileHashes, b: FileHashes): boolean {
  return HASH_ALGORITHMS.some((algorithm) => a[algorithm] !== undefined && b[algorithm] !== undefined && a[algorithm] !== b[algorithm]);
}
