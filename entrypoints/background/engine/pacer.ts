/**
 * One pacer per provider, shared by every job in the worker (after rclone's lib/pacer): a minimum gap between
 * requests, exponential backoff on trouble that decays on success, `Retry-After` overriding the computed delay,
 * and adaptive concurrency (AIMD) between 1 and the provider's documented ceiling. Where the provider counts
 * quota units, each request keeps the next one as far away as its cost takes to earn back, so a cheap read
 * goes sooner than an expensive write and the rate never exceeds the quota. Where the provider counts requests
 * per window, a request waits until fewer than the budget started within the last window.
 */
import type { ProviderLimits } from '../../../model/adapter';

export interface PacerTuning {
  /** First backoff delay after trouble. */
  baseDelayMs: number;
  /** Backoff never waits longer than this (unless the provider's Retry-After says so). */
  maxDelayMs: number;
  /** Successes in a row before one more request may run at once. */
  growAfterSuccesses: number;
  /** Full jitter (AWS's "Exponential Backoff and Jitter"): wait a random share of the delay. */
  jitter: boolean;
  random: () => number;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * ok: any answer that is not trouble (4xx included: the adapter decides). throttled: 429 or 503, the provider
 * asks for less. failed: other 5xx, network errors and timeouts.
 */
export type PaceOutcome = { kind: 'ok' } | { kind: 'throttled' | 'failed'; retryAfterMs?: number };

export const DEFAULT_TUNING: PacerTuning = {
  baseDelayMs: 1_000,
  maxDelayMs: 64_000,
  growAfterSuccesses: 10,
  jitter: true,
  random: Math.random,
  now: () => Date.now(),
  sleep: sleepFor,
};

export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class Pacer {
  readonly tuning: PacerTuning;
  private limit: number;
  private active = 0;
  private successes = 0;
  private delay = 0;
  private nextStart = 0;
  /** Start times of the requests inside the current window, oldest first (only with a window budget). */
  private starts: number[] = [];
  private startChain: Promise<void> = Promise.resolve();
  private waiters: { slots: number; wake: () => void }[] = [];

  constructor(
    readonly limits: ProviderLimits,
    tuning: Partial<PacerTuning> = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.limit = Math.max(1, limits.maxConcurrency);
  }

  /** Requests allowed in flight at once right now. */
  get concurrency(): number {
    return this.limit;
  }

  /** The current backoff delay (0 when all is well). */
  get backoffMs(): number {
    return this.delay;
  }

  /** Quota units of a request (0 where the provider counts none). */
  unitsOf(request: { method: string; url: string; body?: unknown }): number {
    return this.limits.quota?.cost(request) ?? 0;
  }

  /** Concurrency slots a request holds (see ProviderLimits.slots). */
  slotsOf(request: { method: string; url: string; body?: unknown }): number {
    return Math.max(1, Math.floor(this.limits.slots?.(request) ?? 1));
  }

  /**
   * Waits for free slots and this request's turn; the returned function must be called with the outcome.
   * `units`: what the request costs of the provider's quota; `slots`: how many in-flight slots it holds
   * (never more than the current limit, so a request that needs them all can still start).
   */
  async acquire(signal?: AbortSignal, units = 0, slots = 1): Promise<(outcome: PaceOutcome) => void> {
    const held = await this.takeSlots(signal, slots);
    try {
      await this.waitTurn(signal, true, units);
    } catch (error) {
      this.releaseSlots(held);
      throw error;
    }
    let released = false;
    return (outcome) => {
      if (released) return;
      released = true;
      this.record(outcome);
      this.releaseSlots(held);
    };
  }

  /**
   * Waits until the pacer allows the next request (the gap and any backoff). With `claim`, the request starts
   * now and the next one must keep its distance: the minimum gap, the backoff, or the time the quota takes to
   * earn this request's `units` back, whichever is longest.
   */
  async waitTurn(signal?: AbortSignal, claim = false, units = 0): Promise<void> {
    const turn = this.startChain.then(async () => {
      // Checked again after each sleep: a Retry-After recorded meanwhile pushes the start further out.
      for (let wait = this.waitFor(claim); wait > 0; wait = this.waitFor(claim)) await this.tuning.sleep(wait, signal);
      if (!claim) return;
      const now = this.tuning.now();
      this.nextStart = now + Math.max(this.limits.minIntervalMs, this.delay, this.quotaGap(units));
      if (this.limits.window) this.starts.push(now);
    });
    this.startChain = turn.catch(() => undefined);
    await turn;
  }

  /** How long until a request may start: the gap and backoff, and for one that starts, room in the window. */
  private waitFor(claim: boolean): number {
    const now = this.tuning.now();
    const window = this.limits.window;
    let until = this.nextStart;
    if (claim && window) {
      const horizon = now - window.ms;
      const expired = this.starts.findIndex((t) => t > horizon);
      this.starts.splice(0, expired === -1 ? this.starts.length : expired);
      if (this.starts.length >= window.requests) until = Math.max(until, this.starts[this.starts.length - window.requests]! + window.ms);
    }
    return until - now;
  }

  private quotaGap(units: number): number {
    const quota = this.limits.quota;
    return quota && units > 0 ? (units * 1000) / quota.unitsPerSecond : 0;
  }

  /** Records what happened to a request (or to an adapter call that failed as a whole). */
  record(outcome: PaceOutcome): void {
    if (outcome.kind === 'ok') return this.recordSuccess();
    this.successes = 0;
    if (outcome.kind === 'throttled') this.setLimit(Math.max(1, Math.floor(this.limit / 2)));
    this.delay = this.delay === 0 ? this.tuning.baseDelayMs : Math.min(this.tuning.maxDelayMs, this.delay * 2);
    const computed = this.tuning.jitter ? Math.floor(this.tuning.random() * this.delay) : this.delay;
    const wait = outcome.retryAfterMs ?? computed;
    this.nextStart = Math.max(this.nextStart, this.tuning.now() + wait);
  }

  private recordSuccess(): void {
    // Decay as rclone's default calculator does (sleep × 3/4 per success) instead of dropping to zero at once.
    this.delay = Math.floor((this.delay * 3) / 4);
    if (this.delay < Math.max(1, this.limits.minIntervalMs)) this.delay = 0;
    this.successes += 1;
    if (this.successes >= this.tuning.growAfterSuccesses && this.limit < this.limits.maxConcurrency) {
      this.successes = 0;
      this.setLimit(this.limit + 1);
    }
  }

  private setLimit(limit: number): void {
    this.limit = limit;
    this.wakeWaiters();
  }

  /** Resolves to the slots taken: `wanted`, or the whole limit when that is lower at the time they are free. */
  private takeSlots(signal: AbortSignal | undefined, wanted: number): Promise<number> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiters.length === 0 && this.fits(wanted)) return Promise.resolve(this.claim(wanted));
    return new Promise((resolve, reject) => {
      const waiter = {
        slots: wanted,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.claim(wanted));
        },
      };
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(signal!.reason);
        this.wakeWaiters();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private fits(wanted: number): boolean {
    return this.active + Math.min(wanted, this.limit) <= this.limit;
  }

  private claim(wanted: number): number {
    const taken = Math.min(wanted, this.limit);
    this.active += taken;
    return taken;
  }

  private releaseSlots(held: number): void {
    this.active -= held;
    this.wakeWaiters();
  }

  /** First come, first served: a request that needs several slots is not passed over by single ones behind it. */
  private wakeWaiters(): void {
    while (this.waiters.length > 0 && this.fits(this.waiters[0]!.slots)) this.waiters.shift()!.wake();
  }
}
