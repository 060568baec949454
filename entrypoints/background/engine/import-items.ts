/** Turns stored items into what the importer takes: container and parent resolved to destination ids. */
import type { Exporter, ImportItem } from '../../../model/adapter';
import type { FerryDb, ItemRecord } from './store';
import { reopeningContent } from '../../../adapters/media-stream';
import { uploadProgress } from './upload-checkpoints';

export interface ResolvedItems {
  items: ImportItem[];
  /** Items that cannot be imported, with the reason. */
  unresolved: { record: ItemRecord; reason: string }[];
}

/** Must run inside a transaction over items and containers when the caller also changes them. */
export async function resolveImportItems(db: FerryDb, records: ItemRecord[], source?: Exporter): Promise<ResolvedItems> {
  const containers = await db.containers.bulkGet(records.map((r) => [r.jobId, r.containerKey ?? '']));
  const parents = await db.items.bulkGet(records.map((r) => [r.jobId, r.parentKey ?? '']));
  const resolved: ResolvedItems = { items: [], unresolved: [] };
  records.forEach((record, i) => {
    const container = containers[i];
    if (record.containerKey && !container) {
      resolved.unresolved.push({ record, reason: 'The collection it belongs to was not found at the source.' });
      return;
    }
    if (record.data === undefined) {
      resolved.unresolved.push({ record, reason: 'Its content was not kept; export it again.' });
      return;
    }
    const parent = parents[i];
    const { key, data } = record;
    const item: ImportItem = {
      key,
      dataType: record.dataType,
      title: record.title,
      data,
      containerId: container?.destinationId ?? '',
      parentId: parent?.state === 'done' ? parent.destinationId : undefined,
    };
    // The bytes are read from the source only when the importer asks, straight into its upload; a download
    // that breaks off goes on from where it stopped, and the upload's own progress outlives the worker.
    if (source?.openContent) {
      item.content = (from) => reopeningContent((at) => source.openContent!({ key, data }, at), from ?? 0, record.title);
      item.upload = uploadProgress(db, record.jobId, key);
    }
    resolved.items.push(item);
  });
  return resolved;
}
