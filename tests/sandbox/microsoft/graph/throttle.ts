/**
 * Requests in flight and requests per sliding window, as Graph's services limit them; over either, 429 with
 * Retry-After and the service's own error code. Outlook's per-mailbox limits for an app
 * (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits): at most 4 requests in flight and
 * 10,000 requests per 10 minutes.
 */
export interface ThrottleLimits {
  concurrentRequests: number;
  requestsPerWindow: number;
  windowMs: number;
}

export const OUTLOOK_LIMITS: ThrottleLimits = { concurrentRequests: 4, requestsPerWindow: 10_000, windowMs: 10 * 60 * 1000 };

/**
 * SharePoint Online's per-user request limit, which OneDrive answers under
 * (https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online):
 * 3,000 requests per 5 minutes, upload fragments included; no concurrency limit is published.
 */
export const ONEDRIVE_USER_LIMITS: ThrottleLimits = { concurrentRequests: Infinity, requestsPerWindow: 3_000, windowMs: 5 * 60 * 1000 };

/** What a refusal says, in the words of the service that limits: its error code and a message per limit. */
export interface ThrottleRefusal {
  code: string;
  concurrency: string;
  rate: string;
}

const OUTLOOK_REFUSAL: ThrottleRefusal = {
  code: 'ApplicationThrottled',
  concurrency: 'Application is over its MailboxConcurrency limit.',
  rate: 'Application is over its MailboxRequestRate limit of requests per 10 minutes.',
};

export const ONEDRIVE_REFUSAL: ThrottleRefusal = {
  code: 'activityLimitReached',
  concurrency: 'The request has been throttled.',
  rate: 'The user has made more than 3,000 requests in 5 minutes; try again after the Retry-After delay.',
};

export type Admission = { ok: true; release: () => void } | { ok: false; code: string; message: string; retryAfterSeconds: number };

export class RequestThrottle {
  private inFlight = 0;
  private admitted: number[] = [];

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number,
    private readonly refusal: ThrottleRefusal = OUTLOOK_REFUSAL,
  ) {}

  enter(): Admission {
    const now = this.now();
    this.admitted = this.admitted.filter((t) => t > now - this.limits.windowMs);
    if (this.inFlight >= this.limits.concurrentRequests) {
      return { ok: false, code: this.refusal.code, message: this.refusal.concurrency, retryAfterSeconds: 1 };
    }
    if (this.admitted.length >= this.limits.requestsPerWindow) {
      const oldest = this.admitted[0] as number;
      return {
        ok: false,
        code: this.refusal.code,
        message: this.refusal.rate,
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
