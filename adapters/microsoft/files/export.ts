/**
 * Exports a OneDrive folder tree, by default the whole drive (`root`): every folder and file below it as an item,
 * each naming the folder that holds it as its parentKey, so the tree (empty folders too) is rebuilt in order.
 * Folders are walked breadth first through `children`, paged by `@odata.nextLink`; the cursor carries the folders
 * still to walk and the nextLink inside the current one. Bytes: through drive/download.ts.
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import { joinPath, type FileEntry } from '../../../model/file';
import { decodeCursor, encodeCursor } from '../../cursor';
import { graphNextPage, graphRequest, query } from '../client';
import type { DriveItem, DriveItemPage } from '../photos/api-types';
import { itemUrl, openDriveContent } from '../photos/download';
import { DRIVE } from '../photos/drive';
import { fromDriveItem } from './map';

/** Children per page (OneDrive's default). */
export const CHILDREN_PAGE_SIZE = 200;
const SELECT = 'id,name,size,file,folder,fileSystemInfo';
/** The one container: the exported root, named as people know the service. */
export const ROOT_CONTAINER_NAME = 'OneDrive';

interface Folder {
  id: string;
  /** Path below the exported root ('' for the root itself). */
  path: string;
}

interface Cursor {
  root: string;
  /** Folders still to walk; the first is the one being walked. */
  queue: Folder[];
  nextLink?: string;
}

export const containerKey = (account: string, rootId: string): string => `microsoft:${account}:files:container:${rootId}`;
export const itemKey = (account: string, itemId: string): string => `microsoft:${account}:files:${itemId}`;

export class MicrosoftFilesExporter implements Exporter {
  readonly dataType = 'files' as const;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = CHILDREN_PAGE_SIZE,
    /** The folder to export, as a Graph path below `/me/drive` (`root`, `root:/Documents:`). */
    private readonly rootPath = 'root',
  ) {}

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText !== undefined) return this.folderPage(decodeCursor<Cursor>(cursorText), []);
    const root = await graphRequest<DriveItem>(this.ctx, 'GET', `${DRIVE}/${this.rootPath}${query({ $select: 'id,name' })}`);
    const container: Container = { key: containerKey(this.ctx.account, root.id), dataType: 'files', name: ROOT_CONTAINER_NAME, isDefault: true };
    return this.folderPage({ root: root.id, queue: [{ id: root.id, path: '' }] }, [container]);
  }

  private async folderPage(cursor: Cursor, containers: Container[]): Promise<ExportPage> {
    const [folder, ...rest] = cursor.queue;
    if (!folder) return { containers, items: [] };
    const url = `${DRIVE}/items/${encodeURIComponent(folder.id)}/children${query({ $top: this.pageSize, $select: SELECT })}`;
    const page = cursor.nextLink ? await graphNextPage<DriveItemPage>(this.ctx, cursor.nextLink) : await graphRequest<DriveItemPage>(this.ctx, 'GET', url);
    const account = this.ctx.account;
    const found: Folder[] = [];
    const items = (page.value ?? []).map((child): ExportedItem<FileEntry> => {
      const path = joinPath(folder.path, child.name);
      if (child.folder) found.push({ id: child.id, path });
      const data = fromDriveItem(child, path, itemUrl(child.id));
      const item: ExportedItem<FileEntry> = { key: itemKey(account, child.id), dataType: 'files', containerKey: containerKey(account, cursor.root), title: path, data };
      if (folder.id !== cursor.root) item.parentKey = itemKey(account, folder.id);
      if (data.kind === 'file') item.bytes = data.sizeBytes;
      return item;
    });
    const nextLink = page['@odata.nextLink'];
    const queue = nextLink ? [folder, ...rest, ...found] : [...rest, ...found];
    const next: Cursor | undefined = queue.length ? { root: cursor.root, queue, ...(nextLink && { nextLink }) } : undefined;
    return next ? { containers, items, next: encodeCursor(next) } : { containers, items };
  }

  openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const entry = item.data as FileEntry;
    if (!entry.downloadSource) return Promise.reject(new AdapterError(`“${entry.path}” is a folder and has no bytes to download.`, 'skip'));
    return openDriveContent(this.ctx, entry.downloadSource, entry.path, from);
  }
}
