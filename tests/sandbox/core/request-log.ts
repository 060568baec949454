/** Every provider request the sandbox saw, in arrival order, for tests to assert on pacing and retries. */
import type { FaultKind } from './faults';
import type { ProviderName } from './types';

export interface RequestLogEntry {
  /** Arrival time, ms since the epoch. */
  t: number;
  provider: ProviderName;
  method: string;
  host: string;
  /** Path below the host, without the query. */
  path: string;
  /** The query string without `?`, when there is one. */
  query?: string;
  /** Status sent; 0 when the connection was dropped; absent while the request is still being answered. */
  status?: number;
  /** The injected fault that hit this request, if any. */
  fault?: FaultKind;
  /** Time from arrival to the end of the response, ms. */
  ms?: number;
}

const MAX_ENTRIES = 100_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  start(entry: Omit<RequestLogEntry, 't'>, now = Date.now()): RequestLogEntry {
    const logged: RequestLogEntry = { t: now, ...entry };
    // Bounded so a long interactive session cannot grow without end; tests read far fewer.
    if (this.entries.length >= MAX_ENTRIES) this.entries.shift();
    this.entries.push(logged);
    return logged;
  }

  finish(entry: RequestLogEntry, status: number, now = Date.now()): void {
    entry.status = status;
    entry.ms = now - entry.t;
  }

  list(provider?: ProviderName): RequestLogEntry[] {
    return this.entries.filter((e) => !provider || e.provider === provider).map((e) => ({ ...e }));
  }

  clear(provider?: ProviderName): void {
    this.entries = this.entries.filter((e) => provider !== undefined && e.provider !== provider);
  }
}
