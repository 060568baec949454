/**
 * Import batches: claim ready items for every free slot and mark them in flight (one transaction) before the
 * remote creates, import each batch, then record all its results (one transaction). Per-item outcomes follow
 * the error classes.
 */
import { AdapterError, type ImportItem, type LostField } from '../../../model/adapter';
import { resolveImportItems } from './import-items';
import { completeItems, MAX_ATTEMPTS, MAX_THROTTLED, recordProblem, requeueItem, type Completion } from './item-records';
import { stopForFatal } from './job-stop';
import type { PaceOutcome } from './pacer';
import { assertAlive, type DataTypeRun } from './run-context';
import type { ItemRecord } from './store';

export interface ClaimedBatch {
  records: ItemRecord[];
  items: ImportItem[];
}

type Outcome =
  | { key: string; ok: true; destinationId: string; lost?: LostField[]; found?: { field: string; why: string } }
  | { key: string; ok: false; error: unknown };

/**
 * Claims up to `count` batches of up to batchSize pending items each (a batch of fewer than `minSize` is left
 * for later), marking them in flight, all in one transaction.
 */
export async function claimBatches(ctx: DataTypeRun, minSize: number, count: number): Promise<ClaimedBatch[]> {
  assertAlive(ctx);
  if (count <= 0) return [];
  const { db, job, dataType } = ctx;
  return db.transaction('rw', [db.items, db.containers, db.failures], async () => {
    const pending = await db.items
      .where('[jobId+dataType+state]')
      .equals([job.id, dataType, 'pending'])
      .limit(ctx.batchSize * count)
      .toArray();
    const batches: ClaimedBatch[] = [];
    for (let at = 0; at < pending.length; at += ctx.batchSize) {
      const records = pending.slice(at, at + ctx.batchSize);
      if (records.length < Math.max(1, minSize)) break;
      const { items, unresolved } = await resolveImportItems(db, records, ctx.exporter);
      for (const { record, reason } of unresolved) await recordProblem(ctx, record, { kind: 'failed', message: reason, retryable: false });
      const keys = new Set(items.map((i) => i.key));
      const claimed = records.filter((r) => keys.has(r.key));
      for (const record of claimed) Object.assign(record, { state: 'in-flight', updatedAt: ctx.now() });
      batches.push({ records: claimed, items });
    }
    await db.items.bulkPut(batches.flatMap((batch) => batch.records));
    return batches;
  });
}

export async function importClaimed(ctx: DataTypeRun, batch: ClaimedBatch): Promise<void> {
  if (batch.items.length === 0) return;
  await ctx.checkpoint('before-create');
  const outcomes = await importOrExplain(ctx, batch.items);
  await ctx.checkpoint('after-create-before-record');
  await recordOutcomes(ctx, batch.records, outcomes);
  await ctx.checkpoint('after-results-recorded');
}

async function importOrExplain(ctx: DataTypeRun, items: ImportItem[]): Promise<Outcome[]> {
  try {
    return await ctx.importer.importBatch(items);
  } catch (error) {
    const wholeBatch = error instanceof AdapterError && error.errorClass !== 'skip';
    if (wholeBatch || items.length === 1) return items.map((item) => ({ key: item.key, ok: false, error }));
    // One item may have spoiled the batch: import each alone (safe, the importer is idempotent by source key).
    return importOneByOne(ctx, items);
  }
}

async function importOneByOne(ctx: DataTypeRun, items: ImportItem[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const item of items) {
    const fatal = outcomes.find((o) => !o.ok && o.error instanceof AdapterError && o.error.errorClass === 'fatal');
    if (fatal && !fatal.ok) {
      outcomes.push({ key: item.key, ok: false, error: fatal.error });
      continue;
    }
    try {
      const [result] = await ctx.importer.importBatch([item]);
      outcomes.push(result ?? { key: item.key, ok: false, error: noAnswer() });
    } catch (error) {
      outcomes.push({ key: item.key, ok: false, error });
    }
  }
  return outcomes;
}

const noAnswer = () => new AdapterError('The destination gave no answer for this item.', 'retry');

