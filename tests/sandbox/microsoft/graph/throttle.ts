/**
 * Outlook's per-mailbox limits for an app (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits):
 * at most 4 requests in flight and 10,000 requests per 10 minutes. Over either, 429 with Retry-After.
 */
export interface MailboxLimits {
  concurrentRequests: number;
  requestsPerWindow: number;
  windowMs: number;
}

export const OUTLOOK_LIMITS: MailboxLimits = { concurrentRequests: 4, requestsPerWindow: 10_000, windowMs: 10 * 60 * 1000 };

export type Admission = { ok: true; release: () => void } | { ok: false; message: string; retryAfterSeconds: number };

export class MailboxThrottle {
  private inFlight = 0;
  private admitted: number[] = [];

  constructor(
    private readonly limits: MailboxLimits,
    private readonly now: () => number,
  ) {}

  enter(): Admission {
    const now = this.now();
    this.admitted = this.admitted.filter((t) => t > now - this.limits.windowMs);
    if (this.inFlight >= this.limits.concurrentRequests) {
      return { ok: false, message: 'Application is over its MailboxConcurrency limit.', retryAfterSeconds: 1 };
    }
    if (this.admitted.length >= this.limits.requestsPerWindow) {
      const oldest = this.admitted[0] as number;
      return {
        ok: false,
        message: 'Application is over its MailboxRequestRate limit of requests per 10 minutes.',
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.limits.windowMs - now) / 1000)),
      };
    }
    this.inFlight++;
    this.admitted.push(now);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (!released) this.inFlight--;
        released = true;
      },
    };
  }

  reset(): void {
    this.inFlight = 0;
    this.admitted = [];
  }
}
