/**
 * Imports photos and videos into OneDrive: one folder per album under `Pictures/Ferry` (the Photos special
 * folder, whatever its name in the person's language), each file through an upload session with
 * `conflictBehavior: fail`, its times set to when it was taken and its description kept. Idempotent by path:
 * when OneDrive says the file's name is taken, a file of the same size created at the same time is the one made
 * before; a different file of that name moves the upload to `name (2).ext`, …. A crash between upload and record
 * is settled by the same lookup (`lookup`).
 * The session's uploadUrl and the bytes OneDrive acknowledged are checkpointed after every fragment (the item's
 * `upload`), so a fresh worker asks the session where it stands and goes on from there.
 */
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer, type UploadCheckpoint } from '../../../model/adapter';
import { withheldLosses, type MediaItem } from '../../../model/media';
import { ChunkReader, iterateStream } from '../../../model/byte-stream';
import { importEach } from '../../import-each';
import { graphRequest, isConflict } from '../client';
import type { DriveItem, UploadSession } from './api-types';
import { DRIVE, ensureFolder, findOrFreeName, itemPath, safeName } from './drive';
import { isSameUpload, toUploadableItem } from './map';
import { sessionState, uploadFragments } from './upload';

/** The folder under the Photos special folder that holds Ferry's albums. */
export const FERRY_FOLDER = 'Ferry';

export class MicrosoftPhotosImporter implements Importer {
  readonly dataType = 'photos' as const;
  private ferryFolder: Promise<string> | undefined;

  constructor(private readonly ctx: AdapterContext) {}

  private ferry(): Promise<string> {
    this.ferryFolder ??= (async () => {
      const photos = await graphRequest<DriveItem>(this.ctx, 'GET', `${DRIVE}/special/photos`);
      return ensureFolder(this.ctx, photos.id, FERRY_FOLDER);
    })();
    this.ferryFolder.catch(() => (this.ferryFolder = undefined));
    return this.ferryFolder;
  }

  /** An album named `a/b` (a nested source folder) becomes nested folders. */
  async ensureContainer(container: Container): Promise<string> {
    let folder = await this.ferry();
    for (const part of container.name.split('/').filter((p) => p.trim())) folder = await ensureFolder(this.ctx, folder, safeName(part));
    return folder;
  }

  /** The file made before for this item (id), or the first free name to upload it under. */
  private place(item: ImportItem<MediaItem>, size: number | undefined): Promise<{ id: string } | { name: string }> {
    return findOrFreeName(this.ctx, item.containerId, safeName(item.data.fileName), (found) => isSameUpload(found, item.data, size));
  }

  importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    return importEach(items as ImportItem<MediaItem>[], (item) => this.importOne(item));
  }

  private async importOne(item: ImportItem<MediaItem>): Promise<ImportResult> {
    if (!item.content) throw new AdapterError(`The source did not give the bytes of “${item.data.fileName}”.`, 'skip');
    const saved = await item.upload?.load();
    const resumed = saved && (await this.resume(item, saved));
    if (resumed) return resumed;
    const content = await item.content();
    const reader = new ChunkReader(iterateStream(content.body));
    try {
      const size = content.size ?? item.data.sizeBytes;
      if (size === undefined) throw new AdapterError(`The source did not say how large “${item.data.fileName}” is, which OneDrive needs before an upload.`, 'skip');
      const session = await this.openSession(item, size);
      if ('id' in session) return await this.finished(item, session.id, size);
      const expiresAt = Date.parse(session.expirationDateTime ?? '');
      const save = (committed: number) =>
        item.upload?.save({ sessionUrl: session.uploadUrl, committed, size, savedAt: Date.now(), ...(Number.isFinite(expiresAt) && { expiresAt }) }) ?? Promise.resolve();
      // Nothing is saved before OneDrive acknowledged a fragment: a session holding no bytes is worth no more than a new one.
      const made = await uploadFragments(this.ctx, session.uploadUrl, reader, size, 0, save).catch((error: unknown) => this.nameTaken(item, error));
      return await this.finished(item, made.id, size);
    } finally {
      await reader.close();
    }
  }

  /**
   * An upload session under the file's own name; when OneDrive already holds that name (409 under
   * conflictBehavior fail), the file made before (its id) or a session under the first free name. Looking the
   * name up first would cost every file a round trip to spare the few whose name is taken.
   */
  private async openSession(item: ImportItem<MediaItem>, size: number): Promise<{ id: string } | UploadSession> {
    const { item: uploadable } = toUploadableItem(item.data, size);
    const create = (name: string) => graphRequest<UploadSession>(this.ctx, 'POST', `${itemPath(item.containerId, name)}/createUploadSession`, { item: uploadable });
    try {
      return await create(safeName(item.data.fileName));
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    const place = await this.place(item, size);
    return 'id' in place ? place : create(place.name);
  }

  /**
   * OneDrive checks the name again when the last fragment lands: a file of the same name uploaded meanwhile (two
   * items of one album named alike, side by side) refuses it. The session is spent, so the item goes again from
   * the start, and finds a free name then.
   */
  private async nameTaken(item: ImportItem<MediaItem>, error: unknown): Promise<never> {
    if (!isConflict(error)) throw error;
    await item.upload?.clear();
    throw new AdapterError(`Another file took the name “${item.data.fileName}” in OneDrive while it uploaded; Ferry will send it again under a free name.`, 'retry', {
      ...(error as AdapterError).details,
    });
  }

  /** Goes on with the upload session a killed worker left; undefined when it must start over. */
  private async resume(item: ImportItem<MediaItem>, saved: UploadCheckpoint): Promise<ImportResult | undefined> {
    const { size } = saved;
    const state = size !== undefined && (saved.expiresAt ?? Infinity) > Date.now() ? await sessionState(this.ctx, saved.sessionUrl) : undefined;
    if (size === undefined || !state || !Number.isFinite(state.next)) {
      console.warn(`OneDrive no longer holds the unfinished upload of “${item.data.fileName}” (the session expired or is unknown); Ferry sends it again from its first byte.`);
      return undefined;
    }
    const content = await item.content!(state.next);
    const reader = new ChunkReader(iterateStream(content.body));
    try {
      if (content.offset < state.next) await reader.skip(state.next - content.offset);
      const save = (committed: number) => item.upload!.save({ ...saved, committed, savedAt: Date.now(), ...(state.expiresAt !== undefined && { expiresAt: state.expiresAt }) });
      const made = await uploadFragments(this.ctx, saved.sessionUrl, reader, size, state.next, save);
      return await this.finished(item, made.id, size);
    } finally {
      await reader.close();
    }
  }

  private async finished(item: ImportItem<MediaItem>, destinationId: string, size: number): Promise<ImportResult> {
    await item.upload?.clear();
    const lost = [...withheldLosses(item.data), ...toUploadableItem(item.data, size).lost];
    return lost.length ? { key: item.key, ok: true, destinationId, lost } : { key: item.key, ok: true, destinationId };
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const item of items as ImportItem<MediaItem>[]) {
      const place = await this.place(item, item.data.sizeBytes);
      if ('id' in place) {
        await item.upload?.clear();
        found.set(item.key, place.id);
      }
    }
    return found;
  }
}
