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
  /** `maxAgeMs`: a view built that recently will do, while the job's status is unchanged (see Engine.view). */
  view(jobId: string, maxAgeMs?: number): Maybe<JobView | undefined>;
  list(maxAgeMs?: number): Maybe<JobView[]>;
  /** The provider was connected again: jobs waiting for it carry on. */
  reconnected(provider: ProviderId): Maybe<unknown>;
  /** IndexedDB time and transactions since the worker started. */
  metrics(): Maybe<EngineMetrics>;
}

/**
 * How old a polled view may be: pages poll every 500 ms and hear of changes every 250 ms, and a progress bar a
 * second behind is still true enough; a status change is always shown at once.
 */
export const POLL_VIEW_AGE_MS = 1000;

/** A transfer that is over: its tokens may go. Everything else may still need them. */
export const isFinished = (job: JobView): boolean => job.status === 'done' || job.status === 'cancelled';

export const usesProvider = (job: JobView, provider: ProviderId): boolean =>
  job.source.provider === provider || job.destination.provider === provider;
