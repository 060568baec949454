/**
 * What the store costs the worker: how long IndexedDB transactions kept it busy and how many ran, counted by
 * a Dexie middleware from the moment the database object was made (once per worker). The benchmark reads it
 * through the `engine/metrics` message to check that checkpoints stay a small share of the wall time.
 */
import type { DBCore, Middleware } from 'dexie';
import type { EngineMetrics } from '../messages';

export type { EngineMetrics };

export class TransactionMetrics {
  private readonly since: number;
  private transactions = 0;
  private open = 0;
  private busySince = 0;
  private busyMs = 0;

  constructor(
    private readonly clock: () => number = () => performance.now(),
    wallClock: () => number = () => Date.now(),
  ) {
    this.since = wallClock();
  }

  /** A transaction began; the returned function ends it (once, whichever of complete or abort comes first). */
  begin(): () => void {
    this.transactions += 1;
    if (this.open === 0) this.busySince = this.clock();
    this.open += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.open -= 1;
      if (this.open === 0) this.busyMs += this.clock() - this.busySince;
    };
  }

  snapshot(): EngineMetrics {
    const current = this.open > 0 ? this.clock() - this.busySince : 0;
    return { idbMs: this.busyMs + current, idbTransactions: this.transactions, since: this.since };
  }
}

/** The DBCore middleware that times every transaction the database opens, from creation to complete or abort. */
export function transactionTimer(metrics: TransactionMetrics): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'ferry-transaction-metrics',
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        const transaction = down.transaction(stores, mode, options);
        // Dexie's base DBCore hands back the IDBTransaction itself.
        const events = transaction as unknown as Partial<Pick<IDBTransaction, 'addEventListener'>>;
        if (typeof events.addEventListener === 'function') {
          const end = metrics.begin();
          events.addEventListener('complete', end);
          events.addEventListener('abort', end);
        }
        return transaction;
      },
    }),
  };
}
