import type { ProviderId } from '../../model/adapter';
import type { DataTypeProgress, JobStatus, JobView } from '../background/messages';

const UNFINISHED: ReadonlySet<JobStatus> = new Set<JobStatus>(['running', 'paused', 'needs-reconnect']);

export function isUnfinished(status: JobStatus): boolean {
  return UNFINISHED.has(status);
}

export function newestUnfinished(jobs: JobView[]): JobView | undefined {
  return jobs.filter((job) => isUnfinished(job.status)).sort((a, b) => b.createdAt - a.createdAt)[0];
}

export function itemsHandled(progress: DataTypeProgress): number {
  return progress.moved + progress.failed + progress.skipped;
}

export function jobStatusText(job: JobView, providerName: (id: ProviderId) => string): string {
  switch (job.status) {
    case 'running':
      return job.statusMessage ? `Running. ${job.statusMessage}` : 'Running';
    case 'paused':
      return 'Paused';
    case 'needs-reconnect':
      return job.reconnectProvider
        ? `Waiting for you to reconnect ${providerName(job.reconnectProvider)}`
        : 'Waiting for you to reconnect';
    case 'done':
      return 'Done';
    case 'cancelled':
      return 'Cancelled';
    case 'failed':
      return `Failed: ${job.statusMessage ?? 'Ferry stopped without saying why. Start the transfer again.'}`;
  }
}
