/**
 * The engine's part of a files transfer without the engine: pages from an exporter, containers ensured, items handed
 * to an importer in batches with their container and parent resolved to destination ids and their bytes opened at the
 * source. A folder is always on an earlier page than what it holds, so each page can go once the one before is done.
 */
import type { Container, ExportedItem, Exporter, ImportItem, ImportResult, Importer } from '../../model/adapter';
import type { FileEntry } from '../../model/file';
import { exportAll as exportAllPages } from './export-all';

/** A folder tree is many small pages: the bound is higher than for other data types. */
export const exportAll = (exporter: Exporter) => exportAllPages<FileEntry>(exporter, { maxPages: 100_000 });

export interface Moved {
  results: ImportResult[];
  items: ExportedItem<FileEntry>[];
  containerIds: Map<string, string>;
  /** Bytes of the files moved. */
  bytes: number;
  seconds: number;
}

/** The import items of exported ones, given the destination ids known so far. */
export function importItemsOf(exporter: Exporter, items: ExportedItem<FileEntry>[], containerIds: Map<string, string>, done: Map<string, string>): ImportItem<FileEntry>[] {
  return items.map((item) => {
    const containerId = containerIds.get(item.containerKey ?? '');
    if (!containerId) throw new Error(`No container was made for ${item.key}`);
    const parentId = item.parentKey ? done.get(item.parentKey) : undefined;
    if (item.parentKey && !parentId) throw new Error(`The folder of ${item.key} was not imported first`);
    const importItem: ImportItem<FileEntry> = { key: item.key, dataType: 'files', title: item.title, data: item.data, containerId, ...(parentId && { parentId }) };
    if (item.data.kind === 'file' && exporter.openContent) importItem.content = (from) => exporter.openContent!(item, from);
    return importItem;
  });
}

/** Moves everything the exporter gives into the importer, `concurrency` batches at a time within a page. */
export async function moveFiles(exporter: Exporter, importer: Importer, batchSize: number, concurrency = 2): Promise<Moved> {
  const started = performance.now();
  const containerIds = new Map<string, string>();
  const done = new Map<string, string>();
  const results: ImportResult[] = [];
  const all: ExportedItem<FileEntry>[] = [];
  let cursor: string | undefined;
  do {
    const page = await exporter.exportPage(cursor);
    for (const container of page.containers) containerIds.set(container.key, await importer.ensureContainer(container));
    const items = page.items as ExportedItem<FileEntry>[];
    all.push(...items);
    const batches: ExportedItem<FileEntry>[][] = [];
    for (let i = 0; i < items.length; i += batchSize) batches.push(items.slice(i, i + batchSize));
    const work = async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        const answers = await importer.importBatch(importItemsOf(exporter, batch, containerIds, done));
        for (const answer of answers) if (answer.ok) done.set(answer.key, answer.destinationId);
        results.push(...answers);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, work));
    cursor = page.next;
  } while (cursor !== undefined);
  const bytes = all.reduce((sum, item) => sum + (item.data.kind === 'file' ? item.data.sizeBytes : 0), 0);
  return { results, items: all, containerIds, bytes, seconds: (performance.now() - started) / 1000 };
}
