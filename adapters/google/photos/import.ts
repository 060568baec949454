/**
 * Imports photos and videos into Google Photos: bytes through the uploads endpoint (upload.ts), then
 * mediaItems:batchCreate into the album, ≤ 50 items and one call at a time per user (upload-media, "best
 * practices"), while the uploads before it run several at once. Items are appended in album order. Google
 * keeps no id of Ferry's on an item, so an item made before (even by a call whose answer was lost) is found
 * among the album's own items by file name and description, each found item matched once.
 */
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer, type LostField } from '../../../model/adapter';
import { withheldLosses, type MediaItem } from '../../../model/media';
import type { BatchCreateRequest, BatchCreateResponse, LibraryMediaItem, NewMediaItem } from './api-types';
import { createAlbum, itemsIn, listOwnAlbums } from './albums';
import { MAX_DESCRIPTION, fileMetadataLosses, toNewMediaItem } from './map';
import { googleRequest } from '../client';
import { LIBRARY_API } from './apis';
import { uploadMedia } from './upload';
import { inParallel } from './in-parallel';

/** mediaItems:batchCreate takes at most 50 new media items. */
export const MAX_BATCH_CREATE = 50;
/** Files one batch uploads at once (the photos pacer bounds the requests of all batches together). */
export const UPLOADS_AT_ONCE = 3;

interface Pending {
  item: ImportItem<MediaItem>;
  body: NewMediaItem;
  lost: LostField[];
}

const sameDescription = (found: LibraryMediaItem, item: MediaItem): boolean =>
  (found.description ?? '') === (item.description ?? '').slice(0, MAX_DESCRIPTION);

