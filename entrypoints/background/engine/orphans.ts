/**
 * Items still waiting once the export is complete and nothing else is left: their parent never arrived
 * (import them without it and let the importer accept or refuse) or was not moved (fail them, saying why).
 */
import { recordProblem, requeueItem } from './item-records';
import { assertAlive, type DataTypeRun } from './run-context';
import type { ItemRecord } from './store';

/** Settles waiting items; returns how many changed state (0 when none were waiting). */
export async function settleOrphans(ctx: DataTypeRun): Promise<number> {
  assertAlive(ctx);
  const { db, job, dataType } = ctx;
  return db.transaction('rw', [db.items, db.failures], async () => {
    const waiting = await db.items.where('[jobId+dataType+state]').equals([job.id, dataType, 'waiting']).toArray();
    const parents = await db.items.bulkGet(waiting.map((item) => [job.id, item.parentKey ?? '']));
    let changed = 0;
    for (const [i, item] of waiting.entries()) {
      const parent = parents[i];
      if (parent && ['waiting', 'pending', 'in-flight'].includes(parent.state)) continue;
      await settle(ctx, item, parent);
      changed += 1;
    }
    // Only a cycle of parents can leave every waiting item undecided: break it by importing them without parent.
    if (changed === 0) for (const item of waiting) await releaseWithoutParent(ctx, item);
    return changed || waiting.length;
  });
}

async function settle(ctx: DataTypeRun, item: ItemRecord, parent: ItemRecord | undefined): Promise<void> {
  if (!parent) return releaseWithoutParent(ctx, item);
  if (parent.state === 'done') return requeueItem(ctx, item);
  await recordProblem(ctx, item, {
    kind: 'failed',
    message: `Not moved because “${parent.title}”, which it belongs to, was not moved.`,
    retryable: parent.state === 'failed',
  });
}

async function releaseWithoutParent(ctx: DataTypeRun, item: ItemRecord): Promise<void> {
  item.orphan = true;
  await requeueItem(ctx, item);
}
