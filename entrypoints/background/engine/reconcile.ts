/**
 * After a crash, items marked in flight may or may not exist at the destination: ask the importer to look
 * each one up by its stable key; found → done, not found → imported again (invariant 2).
 */
import { callAdapter } from './adapter-call';
import { resolveImportItems } from './import-items';
import { completeItem, recordProblem, requeueItem } from './item-records';
import { assertAlive, isStopping, type DataTypeRun } from './run-context';

export async function reconcileInFlight(ctx: DataTypeRun): Promise<void> {
  const { db, job, dataType } = ctx;
  const inFlight = await db.items.where('[jobId+dataType+state]').equals([job.id, dataType, 'in-flight']).toArray();
  for (let i = 0; i < inFlight.length; i += ctx.batchSize) {
    const records = inFlight.slice(i, i + ctx.batchSize);
    const { items, unresolved } = await resolveImportItems(db, records, ctx.exporter);
    const found = items.length
      ? await callAdapter(ctx.destination.descriptor, ctx.destination.pacer, () => ctx.importer.lookup(items), () => isStopping(ctx))
      : new Map<string, string>();
    assertAlive(ctx);
    await db.transaction('rw', [db.items, db.failures], async () => {
      for (const { record, reason } of unresolved) await recordProblem(ctx, record, { kind: 'failed', message: reason, retryable: false });
      for (const record of records.filter((r) => items.some((item) => item.key === r.key))) {
        const destinationId = found.get(record.key);
        if (destinationId !== undefined) await completeItem(ctx, record, destinationId);
        else await requeueItem(ctx, record);
      }
    });
  }
  if (inFlight.length) ctx.changed();
  await ctx.checkpoint('after-reconcile');
}
