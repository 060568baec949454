/** What the steps of one job's run share: the store, both sides' adapters and pacers, and the stop signals. */
import type { AdapterContext, DataType, Exporter, Importer, ProviderDescriptor } from '../../../model/adapter';
import type { Checkpoint } from './checkpoints';
import type { JobStop } from './job-stop';
import type { Pacer } from './pacer';
import type { PersonWait } from './person-wait';
import type { RateTracker } from './rate';
import type { FerryDb, JobRecord } from './store';

/** The live state of a job running in this process. */
export interface JobRun {
  readonly jobId: string;
  /** Paused, cancelled, forgotten, or failed items requeued (restart): finish the batches in flight, start nothing new. */
  stopRequested?: 'pause' | 'cancel' | 'forget' | 'restart';
  /** A fatal error stopped the job; applied once the batches in flight are recorded. */
  fatal?: JobStop;
  /** The run crashed (a simulated crash or a failing store): nothing more may be written. */
  halted?: unknown;
}

export interface Side {
  descriptor: ProviderDescriptor;
  pacer: Pacer;
}

export interface DataTypeRun {
  db: FerryDb;
  job: JobRecord;
  dataType: DataType;
  source: Side;
  destination: Side;
  exporter: Exporter;
  importer: Importer;
  /** The exporter opened a page for the person and waits for their choice. */
  personWait: PersonWait;
  batchSize: number;
  /** Field paths the destination declares it keeps. */
  keptFields: readonly string[];
  run: JobRun;
  rates: RateTracker;
  now(): number;
  changed(): void;
  checkpoint(point: Checkpoint): Promise<void>;
}

export const isStopping = (ctx: DataTypeRun): boolean =>
  ctx.run.stopRequested !== undefined || ctx.run.fatal !== undefined || ctx.run.halted !== undefined;

/** Throws when the run crashed: a killed worker writes nothing more. */
export function assertAlive(ctx: DataTypeRun): void {
  if (ctx.run.halted !== undefined) throw ctx.run.halted;
}

/** What the Engine hands each run: the store and everything that reaches outside it. */
export interface EngineEnv {
  db: FerryDb;
  provider(id: string): ProviderDescriptor;
  /** With a data type that declares limits of its own, requests are paced by that data type's pacer. */
  adapterContext(provider: string, account: string, dataType?: DataType, jobId?: string): AdapterContext;
  pacer(provider: string, dataType?: DataType): Pacer;
  rates: RateTracker;
  now(): number;
  changed(jobId: string): void;
  checkpoint(point: Checkpoint): Promise<void>;
}
