/** The JobView the pages show, read from the store (and the in-memory rate). */
import type { DataType } from '../../../model/adapter';
import type { DataTypeProgress, ItemLoss, ItemProblem, JobView } from '../messages';
import { withProviderMessage } from './job-stop';
import type { RateTracker } from './rate';
import type { FailureRecord, FerryDb, ItemState, JobRecord, ProblemKind } from './store';

/** Longest list of failures, skipped items or losses a view carries; the progress counts give the totals. */
export const LIST_LIMIT = 1_000;

export async function buildJobView(db: FerryDb, job: JobRecord, rates: RateTracker, now: number): Promise<JobView> {
  const [progress, failures, skipped, losses] = await db.transaction('r', [db.cursors, db.items, db.failures], () =>
    Promise.all([
      Promise.all(job.dataTypes.map((dataType) => dataTypeProgress(db, job.id, dataType, rates, now))),
      problems(db, job.id, 'failed'),
      problems(db, job.id, 'skipped'),
      itemLosses(db, job.id),
    ]),
  );
  return {
    id: job.id,
    source: { ...job.source },
    destination: { ...job.destination },
    dataTypes: [...job.dataTypes],
    status: job.status,
    statusMessage: job.statusMessage,
    reconnectProvider: job.reconnectProvider,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    progress,
    failures,
    skipped,
    losses,
    ...(job.output ? { output: { ...job.output } } : {}),
  };
}

async function dataTypeProgress(db: FerryDb, jobId: string, dataType: DataType, rates: RateTracker, now: number): Promise<DataTypeProgress> {
  const cursor = await db.cursors.get([jobId, dataType]);
  const count = (state: ItemState) => db.items.where('[jobId+dataType+state]').equals([jobId, dataType, state]).count();
  const [moved, failed, skipped] = await Promise.all([count('done'), count('failed'), count('skipped')]);
  const total = cursor?.total ?? 0;
  const exportDone = cursor?.exportDone ?? false;
  const { itemsPerSecond, bytesPerSecond } = rates.rate(jobId, dataType, now);
  const left = total - moved - failed - skipped;
  return {
    dataType,
    total,
    exportDone,
    moved,
    failed,
    skipped,
    bytes: cursor?.bytesMoved ?? 0,
    totalBytes: cursor?.totalBytes ?? 0,
    itemsPerSecond,
    bytesPerSecond,
    secondsLeft: exportDone ? secondsLeft(left, itemsPerSecond) : undefined,
  };
}

function secondsLeft(left: number, itemsPerSecond: number): number | undefined {
  if (left <= 0) return 0;
  return itemsPerSecond > 0 ? Math.ceil(left / itemsPerSecond) : undefined;
}

async function problems(db: FerryDb, jobId: string, kind: ProblemKind): Promise<ItemProblem[]> {
  const records = await db.failures.where('[jobId+kind]').equals([jobId, kind]).limit(LIST_LIMIT).toArray();
  return records.map(toProblem);
}

function toProblem(record: FailureRecord): ItemProblem {
  return {
    key: record.key,
    dataType: record.dataType,
    title: record.title,
    status: record.status,
    message: withProviderMessage(record.message, record.providerMessage),
    retryable: record.retryable,
  };
}

async function itemLosses(db: FerryDb, jobId: string): Promise<ItemLoss[]> {
  const items = await db.items.where('[jobId+lossFlag]').equals([jobId, 1]).limit(LIST_LIMIT).toArray();
  return items.map((item) => ({ key: item.key, dataType: item.dataType, title: item.title, fields: item.lost ?? [] }));
}

