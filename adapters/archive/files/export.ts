/**
 * Exports the folder tree of an archive's `files/` folder: every folder and file is an item naming the folder that
 * holds it as its parentKey, in path order (a folder before what it holds); the one container is the tree's root,
 * named after the archive. The bytes are streamed from the zip, from any offset.
 */
import { AdapterError, type AdapterContext, type ContentStream, type ExportPage, type ExportedItem, type Exporter, type ItemData } from '../../../model/adapter';
import { parentPath, type FileEntry } from '../../../model/file';
import { pageAt, planOnce } from '../../archive-paging';
import { entryContent } from '../../zip-entry';
import type { ArchiveTree } from '../../zip-archive';
import { archiveId, openFerryArchive, typeFiles } from '../client';
import { fileEntry, folderEntry, foldersAbove } from './map';

export const PAGE_SIZE = 500;

export const containerKey = (account: string): string => `archive:${account}:files:container:root`;
export const itemKey = (account: string, path: string): string => `archive:${account}:files:${path}`;

interface Planned {
  tree: ArchiveTree;
  rootName: string;
  items: ExportedItem<FileEntry>[];
}

const byPath = (a: FileEntry, b: FileEntry): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

export class ArchiveFilesExporter implements Exporter {
  readonly dataType = 'files' as const;
  private readonly open = planOnce(() => this.plan());

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<Planned> {
    const archive = await openFerryArchive(this.ctx);
    const files = typeFiles(archive, 'files', 'files');
    const prefix = `${archive.root}files/`;
    const folders = new Map<string, Date | undefined>();
    for (const [path, modified] of archive.tree.folders) if (path.startsWith(prefix)) folders.set(path.slice(prefix.length), modified);
    for (const { path } of files) for (const folder of foldersAbove(path)) if (!folders.has(folder)) folders.set(folder, undefined);
    const entries = [...[...folders].map(([path, modified]) => folderEntry(path, modified)), ...files.map(({ path, file }) => fileEntry(path, file))].sort(byPath);
    const account = this.ctx.account;
    const items = entries.map((data): ExportedItem<FileEntry> => {
      const item: ExportedItem<FileEntry> = { key: itemKey(account, data.path), dataType: 'files', containerKey: containerKey(account), title: data.path, data };
      const parent = parentPath(data.path);
      if (parent) item.parentKey = itemKey(account, parent);
      if (data.kind === 'file') item.bytes = data.sizeBytes;
      return item;
    });
    return { tree: archive.tree, rootName: archiveId(archive.tree.parts[0]!), items };
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    const { rootName, items } = await this.open();
    return pageAt(items, cursor, this.pageSize, () => [{ key: containerKey(this.ctx.account), dataType: 'files', name: rootName, isDefault: true }]);
  }

  async openContent(item: { key: string; data: ItemData }, from = 0): Promise<ContentStream> {
    const entry = item.data as FileEntry;
    if (!entry.downloadSource) throw new AdapterError(`“${entry.path}” is a folder and has no bytes to read.`, 'skip');
    const { tree } = await this.open();
    const file = tree.files.get(entry.downloadSource);
    if (!file) throw new AdapterError(`“${entry.path}” is no longer in ${tree.parts.join(', ')}.`, 'skip');
    return entryContent(file, from);
  }
}
