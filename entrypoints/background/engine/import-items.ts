/** Turns stored items into what the importer takes: container and parent resolved to destination ids. */
import type { ImportItem } from '../../../model/adapter';
import type { FerryDb, ItemRecord } from './store';

export interface ResolvedItems {
  items: ImportItem[];
  /** Items that cannot be imported, with the reason. */
  unresolved: { record: ItemRecord; reason: string }[];
}

/** Must run inside a transaction over items and containers when the caller also changes them. */
export async function resolveImportItems(db: FerryDb, records: ItemRecord[]): Promise<ResolvedItems> {
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
    resolved.items.push({
      key: record.key,
      dataType: record.dataType,
      title: record.title,
      data: record.data,
      containerId: container?.destinationId ?? '',
      parentId: parent?.state === 'done' ? parent.destinationId : undefined,
    });
  });
  return resolved;
}
