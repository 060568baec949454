/**
 * One pass over one data type of a job: reconcile what was in flight, then import ready items in batches
 * (up to the destination's concurrency) and fetch export pages when ready items run short, until the export
 * is complete and every item is settled, or the job is asked to stop.
 */
import { exportNextPage } from './export-step';
import { JobStop } from './job-stop';
import { claimBatches, importClaimed } from './import-step';
import { settleOrphans } from './orphans';
import { reconcileInFlight } from './reconcile';
import { isStopping, type DataTypeRun } from './run-context';

/** 'complete' when every item of the data type is settled; 'stopped' when a stop or fatal error ended the pass. */
export async function runDataType(ctx: DataTypeRun): Promise<'complete' | 'stopped'> {
  ctx.rates.begin(ctx.job.id, ctx.dataType, ctx.now());
  await reconcileInFlight(ctx);
  const inFlight = new Set<Promise<void>>();
  const launch = (work: Promise<void>) => {
    const tracked = work
      .catch((error: unknown) => {
        ctx.run.halted ??= error;
      })
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  try {
    // Only this pass writes the data type's cursor: read once, then known from each page recorded.
    let exportDone = (await ctx.db.cursors.get([ctx.job.id, ctx.dataType]))?.exportDone ?? true;
    while (!isStopping(ctx)) {
      // The pacer holds the data type's own ceiling where it has one, lowered while the destination pushes back.
      const concurrency = ctx.destination.pacer.concurrency;
      // While pages remain, wait for full batches rather than sending half-empty ones.
      const batches = await claimBatches(ctx, exportDone ? 1 : ctx.batchSize, concurrency - inFlight.size);
      for (const batch of batches) launch(importClaimed(ctx, batch));
      const claimed = batches.length > 0;
      if (isStopping(ctx)) break;
      if (!exportDone && inFlight.size < concurrency) {
        exportDone = await exportNextPage(ctx);
        continue;
      }
      if (inFlight.size > 0) {
        await Promise.race(inFlight);
        continue;
      }
      if (claimed) continue;
      if ((await settleOrphans(ctx)) === 0) return 'complete';
    }
    return 'stopped';
  } catch (error) {
    if (error instanceof JobStop) ctx.run.fatal ??= error;
    else ctx.run.halted ??= error;
    return 'stopped';
  } finally {
    await Promise.all(inFlight);
    if (ctx.run.halted !== undefined) throw ctx.run.halted;
  }
}