async function recordOutcomes(ctx: DataTypeRun, records: ItemRecord[], outcomes: Outcome[]): Promise<void> {
  assertAlive(ctx);
  const byKey = new Map<string, Outcome>(outcomes.map((o) => [o.key, o]));
  const { db } = ctx;
  let moved = 0;
  let bytes = 0;
  const retries: AdapterError[] = [];
  await db.transaction('rw', [db.items, db.failures, db.cursors], async () => {
    const completions: Completion[] = [];
    for (const record of records) {
      const outcome = byKey.get(record.key) ?? { key: record.key, ok: false, error: noAnswer() };
      if (outcome.ok) {
        const merged = outcome.found ? await mergedInto(ctx, record, outcome.destinationId, outcome.found) : undefined;
        completions.push({ record, destinationId: outcome.destinationId, reported: merged ? [merged, ...(outcome.lost ?? [])] : outcome.lost });
        moved += 1;
        bytes += record.bytes ?? 0;
      } else {
        if (await recordFailure(ctx, record, outcome.error)) retries.push(outcome.error as AdapterError);
      }
    }
    await completeItems(ctx, completions);
    if (bytes > 0) {
      const cursor = await db.cursors.get([ctx.job.id, ctx.dataType]);
      if (cursor) await db.cursors.put({ ...cursor, bytesMoved: cursor.bytesMoved + bytes });
    }
  });
  if (retries.length) ctx.destination.pacer.record(paceOutcomeOf(retries));
  ctx.rates.record(ctx.job.id, ctx.dataType, moved, bytes, ctx.now());
  ctx.changed();
}

/**
 * Two items of the job that share what the destination keeps unique (two copies of one message) arrive as one
 * destination item: the later one says so in the report instead of vanishing into the first.
 */
async function mergedInto(ctx: DataTypeRun, record: ItemRecord, destinationId: string, found: { field: string; why: string }): Promise<LostField | undefined> {
  const done = await ctx.db.items
    .where('[jobId+destinationId]')
    .equals([record.jobId, destinationId])
    .filter((other) => other.key !== record.key && other.state === 'done')
    .first();
  // The item that made it may still be in flight in a batch running beside this one: it shares the field.
  const value = fieldOf(record, found.field);
  const first =
    done ??
    (value === undefined
      ? undefined
      : await ctx.db.items
          .where('[jobId+dataType+state]')
          .equals([record.jobId, record.dataType, 'in-flight'])
          .filter((other) => other.key !== record.key && fieldOf(other, found.field) === value)
          .first());
  if (!first) return undefined;
  return { field: found.field, reason: `It arrived as one with "${first.title}": ${found.why}` };
}

function fieldOf(record: ItemRecord, field: string): unknown {
  const data = record.data as Record<string, unknown> | undefined;
  return data?.[field] || undefined;
}

/** The destination asked for patience: slow down as the slowest answer says (a 429 also lowers concurrency). */
function paceOutcomeOf(retries: AdapterError[]): PaceOutcome {
  const waits = retries.map((e) => e.details.retryAfterMs).filter((ms): ms is number => ms !== undefined);
  const throttled = retries.some((e) => e.details.status === 429 || e.details.status === 503);
  return { kind: throttled ? 'throttled' : 'failed', retryAfterMs: waits.length ? Math.max(...waits) : undefined };
}

/** Records a failed item; true when it goes back to be retried. */
async function recordFailure(ctx: DataTypeRun, record: ItemRecord, error: unknown): Promise<boolean> {
  const orphanNote = record.orphan ? ' What it belongs to was not found at the source.' : '';
  if (!(error instanceof AdapterError)) {
    record.attempts += 1;
    const message = error instanceof Error ? error.message : String(error);
    await recordProblem(ctx, record, { kind: 'failed', message: `${message}${orphanNote}`, retryable: true, error });
    return false;
  }
  if (error.errorClass === 'fatal') {
    ctx.run.fatal ??= stopForFatal(error, ctx.destination.descriptor);
    await requeueItem(ctx, record);
    return false;
  }
  if (error.errorClass === 'skip') {
    await recordProblem(ctx, record, { kind: 'skipped', message: `${error.message}${orphanNote}`, retryable: false, error });
    return false;
  }
  const throttled = error.details.status === 429 || error.details.status === 503;
  if (throttled) record.throttled = (record.throttled ?? 0) + 1;
  else record.attempts += 1;
  if (record.attempts < MAX_ATTEMPTS && (record.throttled ?? 0) < MAX_THROTTLED) {
    await requeueItem(ctx, record);
    return true;
  }
  const message = throttled ? `Still asked to slow down after ${MAX_THROTTLED} tries: ${error.message}` : `Tried ${MAX_ATTEMPTS} times: ${error.message}`;
  await recordProblem(ctx, record, { kind: 'failed', message, retryable: true, error });
  return true;
}
