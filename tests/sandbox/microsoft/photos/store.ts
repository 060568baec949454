/**
 * Alice's OneDrive as the sandbox holds it: a tree of driveItems under the root, with the Photos special
 * folder ("Pictures"), file bytes, upload sessions in progress and the pre-authenticated download links
 * handed out. Names are matched without regard to case, as OneDrive does.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashesOf, type DriveHasher, type DriveHashes } from '../files/content-hashes';

export interface DriveNode {
  id: string;
  name: string;
  parentId?: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  fileSystemInfo: { createdDateTime: string; lastModifiedDateTime: string };
  description?: string;
  /** Folders only. */
  folder?: true;
  specialFolder?: string;
  /** Files only: the bytes, held in memory… */
  bytes?: Buffer;
  /** …or, past SPILL_BYTES (a multi-GiB file), in a file of the store's own folder. */
  spill?: { path: string; size: number };
  /** What OneDrive reports in file.hashes (computed once, when the bytes arrive). */
  hashes?: DriveHashes;
  mimeType?: string;
  version: number;
}

export interface UploadSession {
  id: string;
  parentId: string;
  name: string;
  conflictBehavior: 'fail' | 'replace' | 'rename';
  description?: string;
  fileSystemInfo?: { createdDateTime?: string; lastModifiedDateTime?: string };
  declaredSize?: number;
  /** Once the upload passes SPILL_BYTES, the file its fragments are appended to instead. */
  spillPath?: string;
  hasher: DriveHasher;
  /** The total the first fragment announced. */
  total?: number;
  fragments: Buffer[];
  received: number;
  /** Every byte of every fragment that arrived whole, refused or not: what a client sent more than once shows here. */
  bytesReceived: number;
  /** Bytes of fragments whose connection broke before the whole fragment arrived (as their Content-Range announced). */
  bytesCutOff: number;
  /** Set once the last fragment made the file. */
  committed?: boolean;
  expiresAt: number;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** OneDrive for Business item ids: `01` and 32 base32 characters. */
export const newDriveItemId = (): string => `01${Array.from(randomBytes(32), (b) => BASE32[b % 32]).join('')}`;

/** Uploads and seeded files larger than this live on disk, so the sandbox holds a 2 GiB file without 2 GiB of memory. */
export const SPILL_BYTES = 64 * 1024 * 1024;
/**
 * Past this many bytes of files held in memory, every new upload lives on disk too: the benchmark sends 2,000
 * photos twice (its raw-copy baseline, then the engine), 15 GB that memory could not hold beside the source's.
 */
export const MEMORY_BYTES = 2 * 1024 * 1024 * 1024;

export const isFileNode = (node: DriveNode): boolean => node.bytes !== undefined || node.spill !== undefined;
export const sizeOf = (node: DriveNode): number => node.bytes?.length ?? node.spill?.size ?? 0;

export const DRIVE_ID = 'b!kX9zL3a1YEe8pq0_contoso_alice_drive_Xy7QwErTyUiOp';

export class DriveStore {
  readonly nodes = new Map<string, DriveNode>();
  readonly uploads = new Map<string, UploadSession>();
  /** Every upload session ever made, kept after it finished or expired, for the byte counts. */
  readonly uploadHistory: UploadSession[] = [];
  /** Download link token → item id and when the link stops working. */
  readonly downloads = new Map<string, { itemId: string; expiresAt: number }>();
  rootId = '';
  photosId = '';
  private spillDir: string | undefined;

  constructor(private readonly now: () => number) {
    this.reset();
  }

  reset(): void {
    if (this.spillDir) rmSync(this.spillDir, { recursive: true, force: true });
    this.spillDir = undefined;
    this.nodes.clear();
    this.uploads.clear();
    this.uploadHistory.length = 0;
    this.downloads.clear();
    const root = this.add({ name: 'root', folder: true });
    this.rootId = root.id;
    this.photosId = this.add({ name: 'Pictures', folder: true, parentId: root.id, specialFolder: 'photos' }).id;
  }

  add(node: Partial<DriveNode> & { name: string }): DriveNode {
    const at = new Date(this.now()).toISOString();
    const created: DriveNode = {
      id: newDriveItemId(),
      createdDateTime: at,
      lastModifiedDateTime: at,
      fileSystemInfo: { createdDateTime: at, lastModifiedDateTime: at },
      version: 1,
      ...node,
    };
    if (created.bytes && !created.hashes) created.hashes = hashesOf(created.bytes);
    this.nodes.set(created.id, created);
    return created;
  }

  /** Bytes of files and unfinished uploads held in memory. */
  memoryBytes(): number {
    let held = 0;
    for (const node of this.nodes.values()) held += node.bytes?.length ?? 0;
    for (const upload of this.uploads.values()) for (const fragment of upload.fragments) held += fragment.length;
    return held;
  }

  /** A new path for a spilled file's bytes, in the store's folder (removed on reset). */
  spillPath(): string {
    this.spillDir ??= mkdtempSync(join(tmpdir(), 'ferry-onedrive-'));
    return join(this.spillDir, randomBytes(12).toString('hex'));
  }

  children(id: string): DriveNode[] {
    return [...this.nodes.values()].filter((n) => n.parentId === id);
  }

  child(parentId: string, name: string): DriveNode | undefined {
    const wanted = name.toLowerCase();
    return this.children(parentId).find((n) => n.name.toLowerCase() === wanted);
  }

  /** `/Pictures/Trip` below `fromId`, or undefined when a step is missing. */
  resolve(fromId: string, path: string): DriveNode | undefined {
    let node = this.nodes.get(fromId);
    for (const part of path.split('/').filter(Boolean)) node = node && this.child(node.id, part);
    return node;
  }

  /** `/drive/root:/Pictures/Trip`, as parentReference.path spells the folder a node is in. */
  pathOf(id: string): string {
    const names: string[] = [];
    for (let node = this.nodes.get(id); node && node.id !== this.rootId; node = node.parentId ? this.nodes.get(node.parentId) : undefined) names.unshift(node.name);
    return `/drive/root:${names.length ? `/${names.join('/')}` : ''}`;
  }

  /** Everything under a folder, depth first. */
  descendants(id: string): DriveNode[] {
    return this.children(id).flatMap((n) => [n, ...(n.folder ? this.descendants(n.id) : [])]);
  }
}
