/**
 * Imports a folder tree into OneDrive, below a folder at the drive's root named after the source (`OneDrive`,
 * a WebDAV server's host). Folders are made with their times; files go through an upload session with
 * `conflictBehavior: fail` and their times in fileSystemInfo, or, when empty (an upload session cannot carry zero
 * bytes), by a simple PUT and a PATCH of their times. Idempotent by path: a file of the same size whose hashes and
 * modified time agree is the one made before; a different file of that name moves the upload to `name (2).ext`.
 */
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer } from '../../../model/adapter';
import { ChunkReader, iterateStream } from '../../../model/byte-stream';
import { parentPath, type FileEntry } from '../../../model/file';
import { parseJsonAnswer, sendRequest } from '../../http';
import { FolderTree } from '../../folder-tree';
import { importEach, imported } from '../../import-each';
import { graphError, graphRequest, query } from '../client';
import type { DriveItem, UploadSession } from '../photos/api-types';
import { itemUrl } from '../photos/download';
import { DRIVE, childNamed, ensureFolder, findOrFreeName, itemPath, safeName } from '../photos/drive';
import { uploadFragments } from '../photos/upload';
import { fileSystemInfoOf, isSameFile, oneDriveName, toUploadableItem } from './map';

export class MicrosoftFilesImporter implements Importer {
  readonly dataType = 'files' as const;
  private root: Promise<string> | undefined;
  /** For items that arrive without their parent's id. */
  private readonly tree = new FolderTree((parent, name) => ensureFolder(this.ctx, parent, safeName(name)));

  constructor(private readonly ctx: AdapterContext) {}

  private driveRoot(): Promise<string> {
    this.root ??= graphRequest<DriveItem>(this.ctx, 'GET', `${DRIVE}/root${query({ $select: 'id' })}`).then((root) => root.id);
    this.root.catch(() => (this.root = undefined));
    return this.root;
  }

  async ensureContainer(container: Container): Promise<string> {
    return ensureFolder(this.ctx, await this.driveRoot(), safeName(container.name));
  }

  importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    return importEach(items as ImportItem<FileEntry>[], (item) => this.importOne(item));
  }

  private async importOne(item: ImportItem<FileEntry>): Promise<ImportResult> {
    const entry = item.data;
    const { name, lost } = oneDriveName(entry);
    const parent = await this.tree.parentOf(item);
    if (entry.kind === 'folder') {
      const id = await ensureFolder(this.ctx, parent, name, fileSystemInfoOf(entry));
      this.tree.remember(item.containerId, entry.path, id);
      return imported(item.key, id, lost);
    }
    const place = await findOrFreeName(this.ctx, parent, name, (found) => isSameFile(found, entry, entry.sizeBytes));
    if ('id' in place) return imported(item.key, place.id, lost);
    const made = entry.sizeBytes === 0 ? await this.uploadEmpty(parent, place.name, entry) : await this.upload(item, parent, place.name);
    return imported(item.key, made.id, lost);
  }

  private async upload(item: ImportItem<FileEntry>, parent: string, name: string): Promise<DriveItem> {
    if (!item.content) throw new AdapterError(`The source did not give the bytes of “${item.data.path}”.`, 'skip');
    const content = await item.content();
    const reader = new ChunkReader(iterateStream(content.body));
    try {
      const size = content.size ?? item.data.sizeBytes;
      const session = await graphRequest<UploadSession>(this.ctx, 'POST', `${itemPath(parent, name)}/createUploadSession`, { item: toUploadableItem(item.data, size) });
      return await uploadFragments(this.ctx, session.uploadUrl, reader, size);
    } finally {
      await reader.close();
    }
  }

  /** An empty file: a simple upload of no bytes, then its times (a simple upload cannot carry them). */
  private async uploadEmpty(parent: string, name: string, entry: FileEntry): Promise<DriveItem> {
    const url = `${itemPath(parent, name)}/content${query({ '@microsoft.graph.conflictBehavior': 'fail' })}`;
    const response = await sendRequest(this.ctx, 'Microsoft', this.ctx.url(url), { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(0) });
    const text = await response.text();
    if (!response.ok) throw graphError(response.status, text, response.headers.get('retry-after'), Date.now(), url);
    const made = parseJsonAnswer<DriveItem>(text, 'Microsoft', 'an upload');
    const fileSystemInfo = fileSystemInfoOf(entry);
    return fileSystemInfo ? graphRequest<DriveItem>(this.ctx, 'PATCH', itemUrl(made.id), { fileSystemInfo }) : made;
  }

  /** The folder at `path` below the container when it exists (made by nothing: lookup only looks). */
  private async existingFolder(containerId: string, path: string): Promise<string | undefined> {
    let folder: string | undefined = containerId;
    for (const part of path.split('/').filter(Boolean)) {
      const found: DriveItem | undefined = await childNamed(this.ctx, folder, safeName(part));
      if (!found?.folder) return undefined;
      folder = found.id;
    }
    return folder;
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const item of items as ImportItem<FileEntry>[]) {
      const entry = item.data;
      const parent = item.parentId ?? (await this.existingFolder(item.containerId, parentPath(entry.path)));
      if (!parent) continue;
      const { name } = oneDriveName(entry);
      if (entry.kind === 'folder') {
        const folder = await childNamed(this.ctx, parent, name);
        if (folder?.folder) found.set(item.key, folder.id);
        continue;
      }
      const place = await findOrFreeName(this.ctx, parent, name, (file) => isSameFile(file, entry, entry.sizeBytes));
      if ('id' in place) found.set(item.key, place.id);
    }
    return found;
  }
}
