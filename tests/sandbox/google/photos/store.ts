/**
 * The Google Photos library the sandbox holds for alice@example.com: media items with their original bytes,
 * albums with their order, Picker sessions, and uploads waiting to become media items. Items and albums
 * remember which OAuth client made them, since Google lets an app list and search only its own since
 * 31 March 2025 (https://developers.google.com/photos/support/updates).
 */
import { randomBytes } from 'node:crypto';

export interface StoredMediaItem {
  id: string;
  filename: string;
  mimeType: string;
  bytes: Buffer;
  description?: string;
  /** RFC 3339 UTC: when it was taken (from the file, the seed's sidecar, or the upload time). */
  creationTime: string;
  width?: number;
  height?: number;
  /** The OAuth client that created it; absent for what the person put in Google Photos themselves. */
  createdBy?: string;
}

export interface StoredAlbum {
  id: string;
  title: string;
  /** Media item ids in the album's order. */
  itemIds: string[];
  createdBy?: string;
}

export interface PickerSession {
  id: string;
  clientId: string;
  createdAt: number;
  expiresAt: number;
  /** Item ids the person picked, in the order picked; set once they press Done. */
  picked?: string[];
  deleted: boolean;
}

export interface PendingUpload {
  token: string;
  bytes: Buffer;
  mimeType: string;
  fileName?: string;
  clientId: string;
  expiresAt: number;
}

export interface ResumableUpload {
  id: string;
  clientId: string;
  mimeType: string;
  fileName?: string;
  /** From X-Goog-Upload-Raw-Size, when the client said it. */
  declaredSize?: number;
  chunks: Buffer[];
  received: number;
  /** Every byte of every chunk that arrived whole, refused or not: what a client sent more than once shows here. */
  bytesReceived: number;
  /** Bytes of chunks whose connection broke before the whole chunk arrived (as their Content-Length announced). */
  bytesCutOff: number;
  /** The upload token once finalized. */
  token?: string;
  cancelled: boolean;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Ids shaped like Google's: `AF1Qip` and opaque url-safe characters. */
export const newPhotosId = (): string => `AF1Qip${Array.from(randomBytes(42), (b) => ID_ALPHABET[b % 64]).join('')}`;
export const newOpaque = (bytes = 24): string => randomBytes(bytes).toString('base64url');

export class PhotosLibrary {
  readonly items = new Map<string, StoredMediaItem>();
  readonly albums = new Map<string, StoredAlbum>();
  readonly sessions = new Map<string, PickerSession>();
  readonly uploads = new Map<string, PendingUpload>();
  readonly resumable = new Map<string, ResumableUpload>();
  /** Base URL path token → item id and when the URL stops working. */
  readonly baseUrls = new Map<string, { itemId: string; expiresAt: number }>();
  /** Clients with a mediaItems:batchCreate in flight (Google wants them serial per user). */
  readonly writing = new Set<string>();

  addItem(item: Omit<StoredMediaItem, 'id'> & { id?: string }): StoredMediaItem {
    const stored: StoredMediaItem = { ...item, id: item.id ?? newPhotosId() };
    this.items.set(stored.id, stored);
    return stored;
  }

  addAlbum(title: string, createdBy?: string, id = newPhotosId()): StoredAlbum {
    const album: StoredAlbum = { id, title, itemIds: [], ...(createdBy && { createdBy }) };
    this.albums.set(album.id, album);
    return album;
  }

  /** Every item in the library's own order: oldest first, as the picker's grid is read bottom-up. */
  library(): StoredMediaItem[] {
    return [...this.items.values()].sort((a, b) => a.creationTime.localeCompare(b.creationTime) || a.id.localeCompare(b.id));
  }

  reset(): void {
    for (const map of [this.items, this.albums, this.sessions, this.uploads, this.resumable, this.baseUrls]) map.clear();
    this.writing.clear();
  }
}
