/**
 * Google Calendar's per-user request limits. Bursts beyond the token bucket get 429 rateLimitExceeded;
 * a client that keeps sending past the per-minute quota gets 403 userRateLimitExceeded, as the two are told
 * apart in "Handle API errors" (https://developers.google.com/workspace/calendar/api/guides/errors).
 * Every call counts, each inner call of a batch included ("n requests batched count as n").
 */
import { GoogleApiError } from '../errors';

export interface RateLimitOptions {
  /** Sustained requests per second per user. */
  perSecond: number;
  /** Requests a user may send at once before the bucket runs dry. */
  burst: number;
  /** Requests per sliding minute per user, counting refused ones ("Queries per minute per user"). */
  perMinute: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 10, burst: 20, perMinute: 600 };

export class UserRateLimiter {
  private tokens: number;
  private refilledAt: number;
  private readonly minute: number[] = [];

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = options.burst;
    this.refilledAt = now();
  }

  /** Throws the error Google would answer if this call is over a limit. */
  take(): void {
    const now = this.now();
    while (this.minute.length > 0 && (this.minute[0] as number) <= now - 60_000) this.minute.shift();
    this.minute.push(now);
    if (this.minute.length > this.options.perMinute) {
      throw new GoogleApiError(403, [{ domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' }]);
    }
    this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.options.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) {
      throw new GoogleApiError(429, [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }]);
    }
    this.tokens -= 1;
  }

  reset(): void {
    this.tokens = this.options.burst;
    this.refilledAt = this.now();
    this.minute.length = 0;
  }
}
