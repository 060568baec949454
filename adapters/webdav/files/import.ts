/**
 * Imports a folder tree below the server URL, into a folder named after the source (`OneDrive`, a host name):
 * MKCOL per folder, one PUT per file (files/upload.ts says how the body goes) with its modified time as `X-OC-Mtime`.
 * After each PUT the file is listed again: a size other than the source's is an error, and a modified time the server
 * did not keep (it answered no `X-OC-MTime: accepted` and lists another time) is reported as lost for that file.
 * Idempotent by path: a file of the same size whose hashes, where the server gives them, agree is the one made
 * before; a different file of that name moves the upload to `name (2).ext`, ….
 */
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer, type LostField } from '../../../model/adapter';
import { numberedName, parentPath, type FileEntry } from '../../../model/file';
import { FolderTree } from '../../folder-tree';
import { importEach, imported } from '../../import-each';
import { childUrl, davError, ensureCollection, propfind, serverRoot } from '../client';
import { instantOf, isSameFile, putHeaders, sameSecond } from './map';
import { DavUploader, type BodyMode } from './upload';

const MAX_NAME_TRIES = 20;

/** A name a WebDAV path can hold: no `/` (which would make a folder) and no control characters. */
const davName = (name: string): string => name.replace(/[/\u0000-\u001f]/g, '_') || '_';

export class WebdavFilesImporter implements Importer {
  readonly dataType = 'files' as const;
  private readonly uploader: DavUploader;
  /** For items that arrive without their parent's id. */
  private readonly tree: FolderTree;

  constructor(
    private readonly ctx: AdapterContext,
    bodyMode: BodyMode = 'stream',
  ) {
    this.uploader = new DavUploader(ctx, bodyMode);
    this.tree = new FolderTree((parent, name) => ensureCollection(ctx, childUrl(parent, davName(name), true)));
  }

  ensureContainer(container: Container): Promise<string> {
    return ensureCollection(this.ctx, childUrl(serverRoot(this.ctx), davName(container.name), true));
  }

  importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    return importEach(items as ImportItem<FileEntry>[], (item) => this.importOne(item));
  }

  private async importOne(item: ImportItem<FileEntry>): Promise<ImportResult> {
    const entry = item.data;
    const name = davName(entry.name);
    const lost: LostField[] = name === entry.name ? [] : [{ field: 'name', reason: `A WebDAV name cannot hold “/” or control characters; “${entry.name}” became “${name}”` }];
    const parent = await this.tree.parentOf(item);
    if (entry.kind === 'folder') {
      const url = await ensureCollection(this.ctx, childUrl(parent, name, true));
      this.tree.remember(item.containerId, entry.path, url);
      return imported(item.key, url, lost);
    }
    const place = await this.place(parent, name, entry);
    if ('id' in place) return imported(item.key, place.id, lost);
    const content = item.content;
    if (!content && entry.sizeBytes > 0) throw new AdapterError(`The source did not give the bytes of “${entry.path}”.`, 'skip');
    const open = content ? () => content() : () => Promise.resolve({ body: new Blob([]).stream(), size: 0, offset: 0 });
    const response = await this.uploader.put(place.url, putHeaders(entry), open, parent);
    const answer = await response.text();
    if (!response.ok) throw davError(response.status, answer, `the upload of ${entry.path}`, response.headers.get('retry-after'));
    lost.push(...(await this.check(place.url, entry, response.headers.get('x-oc-mtime') === 'accepted')));
    return imported(item.key, place.url, lost);
  }

  /** What the server holds after the PUT: the whole file, and whether it kept the modified time. */
  private async check(url: string, entry: FileEntry, mtimeAccepted: boolean): Promise<LostField[]> {
    const [stored] = (await propfind(this.ctx, url, 0)) ?? [];
    if (stored?.contentLength !== entry.sizeBytes) {
      throw new AdapterError(`The WebDAV server holds ${stored?.contentLength ?? 'no'} bytes of “${entry.path}” after the upload, not ${entry.sizeBytes}; Ferry will try again.`, 'retry');
    }
    const kept = instantOf(stored.lastModified);
    if (!entry.modified || mtimeAccepted || (kept && sameSecond(kept, entry.modified))) return [];
    return [{ field: 'modified', reason: `The WebDAV server set its own modified time (${kept ?? 'none'}): it ignores X-OC-Mtime and refuses to set getlastmodified` }];
  }

  /** The file made before for this entry (its URL), or the URL of the first free name to upload it under. */
  private async place(parent: string, name: string, entry: FileEntry): Promise<{ id: string } | { url: string }> {
    for (let n = 1; n <= MAX_NAME_TRIES; n++) {
      const url = childUrl(parent, numberedName(name, n));
      const [found] = (await propfind(this.ctx, url, 0)) ?? [];
      if (!found) return { url };
      if (isSameFile(found, entry)) return { id: url };
    }
    throw new AdapterError(`The WebDAV folder already holds ${MAX_NAME_TRIES} other files named like “${name}”; rename some and resume.`, 'skip');
  }

  /** The folder at `path` below the container when it exists (lookup makes nothing). */
  private async existingFolder(containerId: string, path: string): Promise<string | undefined> {
    if (!path) return containerId;
    const url = childUrl(containerId, path.split('/').map(davName).join('/'), true);
    const [found] = (await propfind(this.ctx, url, 0)) ?? [];
    return found?.isCollection ? url : undefined;
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const item of items as ImportItem<FileEntry>[]) {
      const entry = item.data;
      const parent = item.parentId ?? (await this.existingFolder(item.containerId, parentPath(entry.path)));
      if (!parent) continue;
      const name = davName(entry.name);
      if (entry.kind === 'folder') {
        const url = childUrl(parent, name, true);
        const [folder] = (await propfind(this.ctx, url, 0)) ?? [];
        if (folder?.isCollection) found.set(item.key, url);
        continue;
      }
      const place = await this.place(parent, name, entry);
      if ('id' in place) found.set(item.key, place.id);
    }
    return found;
  }
}
