/**
 * Requests per user per minute to the Library API and its uploads. Google publishes per-project daily quotas
 * for Photos (10,000 requests a day) and none per minute, so the sandbox's minute window is its own stand-in
 * for "429 RESOURCE_EXHAUSTED: retry later": env FERRY_SANDBOX_PHOTOS_PER_MINUTE (default 600, `off` for none).
 */
import { resourceExhausted } from './errors';

export class PerMinuteQuota {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number | null,
    private readonly now: () => number,
  ) {}

  take(account: string): void {
    if (this.perMinute === null) return;
    const now = this.now();
    const recent = (this.seen.get(account) ?? []).filter((t) => t > now - 60_000);
    if (recent.length >= this.perMinute) {
      const wait = Math.max(1, Math.ceil((recent[0]! + 60_000 - now) / 1000));
      this.seen.set(account, recent);
      throw resourceExhausted('Quota exceeded for quota metric \'All requests\' and limit \'All requests per minute per user\'.', wait);
    }
    recent.push(now);
    this.seen.set(account, recent);
  }

  reset(): void {
    this.seen.clear();
  }
}

export function perMinuteFromEnv(value: string | undefined): number | null {
  if (value === undefined || value === '') return 600;
  if (value === 'off') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`FERRY_SANDBOX_PHOTOS_PER_MINUTE must be "off" or a whole number, not "${value}"`);
  return n;
}
