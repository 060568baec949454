/**
 * Moves what an archive exporter (Takeout, Instagram, Facebook) reads from chosen zip files into a destination
 * importer, as the engine does: containers first, items in the importer's batches, bytes streamed from the zip.
 */
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import type { AdapterContext, Exporter, ImportResult, Importer } from '../../model/adapter';
import { exportAll } from './export-all';

/** The chosen files as the browser hands them: Files, read by slice. */
export async function chosenFiles(paths: readonly string[]): Promise<File[]> {
  return Promise.all(paths.map(async (path) => new File([await openAsBlob(path)], basename(path))));
}

export function archiveContext(sources: readonly Blob[], account = 'sample-export'): AdapterContext {
  return {
    account,
    url: (real) => real,
    fetch: () => Promise.reject(new Error('an archive source makes no requests')),
    localFiles: { sources },
  };
}

export const exportEverything = exportAll;

const destinationOf = (result: ImportResult | undefined): string | undefined => (result?.ok ? result.destinationId : undefined);

/** Parents are imported in an earlier batch than their children, as the engine holds a child until its parent is done. */
export async function transfer(exporter: Exporter, importer: Importer, batchSize: number) {
  const { containers, items } = await exportEverything(exporter);
  const containerIds = new Map<string, string>();
  for (const container of containers) containerIds.set(container.key, await importer.ensureContainer(container));
  const results = new Map<string, ImportResult>();
  const pending = [...items];
  while (pending.length) {
    const ready = pending.filter((item) => !item.parentKey || results.has(item.parentKey) || !items.some((i) => i.key === item.parentKey)).slice(0, batchSize);
    if (!ready.length) throw new Error('An item names a parent that never arrives');
    for (const item of ready) pending.splice(pending.indexOf(item), 1);
    const batch = ready.map((item) => ({
      key: item.key,
      dataType: item.dataType,
      title: item.title,
      data: item.data,
      containerId: containerIds.get(item.containerKey ?? '') ?? '',
      ...(item.parentKey && { parentId: destinationOf(results.get(item.parentKey)) }),
      content: exporter.openContent ? (from?: number) => exporter.openContent!(item, from) : undefined,
    }));
    for (const result of await importer.importBatch(batch)) results.set(result.key, result);
  }
  return { containers, items, results };
}
