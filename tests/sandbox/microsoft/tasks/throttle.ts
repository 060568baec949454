/**
 * To Do's request limit as the sandbox enforces it. To Do is not the Outlook mailbox's concurrency limit
 * (GraphDataType `mailbox: false`), and Microsoft publishes no To Do figures, so the sandbox applies a
 * token bucket of its own and answers over it as Graph answers throttling (https://learn.microsoft.com/graph/throttling):
 * 429 TooManyRequests with Retry-After.
 */
import { GraphError } from '../graph/errors';

export interface TodoLimits {
  perSecond: number;
  burst: number;
}

export const DEFAULT_TODO_LIMITS: TodoLimits = { perSecond: 50, burst: 100 };

/** Env FERRY_SANDBOX_GRAPH_TODO_RATE_LIMIT: `off`, or `<per second>,<burst>`; unset: the default. */
export function todoLimitsFromEnv(value: string | undefined): TodoLimits | null {
  if (value === undefined || value === '') return DEFAULT_TODO_LIMITS;
  if (value === 'off') return null;
  const [perSecond, burst] = value.split(',').map(Number);
  if (![perSecond, burst].every((n) => Number.isFinite(n) && (n as number) > 0)) {
    throw new Error(`FERRY_SANDBOX_GRAPH_TODO_RATE_LIMIT must be "off" or "<per second>,<burst>", not "${value}"`);
  }
  return { perSecond: perSecond!, burst: burst! };
}

export class TodoThrottle {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly limits: TodoLimits,
    private readonly now: () => number,
  ) {
    this.tokens = limits.burst;
    this.refilledAt = now();
  }

  take(): void {
    const now = this.now();
    this.tokens = Math.min(this.limits.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.limits.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) {
      const seconds = Math.max(1, Math.ceil((1 - this.tokens) / this.limits.perSecond));
      throw new GraphError(429, 'TooManyRequests', 'Too many requests. Please retry after the time given in Retry-After.', { 'retry-after': String(seconds) });
    }
    this.tokens -= 1;
  }

  reset(): void {
    this.tokens = this.limits.burst;
    this.refilledAt = this.now();
  }
}
