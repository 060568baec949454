/**
 * State changes of one item, made inside the caller's transaction so that an item's state, its failure row,
 * its waiting children and the byte count always change together.
 */
import { AdapterError, type LostField } from '../../../model/adapter';
import { lostFields, modelFieldPaths } from './fidelity';
import type { DataTypeRun } from './run-context';
import type { ItemRecord, ProblemKind } from './store';

/** Attempts an item gets (the first and two automatic retries) before it is reported as failed. */
export const MAX_ATTEMPTS = 3;
/**
 * A "slow down" answer (429/503) is the provider's load, not the item's fault: the pacer already waits as the
 * provider says, so it costs no attempt — only this much larger bound keeps a provider that never recovers
 * from holding the job forever.
 */
export const MAX_THROTTLED = 30;

export interface Completion {
  record: ItemRecord;
  destinationId: string;
  /** Fields the importer says it could not keep. */
  reported?: readonly LostField[];
}

export function completeItem(ctx: DataTypeRun, record: ItemRecord, destinationId: string, reported: readonly LostField[] = []): Promise<void> {
  return completeItems(ctx, [{ record, destinationId, reported }]);
}

/** Marks items done with a handful of bulk requests, whatever their number (a batch's results at once). */
export async function completeItems(ctx: DataTypeRun, completions: readonly Completion[]): Promise<void> {
  if (completions.length === 0) return;
  const now = ctx.now();
  const paths = modelFieldPaths(completions[0]!.record.dataType);
  for (const { record, destinationId, reported = [] } of completions) {
    const lost = lostFields(record.data, paths, ctx.keptFields, reported, ctx.destination.descriptor.name);
    Object.assign(record, { state: 'done', destinationId, data: undefined, orphan: undefined, updatedAt: now });
    record.lost = lost.length ? lost : undefined;
    record.lossFlag = lost.length ? 1 : undefined;
  }
  const keys = completions.map(({ record }): [string, string] => [record.jobId, record.key]);
  await ctx.db.items.bulkPut(completions.map(({ record }) => record));
  await ctx.db.failures.bulkDelete(keys);
  await ctx.db.items
    .where('[jobId+parentKey]')
    .anyOf(keys)
    .filter((child) => child.state === 'waiting')
    .modify({ state: 'pending', updatedAt: now });
}

export interface Problem {
  kind: ProblemKind;
  message: string;
  retryable: boolean;
  error?: unknown;
}

export async function recordProblem(ctx: DataTypeRun, record: ItemRecord, problem: Problem): Promise<void> {
  Object.assign(record, { state: problem.kind, updatedAt: ctx.now() });
  await ctx.db.items.put(record);
  const details = problem.error instanceof AdapterError ? problem.error.details : {};
  await ctx.db.failures.put({
    jobId: record.jobId,
    key: record.key,
    dataType: record.dataType,
    title: record.title,
    kind: problem.kind,
    status: details.status,
    providerMessage: details.providerMessage,
    providerCode: details.providerCode,
    message: problem.message,
    errorClass: problem.error instanceof AdapterError ? problem.error.errorClass : 'error',
    retryable: problem.retryable,
    at: ctx.now(),
  });
}

/** The item goes back to be imported again (a retry, a fatal stop, or nothing found by lookup). */
export async function requeueItem(ctx: DataTypeRun, record: ItemRecord): Promise<void> {
  Object.assign(record, { state: 'pending', updatedAt: ctx.now() });
  await ctx.db.items.put(record);
}
