/**
 * Alice's OneDrive as the sandbox holds it: a tree of driveItems under the root, with the Photos special
 * folder ("Pictures"), file bytes, upload sessions in progress and the pre-authenticated download links
 * handed out. Names are matched without regard to case, as OneDrive does.
 */
import { randomBytes } from 'node:crypto';

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
  /** Files only. */
  bytes?: Buffer;
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

  constructor(private readonly now: () => number) {
    this.reset();
  }

  reset(): void {
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
    this.nodes.set(created.id, created);
    return created;
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
