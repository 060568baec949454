/**
 * Imports photos and videos into OneDrive: one folder per album under `Pictures/Ferry` (the Photos special
 * folder, whatever its name in the person's language), each file through an upload session with
 * `conflictBehavior: fail`, its times set to when it was taken and its description kept. Idempotent by path:
 * before uploading, the file's name is looked up in the folder, and a file of the same size created at the
 * same time is the one made before; a different file of that name moves the upload to `name (2).ext`, ….
 */
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer, type LostField } from '../../../model/adapter';
import { withheldLosses, type MediaItem } from '../../../model/media';
import { ChunkReader, iterateStream } from '../../../model/byte-stream';
import { graphRequest } from '../client';
import type { DriveItem, UploadSession } from './api-types';
import { DRIVE, ensureFolder, findOrFreeName, itemPath, safeName } from './drive';
import { isSameUpload, toUploadableItem } from './map';
import { uploadFragments } from './upload';

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

  async importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    const results: ImportResult[] = [];
    for (const item of items as ImportItem<MediaItem>[]) {
      try {
        results.push(await this.importOne(item));
      } catch (error) {
        if (!(error instanceof AdapterError) || error.errorClass === 'fatal') throw error;
        results.push({ key: item.key, ok: false, error });
      }
    }
    return results;
  }

  private async importOne(item: ImportItem<MediaItem>): Promise<ImportResult> {
    if (!item.content) throw new AdapterError(`The source did not give the bytes of “${item.data.fileName}”.`, 'skip');
    const content = await item.content();
    const reader = new ChunkReader(iterateStream(content.body));
    try {
      const size = content.size ?? item.data.sizeBytes;
      if (size === undefined) throw new AdapterError(`The source did not say how large “${item.data.fileName}” is, which OneDrive needs before an upload.`, 'skip');
      const { item: uploadable, lost } = toUploadableItem(item.data, size);
      const allLost = [...withheldLosses(item.data), ...lost];
      const place = await this.place(item, size);
      if ('id' in place) return finished(item, place.id, allLost);
      const session = await graphRequest<UploadSession>(this.ctx, 'POST', `${itemPath(item.containerId, place.name)}/createUploadSession`, { item: uploadable });
      const made = await uploadFragments(this.ctx, session, reader, size);
      return finished(item, made.id, allLost);
    } finally {
      await reader.close();
    }
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const item of items as ImportItem<MediaItem>[]) {
      const place = await this.place(item, item.data.sizeBytes);
      if ('id' in place) found.set(item.key, place.id);
    }
    return found;
  }
}

function finished(item: ImportItem<MediaItem>, destinationId: string, lost: LostField[]): ImportResult {
  return lost.length ? { key: item.key, ok: true, destinationId, lost } : { key: item.key, ok: true, destinationId };
}
