/**
 * Exports a OneDrive folder tree of photos and videos, by default the Photos special folder (`special/photos`,
 * "Pictures"): each folder that holds media is an album, named by its path below the root; files come in
 * name order, which gives each its albumOrder. Folders are walked breadth first; the cursor carries the
 * folders still to walk, the nextLink inside the current one and the album position reached.
 * Bytes: through drive/download.ts.
 */
import type { AdapterContext, Container, ContentStream, ExportPage, ExportedItem, Exporter, ItemData } from '../../../model/adapter';
import type { MediaItem } from '../../../model/media';
import { decodeCursor, encodeCursor } from '../../cursor';
import { graphNextPage, graphRequest, query } from '../client';
import type { DriveItem, DriveItemPage } from './api-types';
import { itemUrl, openDriveContent } from './download';
import { DRIVE } from './drive';
import { fromDriveItem, isMediaFile } from './map';

/** Children per page (OneDrive's default and a good page for photos). */
export const CHILDREN_PAGE_SIZE = 200;
const SELECT = 'id,name,size,description,file,folder,image,photo,video,location,fileSystemInfo';

interface Folder {
  id: string;
  /** Path below the exported root ('' for the root itself). */
  path: string;
}

interface Cursor {
  root: string;
  folders: Folder[];
  index: number;
  nextLink?: string;
  /** Whether the current folder's album was emitted already, and the next file's place in it. */
  emitted: boolean;
  order: number;
}

export const containerKey = (account: string, folderId: string): string => `microsoft:${account}:photos:container:${folderId}`;
export const itemKey = (account: string, itemId: string): string => `microsoft:${account}:photos:${itemId}`;

export class MicrosoftPhotosExporter implements Exporter {
  readonly dataType = 'photos' as const;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = CHILDREN_PAGE_SIZE,
    /** The folder to export, as a Graph path below `/me/drive`. */
    private readonly rootPath = 'special/photos',
  ) {}

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText !== undefined) return this.folderPage(decodeCursor<Cursor>(cursorText));
    const root = await graphRequest<DriveItem>(this.ctx, 'GET', `${DRIVE}/${this.rootPath}${query({ $select: 'id,name' })}`);
    return this.folderPage({ root: root.name, folders: [{ id: root.id, path: '' }], index: 0, emitted: false, order: 0 });
  }

  private async folderPage(cursor: Cursor): Promise<ExportPage> {
    const folder = cursor.folders[cursor.index];
    if (!folder) return { containers: [], items: [] };
    const url = `${DRIVE}/items/${encodeURIComponent(folder.id)}/children${query({ $top: this.pageSize, $orderby: 'name', $select: SELECT })}`;
    const page = cursor.nextLink ? await graphNextPage<DriveItemPage>(this.ctx, cursor.nextLink) : await graphRequest<DriveItemPage>(this.ctx, 'GET', url);
    const children = page.value ?? [];
    const folders = [...cursor.folders];
    for (const child of children) if (child.folder) folders.push({ id: child.id, path: folder.path ? `${folder.path}/${child.name}` : child.name });
    const files = children.filter(isMediaFile);
    const account = this.ctx.account;
    const containers: Container[] = [];
    if (files.length && !cursor.emitted) {
      containers.push({ key: containerKey(account, folder.id), dataType: 'photos', name: folder.path || cursor.root, ...(folder.path === '' && { isDefault: true }) });
    }
    const items = files.map((file, i): ExportedItem<MediaItem> => {
      const data = fromDriveItem(file, cursor.order + i, itemUrl(file.id));
      const item: ExportedItem<MediaItem> = { key: itemKey(account, file.id), dataType: 'photos', containerKey: containerKey(account, folder.id), title: file.name, data };
      if (file.size !== undefined) item.bytes = file.size;
      return item;
    });
    const emitted = cursor.emitted || files.length > 0;
    const next: Cursor | undefined = page['@odata.nextLink']
      ? { ...cursor, folders, nextLink: page['@odata.nextLink'], emitted, order: cursor.order + files.length }
      : cursor.index + 1 < folders.length
        ? { root: cursor.root, folders, index: cursor.index + 1, emitted: false, order: 0 }
        : undefined;
    return next ? { containers, items, next: encodeCursor(next) } : { containers, items };
  }

  openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const media = item.data as MediaItem;
    return openDriveContent(this.ctx, media.downloadSource, media.fileName, from);
  }
}
