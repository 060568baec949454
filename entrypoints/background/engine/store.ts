/**
 * Everything the engine must remember across a killed worker, in IndexedDB: jobs, export cursors, the
 * container map, every item's state and the failures. Never tokens: those live in storage.session (design.md).
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { DataType, ErrorClass, ItemData, LostField, ProviderId, UploadCheckpoint } from '../../../model/adapter';
import type { JobStatus } from '../messages';
import { TransactionMetrics, transactionTimer } from './metrics';

export interface JobRecord {
  id: string;
  status: JobStatus;
  source: { provider: ProviderId; account: string };
  destination: { provider: ProviderId; account: string };
  dataTypes: DataType[];
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
  statusMessage?: string;
  reconnectProvider?: ProviderId;
  /** The one file a destination that writes files made of the job (the archive's zip), once written. */
  output?: { name: string; bytes: number };
}

/** The export position of one data type of a job, with totals kept in step with the items it recorded. */
export interface CursorRecord {
  jobId: string;
  dataType: DataType;
  /** The exporter's cursor for the next page; undefined before the first page. */
  cursor?: string;
  exportDone: boolean;
  /** Items recorded so far. */
  total: number;
  totalBytes: number;
  bytesMoved: number;
}

export interface ContainerRecord {
  jobId: string;
  key: string;
  dataType: DataType;
  name: string;
  destinationId: string;
}

/**
 * waiting: its parent (parentKey) is not done yet. pending: ready to import. in-flight: handed to the importer,
 * answer not recorded yet (reconciled by lookup on resume). done, failed, skipped: final until retried.
 */
export type ItemState = 'waiting' | 'pending' | 'in-flight' | 'done' | 'failed' | 'skipped';

export interface ItemRecord {
  jobId: string;
  key: string;
  dataType: DataType;
  state: ItemState;
  containerKey?: string;
  parentKey?: string;
  /** Import without the parent: it never arrived from the source. */
  orphan?: boolean;
  title: string;
  bytes?: number;
  /** The model item; dropped once done. */
  data?: ItemData;
  destinationId?: string;
  attempts: number;
  /** Times the destination answered this item "slow down" (429/503); counted apart from attempts. */
  throttled?: number;
  lost?: LostField[];
  /** 1 when `lost` is not empty (IndexedDB indexes no booleans; absent keeps the item out of the index). */
  lossFlag?: 1;
  updatedAt: number;
}

export type ProblemKind = 'failed' | 'skipped';

/** The latest problem of an item that is failed or skipped (removed when the item is retried and moves). */
export interface FailureRecord {
  jobId: string;
  key: string;
  dataType: DataType;
  title: string;
  kind: ProblemKind;
  status?: number;
  providerMessage?: string;
  providerCode?: string;
  message: string;
  /** 'error' when the failure was not classified by an adapter (an unexpected exception). */
  errorClass: ErrorClass | 'error';
  retryable: boolean;
  at: number;
}

/** The upload in progress of an item in flight (upload-checkpoints.ts), removed once the item is at the destination. */
export interface UploadRecord extends UploadCheckpoint {
  jobId: string;
  key: string;
}

/** Each version's schema, oldest first; a new version is appended with its own upgrade, never edited in place. */
const MIGRATIONS: { stores: Record<string, string>; upgrade?: (tx: Transaction) => Promise<void> }[] = [
  {
    stores: {
      jobs: 'id, status',
      cursors: '[jobId+dataType], jobId',
      containers: '[jobId+key], jobId',
      items: '[jobId+key], jobId, [jobId+dataType+state], [jobId+state], [jobId+parentKey], [jobId+lossFlag]',
      failures: '[jobId+key], jobId, [jobId+kind]',
    },
  },
  {
    // Finds the item that already arrived as a destination item, when the destination keeps one per identity.
    stores: {
      items: '[jobId+key], jobId, [jobId+dataType+state], [jobId+state], [jobId+parentKey], [jobId+lossFlag], [jobId+destinationId]',
    },
  },
  { stores: { uploads: '[jobId+key], jobId' } },
];

export class FerryDb extends Dexie {
  jobs!: Table<JobRecord, string>;
  cursors!: Table<CursorRecord, [string, DataType]>;
  containers!: Table<ContainerRecord, [string, string]>;
  items!: Table<ItemRecord, [string, string]>;
  failures!: Table<FailureRecord, [string, string]>;
  uploads!: Table<UploadRecord, [string, string]>;
  /** Time and count of this database's transactions since it was made. */
  readonly metrics = new TransactionMetrics();

  constructor(name: string) {
    super(name);
    this.use(transactionTimer(this.metrics));
    MIGRATIONS.forEach((migration, index) => {
      const version = this.version(index + 1).stores(migration.stores);
      if (migration.upgrade) version.upgrade(migration.upgrade);
    });
  }
}

export function openFerryDb(name = 'ferry'): FerryDb {
  return new FerryDb(name);
}

/** Removes every record of a job. */
export async function deleteJobRecords(db: FerryDb, jobId: string): Promise<void> {
  await db.transaction('rw', [db.jobs, db.cursors, db.containers, db.items, db.failures, db.uploads], async () => {
    await db.uploads.where('jobId').equals(jobId).delete();
    await db.items.where('jobId').equals(jobId).delete();
    await db.failures.where('jobId').equals(jobId).delete();
    await db.containers.where('jobId').equals(jobId).delete();
    await db.cursors.where('jobId').equals(jobId).delete();
    await db.jobs.delete(jobId);
  });
}
