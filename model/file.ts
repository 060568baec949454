/** Files in a folder tree (OneDrive, WebDAV, Dropbox). */
export interface FileEntry {
  /** Path from the transferred root, `/`-separated, without a leading slash. */
  path: string;
  sizeBytes: number;
  /** RFC 3339 */
  modified?: string;
  mimeType?: string;
  /** Content hashes the provider reports, by algorithm name (sha1, sha256, quickXorHash, dropbox). */
  hashes: Record<string, string>;
  downloadSource: string;
}