export class GooglePhotosImporter implements Importer {
  readonly dataType = 'photos' as const;
  /** Album id ('' for the library) → the items Ferry made there, not yet matched to a source item. */
  private readonly made = new Map<string, LibraryMediaItem[]>();
  /** Ids already matched to a source item or made by this importer: never matched again. */
  private readonly taken = new Set<string>();
  /** The batchCreate in progress, which the next one waits for. */
  private creating: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: AdapterContext) {}

  async ensureContainer(container: Container): Promise<string> {
    const same = (await listOwnAlbums(this.ctx)).find((a) => a.title === container.name);
    return same ? same.id : (await createAlbum(this.ctx, container.name)).id;
  }

  private async madeIn(albumId: string): Promise<LibraryMediaItem[]> {
    let made = this.made.get(albumId);
    if (!made) {
      made = (await itemsIn(this.ctx, albumId || undefined)).filter((m) => !this.taken.has(m.id));
      this.made.set(albumId, made);
    }
    return made;
  }

  /** The item Ferry made before for this source item, taken off the unmatched list. */
  private async claim(item: ImportItem<MediaItem>): Promise<LibraryMediaItem | undefined> {
    const made = await this.madeIn(item.containerId);
    const index = made.findIndex((m) => m.filename === item.data.fileName && sameDescription(m, item.data));
    if (index < 0) return undefined;
    const [found] = made.splice(index, 1);
    this.taken.add(found!.id);
    return found;
  }

  async importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    const results = new Map<string, ImportResult>();
    const byAlbum = new Map<string, ImportItem<MediaItem>[]>();
    for (const item of items as ImportItem<MediaItem>[]) byAlbum.set(item.containerId, [...(byAlbum.get(item.containerId) ?? []), item]);
    for (const [albumId, group] of byAlbum) {
      const ordered = [...group].sort((a, b) => (a.data.albumOrder ?? 0) - (b.data.albumOrder ?? 0));
      for (let i = 0; i < ordered.length; i += MAX_BATCH_CREATE) {
        for (const result of await this.importInto(albumId, ordered.slice(i, i + MAX_BATCH_CREATE))) results.set(result.key, result);
      }
    }
    const ordered = items.map((item) => results.get(item.key)!);
    throwWhenAllFailed(ordered);
    return ordered;
  }

  private async importInto(albumId: string, items: ImportItem<MediaItem>[]): Promise<ImportResult[]> {
    const results: ImportResult[] = [];
    const uploads: { item: ImportItem<MediaItem>; lost: LostField[] }[] = [];
    for (const item of items) {
      const found = await this.claim(item);
      const lost = [...withheldLosses(item.data), ...toNewMediaItem(item.data, '').lost];
      if (found) {
        await item.upload?.clear();
        results.push(done(item, found.id, lost));
      } else uploads.push({ item, lost });
    }
    // Several files upload at once, so small ones go on while a large one takes its time; the created
    // items keep the album's order all the same.
    const uploaded = await inParallel(uploads, UPLOADS_AT_ONCE, async ({ item, lost }): Promise<Pending | ImportResult> => {
      try {
        const { token, head } = await uploadMedia(this.ctx, item);
        const { body } = toNewMediaItem(item.data, token);
        return { item, body, lost: [...lost, ...fileMetadataLosses(item.data, head)] };
      } catch (error) {
        if (!(error instanceof AdapterError) || error.errorClass === 'fatal') throw error;
        return { key: item.key, ok: false, error };
      }
    });
    const pending = uploaded.filter((u): u is Pending => 'body' in u);
    results.push(...uploaded.filter((u): u is ImportResult => !('body' in u)));
    if (pending.length) results.push(...(await this.serially(() => this.create(albumId, pending))));
    return results;
  }

  /** batchCreate one call at a time per user (upload-media, "best practices"), whatever runs in parallel. */
  private serially<T>(call: () => Promise<T>): Promise<T> {
    const next = this.creating.then(call);
    this.creating = next.catch(() => undefined);
    return next;
  }

  private async create(albumId: string, pending: Pending[]): Promise<ImportResult[]> {
    const request: BatchCreateRequest = { newMediaItems: pending.map((p) => p.body) };
    if (albumId) Object.assign(request, { albumId, albumPosition: { position: 'LAST_IN_ALBUM' } });
    let answer: BatchCreateResponse;
    try {
      answer = await googleRequest<BatchCreateResponse>(this.ctx, 'POST', `${LIBRARY_API}/mediaItems:batchCreate`, request);
    } catch (error) {
      // The call may have made the items though its answer was lost: look at the album afresh next time.
      this.made.delete(albumId);
      throw error;
    }
    const byToken = new Map((answer.newMediaItemResults ?? []).map((r) => [r.uploadToken, r]));
    const results: ImportResult[] = [];
    for (const { item, body, lost } of pending) {
      const result = byToken.get(body.simpleMediaItem.uploadToken);
      const created = result?.mediaItem?.id;
      // Made, or refused with this token: either way the upload is spent.
      await item.upload?.clear();
      if (created && !result.status?.code) {
        this.taken.add(created);
        results.push(done(item, created, lost));
        continue;
      }
      const said = result?.status?.message ?? 'no result for this item';
      results.push({ key: item.key, ok: false, error: new AdapterError(`Google Photos did not add “${item.data.fileName}”: ${said}`, 'skip', { providerMessage: said }) });
    }
    return results;
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const item of items as ImportItem<MediaItem>[]) {
      const made = await this.claim(item);
      if (made) {
        await item.upload?.clear();
        found.set(item.key, made.id);
      }
    }
    return found;
  }
}

function done(item: ImportItem<MediaItem>, destinationId: string, lost: LostField[]): ImportResult {
  return lost.length ? { key: item.key, ok: true, destinationId, lost } : { key: item.key, ok: true, destinationId };
}

/** The whole batch failed when every item failed with a retry-class error: the engine backs off. */
function throwWhenAllFailed(results: ImportResult[]): void {
  const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
  if (errors.length === results.length && errors.length > 0 && errors.every((e) => e.errorClass === 'retry')) {
    const wait = Math.max(0, ...errors.map((e) => e.details.retryAfterMs ?? 0));
    const first = errors[0]!;
    throw new AdapterError(first.message, 'retry', { ...first.details, ...(wait ? { retryAfterMs: wait } : {}) });
  }
}
