/**
 * Invariants 1 and 2: a crash at any point (a checkpoint hook that throws, after which the run writes
 * nothing more) is resumed by a fresh Engine on the same database with every item moved exactly once.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CHECKPOINTS, type Engine } from '../../../entrypoints/background/engine';
import { destinationCounts, expectOverridesAfterTheirSeries, harness, progressOf, seedMixed, seedPlain, type Harness } from './harness';

const ITEMS = 17;

/** A checkpoint hook that throws at the `nth` time `point` is reached. */
function crashAt(point: string, nth: number) {
  let seen = 0;
  const hook = (reached: string) => {
    if (reached !== point) return;
    seen += 1;
    if (seen === nth) throw new Error(`crash at ${point} #${nth}`);
  };
  return { hook, crashed: () => seen >= nth };
}

async function resumeInFreshEngine(h: Harness, jobId: string): Promise<Engine> {
  const engine = h.engine();
  await engine.resumeAll();
  await engine.idle();
  expect((await engine.view(jobId)).status).toBe('done');
  return engine;
}

describe('engine: crash and resume', () => {
  it('records nothing of a page fetched but not recorded; the cursor stays where it was', async () => {
    const h = harness();
    seedPlain(h.source, ITEMS);
    const { hook } = crashAt('after-page-fetched', 2);
    const engine = h.engine({ checkpoint: hook });
    const job = await h.start(engine);
    await engine.idle();
    const cursor = await h.db.cursors.get([job.id, 'calendar']);
    expect(cursor?.cursor).toBe('5');
    expect(cursor?.total).toBe(5);
    expect(await h.db.items.where('jobId').equals(job.id).count()).toBe(5);
    await resumeInFreshEngine(h, job.id);
    expect(destinationCounts(h.destination)).toEqual({ events: ITEMS, distinctSources: ITEMS, created: ITEMS });
  });

  it('advances the cursor together with its page', async () => {
    const h = harness();
    seedPlain(h.source, ITEMS);
    const { hook } = crashAt('after-page-recorded', 1);
    const engine = h.engine({ checkpoint: hook });
    const job = await h.start(engine);
    await engine.idle();
    expect((await h.db.cursors.get([job.id, 'calendar']))?.cursor).toBe('5');
    expect(await h.db.items.where('jobId').equals(job.id).count()).toBe(5);
  });

  it('marks a batch in flight before creating it, and a lookup after the crash finds what was created: zero duplicates', async () => {
    const h = harness();
    seedPlain(h.source, ITEMS);
    const { hook } = crashAt('after-create-before-record', 1);
    const engine = h.engine({ checkpoint: hook });
    const job = await h.start(engine);
    await engine.idle();
    const inFlight = await h.db.items.where('[jobId+state]').equals([job.id, 'in-flight']).toArray();
    expect(inFlight).toHaveLength(3);
    const createdBeforeCrash = h.destination.account('bob').createdCount;
    expect(createdBeforeCrash).toBeGreaterThanOrEqual(3);

    const importedBeforeResume = h.destination.importedKeys.length;
    await resumeInFreshEngine(h, job.id);
    expect(h.destination.calls.lookup).toBeGreaterThan(0);
    const importedAfterResume = h.destination.importedKeys.slice(importedBeforeResume);
    for (const item of inFlight) expect(importedAfterResume, `${item.title} was found, not imported again`).not.toContain(item.key);
    expect(destinationCounts(h.destination)).toEqual({ events: ITEMS, distinctSources: ITEMS, created: ITEMS });
  });

  it('imports again what was in flight but never reached the destination', async () => {
    const h = harness();
    seedPlain(h.source, ITEMS);
    const { hook } = crashAt('before-create', 1);
    const engine = h.engine({ checkpoint: hook });
    const job = await h.start(engine);
    await engine.idle();
    expect(await h.db.items.where('[jobId+state]').equals([job.id, 'in-flight']).count()).toBe(3);
    expect(h.destination.account('bob').createdCount).toBe(0);
    const resumed = await resumeInFreshEngine(h, job.id);
    expect(progressOf(await resumed.view(job.id))).toMatchObject({ total: ITEMS, moved: ITEMS });
    expect(destinationCounts(h.destination)).toEqual({ events: ITEMS, distinctSources: ITEMS, created: ITEMS });
  });

  for (const point of CHECKPOINTS) {
    // Reconciliation runs once per pass; every other point is reached several times in one run.
    for (const nth of point === 'after-reconcile' ? [1] : [1, 2, 4]) {
      it(`crash at ${point} (#${nth}), resume in a fresh engine: exactly ${ITEMS} items, no duplicate`, async () => {
        const h = harness();
        seedPlain(h.source, ITEMS);
        const crash = crashAt(point, nth);
        const engine = h.engine({ checkpoint: crash.hook });
        const job = await h.start(engine);
        await engine.idle();
        expect(crash.crashed(), 'the crash happened').toBe(true);
        expect((await engine.view(job.id)).status, 'a crashed run leaves the job running').toBe('running');
        const resumed = await resumeInFreshEngine(h, job.id);
        expect(destinationCounts(h.destination)).toEqual({ events: ITEMS, distinctSources: ITEMS, created: ITEMS });
        expect(progressOf(await resumed.view(job.id))).toMatchObject({ total: ITEMS, moved: ITEMS, failed: 0, skipped: 0 });
      });
    }
  }

  it('survives a crash at every 5th checkpoint until done, series and overrides included', async () => {
    const h = harness();
    const total = seedMixed(h.source, 30);
    let calls = 0;
    const checkpoint = () => {
      calls += 1;
      if (calls % 5 === 0) throw new Error('crash');
    };
    let engine = h.engine({ checkpoint });
    const job = await h.start(engine);
    await engine.idle();
    for (let restarts = 0; (await engine.view(job.id)).status === 'running'; restarts += 1) {
      expect(restarts).toBeLessThan(200);
      engine = h.engine({ checkpoint });
      await engine.resumeAll();
      await engine.idle();
    }
    expect((await engine.view(job.id)).status).toBe('done');
    expect(destinationCounts(h.destination)).toEqual({ events: total, distinctSources: total, created: total });
    expectOverridesAfterTheirSeries(h);
  });
});
