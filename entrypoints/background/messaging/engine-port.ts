/** What the message handlers need of the transfer engine (entrypoints/background/engine), and no more. */
import type { DataType, ProviderId } from '../../../model/adapter';
import type { EngineMetrics, JobView } from '../messages';

type Maybe<T> = T | Promise<T>;

export interface StartJob {
  source: ProviderId;
  sourceAccount: string;
  destination: ProviderId;
  destinationAccount: string;
  dataTypes: DataType[];
}

export interface TransferEngine {
  start(job: StartJob): Maybe<JobView>;
  pause(jobId: string): Maybe<JobView>;
  resume(jobId: string): Maybe<JobView>;
  cancel(jobId: string): Maybe<JobView>;
  retryFailed(jobId: string): Maybe<JobView>;
  forget(jobId: string): Maybe<unknown>;
  view(jobId: string): Maybe<JobView | undefined>;
  list(): Maybe<JobView[]>;
  /** The provider was connected again: jobs waiting for it carry on. */
  reconnected(provider: ProviderId): Maybe<unknown>;
  /** IndexedDB time and transactions since the worker started. */
  metrics(): Maybe<EngineMetrics>;
}

/** A transfer that is over: its tokens may go. Everything else may still need them. */
export const isFinished = (job: JobView): boolean => job.status === 'done' || job.status === 'cancelled';

export const usesProvider = (job: JobView, provider: ProviderId): boolean =>
  job.source.provider === provider || job.destination.provider === provider;
