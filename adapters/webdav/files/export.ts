/**
 * Exports the folder tree below the server URL the person gave: one PROPFIND at Depth 1 per folder (Depth infinity
 * is refused by most servers and unbounded where it is not), walked breadth first in name order. Every folder and
 * file is an item naming the folder that holds it as its parentKey; the one container is the root, named after the
 * server's host. The cursor carries the folders still to walk. Bytes: a GET with a Range.
 */
import { AdapterError, type AdapterContext, type Container, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import { joinPath, parentPath, type FileEntry } from '../../../model/file';
import { decodeCursor, encodeCursor } from '../../cursor';
import { contentFromResponse } from '../../media-stream';
import { childUrl, davRequest, pathBelow, propfind, serverRoot } from '../client';
import { fromResource } from './map';

interface Cursor {
  /** Paths below the root of the folders still to walk; the first is the next one. */
  queue: string[];
}

export const containerKey = (account: string): string => `webdav:${account}:files:container:root`;
export const itemKey = (account: string, path: string): string => `webdav:${account}:files:${path}`;

export class WebdavFilesExporter implements Exporter {
  readonly dataType = 'files' as const;

  constructor(private readonly ctx: AdapterContext) {}

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText !== undefined) return this.folderPage(decodeCursor<Cursor>(cursorText), []);
    const root = serverRoot(this.ctx);
    const container: Container = { key: containerKey(this.ctx.account), dataType: 'files', name: new URL(root).hostname, isDefault: true };
    return this.folderPage({ queue: [''] }, [container]);
  }

  private async folderPage(cursor: Cursor, containers: Container[]): Promise<ExportPage> {
    const [folder, ...rest] = cursor.queue;
    if (folder === undefined) return { containers, items: [] };
    const root = serverRoot(this.ctx);
    const url = childUrl(root, folder, true);
    const listing = await propfind(this.ctx, url, 1);
    if (!listing) {
      if (folder === '') throw new AdapterError(`The WebDAV server has nothing at ${root}. Check the server address and connect again.`, 'fatal', { fatalReason: 'reconnect', status: 404 });
      // The folder went away since its parent was listed: nothing of it is left to move.
      return this.pageAfter(containers, [], rest);
    }
    const account = this.ctx.account;
    const children = listing
      .map((resource) => ({ resource, path: pathBelow(root, resource.href) }))
      .filter((c): c is { resource: typeof c.resource; path: string } => c.path !== undefined && c.path !== '' && parentPath(c.path) === folder)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const found: string[] = [];
    const items = children.map(({ resource, path }): ExportedItem<FileEntry> => {
      const name = path.slice(path.lastIndexOf('/') + 1);
      const fullPath = joinPath(folder, name);
      if (resource.isCollection) found.push(fullPath);
      const data = fromResource(resource, fullPath, childUrl(root, fullPath));
      const item: ExportedItem<FileEntry> = { key: itemKey(account, fullPath), dataType: 'files', containerKey: containerKey(account), title: fullPath, data };
      if (folder) item.parentKey = itemKey(account, folder);
      if (data.kind === 'file') item.bytes = data.sizeBytes;
      return item;
    });
    return this.pageAfter(containers, items, [...rest, ...found]);
  }

  private pageAfter(containers: Container[], items: ExportedItem[], queue: string[]): ExportPage {
    return queue.length ? { containers, items, next: encodeCursor<Cursor>({ queue }) } : { containers, items };
  }

  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const entry = item.data as FileEntry;
    if (!entry.downloadSource) throw new AdapterError(`“${entry.path}” is a folder and has no bytes to download.`, 'skip');
    const response = await davRequest(this.ctx, 'GET', entry.downloadSource, `the download of ${entry.path}`, { headers: from > 0 ? { range: `bytes=${from}-` } : {} });
    return contentFromResponse(response, from, 'The WebDAV server');
  }
}
