/**
 * One export page: fetch it from the saved cursor, make sure its containers exist at the destination, then
 * record the container map, the page's items and the next cursor in one transaction (invariant 1).
 */
import type { Container, ExportedItem } from '../../../model/adapter';
import { callAdapter } from './adapter-call';
import { personAnswered } from './person-wait';
import { assertAlive, isStopping, type DataTypeRun } from './run-context';
import type { ContainerRecord, ItemRecord } from './store';

/** Exports and records the next page; true when the export is complete (with this page, or before it). */
export async function exportNextPage(ctx: DataTypeRun): Promise<boolean> {
  assertAlive(ctx);
  const { db, job, dataType } = ctx;
  const cursor = await db.cursors.get([job.id, dataType]);
  if (!cursor || cursor.exportDone) return true;
  const page = await callAdapter(ctx.source.descriptor, ctx.source.pacer, () => ctx.exporter.exportPage(cursor.cursor), () => isStopping(ctx));
  await ctx.checkpoint('after-page-fetched');
  const containers = await ensureContainers(ctx, page.containers);
  await ctx.checkpoint('after-containers-ensured');
  assertAlive(ctx);
  await db.transaction('rw', [db.cursors, db.containers, db.items], async () => {
    await db.containers.bulkPut(containers);
    const added = await addNewItems(ctx, page.items);
    // Read again: batches finishing meanwhile have added to bytesMoved.
    const current = (await db.cursors.get([job.id, dataType])) ?? cursor;
    await db.cursors.put({
      ...current,
      cursor: page.next,
      exportDone: page.next === undefined,
      total: current.total + added.length,
      totalBytes: current.totalBytes + added.reduce((sum, item) => sum + (item.bytes ?? 0), 0),
    });
  });
  await ctx.checkpoint('after-page-recorded');
  await personAnswered(ctx.personWait, db, job.id, ctx.now());
  ctx.changed();
  return page.next === undefined;
}

/** Destination ids of the page's containers not mapped yet (ensureContainer is idempotent, so a rerun finds them). */
async function ensureContainers(ctx: DataTypeRun, containers: Container[]): Promise<ContainerRecord[]> {
  if (containers.length === 0) return [];
  const mapped = await ctx.db.containers.bulkGet(containers.map((c) => [ctx.job.id, c.key]));
  const ensured: ContainerRecord[] = [];
  for (const [i, container] of containers.entries()) {
    if (mapped[i]) continue;
    const destinationId = await callAdapter(
      ctx.destination.descriptor,
      ctx.destination.pacer,
      () => ctx.importer.ensureContainer(container),
      () => isStopping(ctx),
    );
    ensured.push({ jobId: ctx.job.id, key: container.key, dataType: container.dataType, name: container.name, destinationId });
  }
  return ensured;
}

/**
 * Stores the page's items not seen before (an exporter may repeat an item across pages; its recorded state
 * wins). An item whose parent is not done yet waits for it.
 */
async function addNewItems(ctx: DataTypeRun, exported: ExportedItem[]): Promise<ItemRecord[]> {
  const { db, job } = ctx;
  const unique = [...new Map(exported.map((item) => [item.key, item])).values()];
  const existing = await db.items.bulkGet(unique.map((item) => [job.id, item.key]));
  const fresh = unique.filter((_, i) => !existing[i]);
  // Most items have no parent: only those that do cost a lookup.
  const parentKeys = [...new Set(fresh.flatMap((item) => (item.parentKey ? [item.parentKey] : [])))];
  const parents = await db.items.bulkGet(parentKeys.map((key) => [job.id, key]));
  const parentDone = new Set(parentKeys.filter((_, i) => parents[i]?.state === 'done'));
  const records = fresh.map((item): ItemRecord => ({
    jobId: job.id,
    key: item.key,
    dataType: item.dataType,
    state: item.parentKey && !parentDone.has(item.parentKey) ? 'waiting' : 'pending',
    containerKey: item.containerKey,
    parentKey: item.parentKey,
    title: item.title,
    bytes: item.bytes,
    data: item.data,
    attempts: 0,
    updatedAt: ctx.now(),
  }));
  await db.items.bulkAdd(records);
  return records;
}
