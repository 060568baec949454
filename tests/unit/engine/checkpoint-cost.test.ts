import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { destinationCounts, harness, progressOf, seedPlain } from './harness';

const ITEMS = 1_000;
const PAGE = 100;
const BATCH = 50;

describe('engine: checkpoint cost', () => {
  it('writes a 1,000-item run in a few transactions per page and per batch', async () => {
    const h = harness({ source: { pageSize: PAGE }, destination: { batchSize: BATCH, maxConcurrency: 4 } });
    seedPlain(h.source, ITEMS);
    const engine = h.engine();
    const before = engine.metrics();
    const started = await h.start(engine);
    await engine.idle();
    const after = engine.metrics();

    const view = await engine.view(started.id);
    expect(progressOf(view)).toMatchObject({ total: ITEMS, moved: ITEMS, failed: 0, skipped: 0 });
    expect(destinationCounts(h.destination)).toEqual({ events: ITEMS, distinctSources: ITEMS, created: ITEMS });

    const transactions = after.idbTransactions - before.idbTransactions;
    const pages = ITEMS / PAGE;
    const batches = ITEMS / BATCH;
    console.log(`checkpoint cost: ${transactions} transactions, ${(after.idbMs - before.idbMs).toFixed(0)} ms in IndexedDB for ${ITEMS} items (${pages} pages, ${batches} batches)`);
    // Per page: read the cursor, record the page, claim its batches; per batch: record its results. Before
    // batches were claimed together and the runner stopped re-reading the cursor, the same run took 101.
    expect(transactions).toBeLessThanOrEqual(3 * pages + batches + 15);
    expect(after.since).toBe(before.since);
    expect(after.idbMs).toBeGreaterThan(before.idbMs);
  });
});
