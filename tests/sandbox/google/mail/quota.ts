/**
 * Gmail's per-user quota: 250 quota units per user per second, as a moving average that allows short bursts
 * (https://developers.google.com/workspace/gmail/api/reference/quota). Each method costs its units; a call
 * over the limit gets 429 rateLimitExceeded with a Retry-After, as "Resolve errors" describes for Gmail.
 */
import { GoogleApiError } from '../errors';

export interface GmailQuotaOptions {
  unitsPerSecond: number;
  /** Units a user may spend at once before the bucket runs dry. */
  burstUnits: number;
}

export const GMAIL_QUOTA: GmailQuotaOptions = { unitsPerSecond: 250, burstUnits: 250 };

export class GmailQuota {
  private units: number;
  private refilledAt: number;

  constructor(
    private readonly options: GmailQuotaOptions,
    private readonly now: () => number,
  ) {
    this.units = options.burstUnits;
    this.refilledAt = now();
  }

  /** Spends a call's units, or throws the 429 Gmail would answer. */
  spend(cost: number): void {
    const now = this.now();
    this.units = Math.min(this.options.burstUnits, this.units + ((now - this.refilledAt) / 1000) * this.options.unitsPerSecond);
    this.refilledAt = now;
    if (this.units < cost) {
      const waitSeconds = Math.max(1, Math.ceil((cost - this.units) / this.options.unitsPerSecond));
      const retryAt = new Date(now + waitSeconds * 1000).toISOString();
      const message = `User-rate limit exceeded.  Retry after ${retryAt}`;
      throw new GoogleApiError(429, [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message }], { 'retry-after': String(waitSeconds) });
    }
    this.units -= cost;
  }

  reset(): void {
    this.units = this.options.burstUnits;
    this.refilledAt = this.now();
  }
}

/** Env FERRY_SANDBOX_GMAIL_QUOTA: `off`, or `<units per second>,<burst units>`; default Gmail's 250/s. */
export function gmailQuotaFromEnv(value: string | undefined): GmailQuotaOptions | null {
  if (value === undefined || value === '') return GMAIL_QUOTA;
  if (value === 'off') return null;
  const [unitsPerSecond, burstUnits] = value.split(',').map(Number);
  if (!(Number(unitsPerSecond) > 0 && Number(burstUnits) > 0)) {
    throw new Error(`FERRY_SANDBOX_GMAIL_QUOTA must be "off" or "<units per second>,<burst units>", not "${value}"`);
  }
  return { unitsPerSecond: unitsPerSecond!, burstUnits: burstUnits! };
}
