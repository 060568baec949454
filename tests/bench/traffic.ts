/**
 * What the sandbox's network saw (core/wan.ts exchanges): bytes accepted at the destination's upload sessions
 * second by second, and the bytes a killed worker made the engine send twice.
 */
import type { WanExchange } from '../sandbox/core/wan';

/** OneDrive's storage host in the sandbox: upload session PUTs land here. */
export const UPLOAD_HOST = 'contoso-my.sharepoint.com';

export class TrafficLog {
  readonly exchanges: WanExchange[] = [];

  record = (exchange: WanExchange): void => {
    this.exchanges.push(exchange);
  };

  /** Upload PUTs that ended in [from, to). */
  uploads(from: number, to = Infinity): WanExchange[] {
    return this.exchanges.filter((e) => e.host === UPLOAD_HOST && e.method === 'PUT' && e.endedAt >= from && e.endedAt < to);
  }

  /** Bytes the destination accepted (2xx fragments) in [from, to). */
  acceptedBytes(from: number, to = Infinity): number {
    return this.uploads(from, to)
      .filter(accepted)
      .reduce((n, e) => n + e.bytesIn, 0);
  }

  requestCount(from: number, to: number, host: string): number {
    return this.exchanges.filter((e) => e.host === host && e.startedAt >= from && e.startedAt < to).length;
  }
}

const accepted = (e: WanExchange): boolean => e.status >= 200 && e.status < 300;

const sessionOf = (e: WanExchange): string => new URLSearchParams(e.query).get('guid') ?? `${e.path}?${e.query}`;

export interface KillResend {
  /** When the worker was stopped. */
  at: number;
  /** Files with a started, unfinished upload when the worker stopped. */
  inFlightFiles: number;
  /** Upload bytes the kill wasted: fragments of sessions never finished, and fragments cut off mid-body. */
  resentBytes: number;
}

/**
 * Bytes sent again because of each kill. A fragment is wasted when its session never finished (the resumed
 * engine started that file over) or when it did not arrive whole; each is charged to the first kill after it began.
 */
export function resendPerKill(uploads: WanExchange[], kills: number[]): KillResend[] {
  const finished = new Set(uploads.filter((e) => e.status === 200 || e.status === 201).map(sessionOf));
  const result = kills.map((at) => ({ at, inFlightFiles: 0, resentBytes: 0 }));
  for (const [i, kill] of result.entries()) {
    // Sessions a previous kill left behind are that kill's; these are the ones started since.
    const since = i === 0 ? -Infinity : result[i - 1]!.at;
    const before = uploads.filter((e) => e.startedAt <= kill.at && e.startedAt > since);
    const finishedBefore = new Set(before.filter((e) => e.status === 200 || e.status === 201).map(sessionOf));
    kill.inFlightFiles = new Set(before.map(sessionOf).filter((s) => !finishedBefore.has(s))).size;
  }
  for (const e of uploads) {
    const wasted = !finished.has(sessionOf(e)) || !accepted(e);
    if (!wasted) continue;
    const kill = result.find((k) => k.at >= e.startedAt);
    if (kill) kill.resentBytes += e.bytesIn;
  }
  return result;
}

/** Per-second samples of a counter, as [seconds since start, value per second]. */
export function perSecond(start: number, end: number, events: { t: number; amount: number }[]): [number, number][] {
  const seconds = Math.max(1, Math.ceil((end - start) / 1000));
  const buckets = new Array<number>(seconds).fill(0);
  for (const { t, amount } of events) {
    const i = Math.floor((t - start) / 1000);
    if (i >= 0 && i < seconds) buckets[i]! += amount;
  }
  return buckets.map((v, i) => [i + 1, v]);
}
