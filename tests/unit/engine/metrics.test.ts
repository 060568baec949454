import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TransactionMetrics } from '../../../entrypoints/background/engine/metrics';
import { openFerryDb } from '../../../entrypoints/background/engine/store';

describe('transaction metrics', () => {
  it('counts overlapping transactions once in the busy time, and each in the count', () => {
    let now = 0;
    const metrics = new TransactionMetrics(() => now, () => 1_700_000_000_000);
    const first = metrics.begin();
    now = 10;
    const second = metrics.begin();
    now = 15;
    first();
    first();
    now = 30;
    second();
    now = 100;
    const third = metrics.begin();
    now = 104;
    expect(metrics.snapshot()).toEqual({ idbMs: 34, idbTransactions: 3, since: 1_700_000_000_000 });
    third();
    now = 500;
    expect(metrics.snapshot()).toEqual({ idbMs: 34, idbTransactions: 3, since: 1_700_000_000_000 });
  });

  it('times every transaction of the store: explicit ones and a lone get, committed or aborted', async () => {
    const db = openFerryDb(`ferry-metrics-${process.pid}`);
    await db.open();
    const start = db.metrics.snapshot();
    await db.transaction('rw', [db.jobs], async () => {
      await db.jobs.put({ id: 'j', status: 'running', source: { provider: 'a', account: 'x' }, destination: { provider: 'b', account: 'y' }, dataTypes: ['calendar'], createdAt: 1, updatedAt: 1 });
      await db.jobs.get('j');
    });
    await db.jobs.get('j');
    await expect(
      db.transaction('rw', [db.jobs], async () => {
        await db.jobs.delete('j');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const end = db.metrics.snapshot();
    expect(end.idbTransactions - start.idbTransactions).toBe(3);
    expect(end.idbMs).toBeGreaterThan(start.idbMs);
    expect(await db.jobs.get('j')).toMatchObject({ id: 'j' });
    db.close();
  });
});
