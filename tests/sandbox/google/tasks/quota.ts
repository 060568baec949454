/**
 * The Tasks API's per-user request limits as the sandbox enforces them: a token bucket (a burst, then a
 * steady rate) answered with 429 rateLimitExceeded and a Retry-After of when the next request fits, and the
 * daily courtesy limit of 50,000 queries (https://developers.google.com/workspace/tasks/limits) answered
 * with 403 dailyLimitExceeded until the day is over.
 */
import { GoogleApiError } from '../errors';

export interface TasksQuota {
  perSecond: number;
  burst: number;
  perDay: number;
}

export const DEFAULT_TASKS_QUOTA: TasksQuota = { perSecond: 10, burst: 20, perDay: 50_000 };

/** Env FERRY_SANDBOX_GOOGLE_TASKS_RATE_LIMIT: `off`, or `<per second>,<burst>,<per day>`; unset: the default. */
export function tasksQuotaFromEnv(value: string | undefined): TasksQuota | null {
  if (value === undefined || value === '') return DEFAULT_TASKS_QUOTA;
  if (value === 'off') return null;
  const [perSecond, burst, perDay] = value.split(',').map(Number);
  if (![perSecond, burst, perDay].every((n) => Number.isFinite(n) && (n as number) > 0)) {
    throw new Error(`FERRY_SANDBOX_GOOGLE_TASKS_RATE_LIMIT must be "off" or "<per second>,<burst>,<per day>", not "${value}"`);
  }
  return { perSecond: perSecond!, burst: burst!, perDay: perDay! };
}

const DAY_MS = 86_400_000;

export class TasksRateLimiter {
  private tokens: number;
  private refilledAt: number;
  private day = -1;
  private today = 0;

  constructor(
    private readonly quota: TasksQuota,
    private readonly now: () => number,
  ) {
    this.tokens = quota.burst;
    this.refilledAt = now();
  }

  /** Counts one request; throws Google's answer when it is over a limit. */
  take(): void {
    const now = this.now();
    const day = Math.floor(now / DAY_MS);
    if (day !== this.day) [this.day, this.today] = [day, 0];
    if (this.today >= this.quota.perDay) {
      throw new GoogleApiError(403, [{ domain: 'usageLimits', reason: 'dailyLimitExceeded', message: 'Daily Limit Exceeded' }]);
    }
    this.tokens = Math.min(this.quota.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.quota.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) {
      const seconds = Math.max(1, Math.ceil((1 - this.tokens) / this.quota.perSecond));
      throw new GoogleApiError(429, [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }], { 'retry-after': String(seconds) });
    }
    this.tokens -= 1;
    this.today += 1;
  }

  reset(): void {
    this.tokens = this.quota.burst;
    this.refilledAt = this.now();
    this.day = -1;
    this.today = 0;
  }
}
