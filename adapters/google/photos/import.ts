/**
 * Imports photos and videos into Google Photos: bytes through the uploads endpoint (upload.ts), then
 * mediaItems:batchCreate into the album, ≤ 50 items and one call at a time per user (upload-media, "best
 * practices"). Items are appended in album order. Google keeps no id of Ferry's on an item, so an item made
 * before (even by a call whose answer was lost) is found among the album's own items by file name and
 * description, each found item matched once.
 */
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer, type LostField } from '../../../model/adapter';
import { withheldLosses, type MediaItem } from '../../../model/media';
import type { BatchCreateRequest, BatchCreateResponse, LibraryMediaItem, NewMediaItem } from './api-types';
import { createAlbum, itemsIn, listOwnAlbums } from './albums';
import { MAX_DESCRIPTION, fileMetadataLosses, toNewMediaItem } from './map';
import { googleRequest } from '../client';
import { LIBRARY_API } from './apis';
import { uploadMedia } from './upload';

/** mediaItems:batchCreate takes at most 50 new media items. */
export const MAX_BATCH_CREATE = 50;

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
    const pending: Pending[] = [];
    for (const item of items) {
      const found = await this.claim(item);
      const lost = [...withheldLosses(item.data), ...toNewMediaItem(item.data, '').lost];
      if (found) {
        results.push(done(item, found.id, lost));
        continue;
      }
      try {
        const { token, head } = await uploadMedia(this.ctx, item);
        const { body } = toNewMediaItem(item.data, token);
        pending.push({ item, body, lost: [...lost, ...fileMetadataLosses(item.data, head)] });
      } catch (error) {
        if (!(error instanceof AdapterError) || error.errorClass === 'fatal') throw error;
        results.push({ key: item.key, ok: false, error });
      }
    }
    if (pending.length) results.push(...(await this.create(albumId, pending)));
    return results;
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
    return pending.map(({ item, body, lost }): ImportResult => {
      const result = byToken.get(body.simpleMediaItem.uploadToken);
      const created = result?.mediaItem?.id;
      if (created && !result.status?.code) {
        this.taken.add(created);
        return done(item, created, lost);
      }
      const said = result?.status?.message ?? 'no result for this item';
      return { key: item.key, ok: false, error: new AdapterError(`Google Photos did not add “${item.data.fileName}”: ${said}`, 'skip', { providerMessage: said }) };
    });
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const item of items as ImportItem<MediaItem>[]) {
      const made = await this.claim(item);
      if (made) found.set(item.key, made.id);
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
