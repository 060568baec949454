/**
 * The People API's per-user quotas: "Critical read requests (Contact and Profile Reads) per minute per user"
 * and "Critical write requests (Contact Writes) per minute per user", 90 each by default in the Cloud console.
 * Past either, Google answers 429 RESOURCE_EXHAUSTED naming the quota in an ErrorInfo; the sandbox adds
 * Retry-After with the seconds until the oldest request leaves the minute. Mutations for one user must come
 * one after another; one that arrives while another is in progress is refused with 409 ABORTED.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PeopleError, aborted } from './errors';

export interface PeopleQuotaOptions {
  readsPerMinute: number;
  writesPerMinute: number;
}

export const DEFAULT_PEOPLE_QUOTA: PeopleQuotaOptions = { readsPerMinute: 90, writesPerMinute: 90 };

const QUOTAS = {
  read: { metric: 'critical_read_requests', label: 'Critical read requests (Contact and Profile Reads)', limit: 'CriticalReadsPerMinutePerProjectPerUser' },
  write: { metric: 'critical_write_requests', label: 'Critical write requests (Contact Writes)', limit: 'CriticalWritesPerMinutePerProjectPerUser' },
} as const;

export class PeopleQuota {
  private readonly seen = { read: [] as number[], write: [] as number[] };
  private mutating = false;

  constructor(
    private readonly options: PeopleQuotaOptions | null,
    private readonly now: () => number,
    private readonly mutationMs: number,
  ) {}

  take(kind: 'read' | 'write'): void {
    if (!this.options) return;
    const now = this.now();
    const list = this.seen[kind];
    while (list.length && list[0]! <= now - 60_000) list.shift();
    const limit = kind === 'read' ? this.options.readsPerMinute : this.options.writesPerMinute;
    if (list.length >= limit) {
      const q = QUOTAS[kind];
      const retryAfter = Math.max(1, Math.ceil((list[0]! + 60_000 - now) / 1000));
      const message = `Quota exceeded for quota metric '${q.label}' and limit '${q.label} per minute per user' of service 'people.googleapis.com' for consumer 'project_number:ferry-sandbox'.`;
      const info = {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'RATE_LIMIT_EXCEEDED',
        domain: 'googleapis.com',
        metadata: { quota_limit: q.limit, quota_metric: `people.googleapis.com/${q.metric}`, service: 'people.googleapis.com' },
      };
      throw new PeopleError(429, message, [info], { 'retry-after': String(retryAfter) });
    }
    list.push(now);
  }

  /** Runs a mutation holding the user's mutation slot for its service time. */
  async mutate<T>(run: () => T | Promise<T>): Promise<T> {
    if (this.mutating) throw aborted();
    this.mutating = true;
    try {
      const result = await run();
      await sleep(this.mutationMs);
      return result;
    } finally {
      this.mutating = false;
    }
  }

  reset(): void {
    this.seen.read.length = 0;
    this.seen.write.length = 0;
    this.mutating = false;
  }
}
