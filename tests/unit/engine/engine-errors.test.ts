/** Invariant 4 and the error classes: skip, retry, fatal, and errors no adapter classified. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../entrypoints/background/engine';
import { destinationCounts, harness, progressOf, seedPlain } from './harness';

const keyOf = (h: ReturnType<typeof harness>, title: string) => {
  const event = h.source.account('alice').events.find((e) => e.data.title === title)!;
  return `memory-a:alice:calendar:${event.id}`;
};

describe('engine: item errors', () => {
  it('skips an item the destination refuses, with its status and the provider message, and moves the rest', async () => {
    const h = harness();
    seedPlain(h.source, 10);
    h.destination.faults.refuse.set(keyOf(h, 'Event 4'), 'Invalid recurrence rule');
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    const view = await engine.view(job.id);
    expect(view.status).toBe('done');
    expect(progressOf(view)).toMatchObject({ total: 10, moved: 9, skipped: 1, failed: 0 });
    expect(view.skipped).toEqual([
      { key: keyOf(h, 'Event 4'), dataType: 'calendar', title: 'Event 4', status: 400, message: 'Invalid recurrence rule', retryable: false },
    ]);
    const stored = await h.db.failures.get([job.id, keyOf(h, 'Event 4')]);
    expect(stored).toMatchObject({ kind: 'skipped', errorClass: 'skip', status: 400, providerMessage: 'Invalid recurrence rule', retryable: false });
    expect(destinationCounts(h.destination).created).toBe(9);
  });

  it('retries an item answered "try again" and moves it when a later attempt succeeds', async () => {
    const h = harness();
    seedPlain(h.source, 6);
    h.destination.faults.retryItem.set(keyOf(h, 'Event 2'), 2);
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    const view = await engine.view(job.id);
    expect(progressOf(view)).toMatchObject({ moved: 6, failed: 0 });
    expect(view.failures).toEqual([]);
    expect((await h.db.items.get([job.id, keyOf(h, 'Event 2')]))?.attempts).toBe(2);
    expect(destinationCounts(h.destination)).toEqual({ events: 6, distinctSources: 6, created: 6 });
  });

  it('waits out "slow down" answers (429) without spending the item\'s attempts', async () => {
    const h = harness();
    seedPlain(h.source, 6);
    h.destination.faults.throttleItem.set(keyOf(h, 'Event 2'), 5);
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    const view = await engine.view(job.id);
    expect(progressOf(view)).toMatchObject({ moved: 6, failed: 0 });
    expect(view.failures).toEqual([]);
    expect(await h.db.items.get([job.id, keyOf(h, 'Event 2')])).toMatchObject({ attempts: 0, throttled: 5 });
    expect(destinationCounts(h.destination)).toEqual({ events: 6, distinctSources: 6, created: 6 });
  });

  it('gives up after 3 attempts: failed, retryable, with the provider status and message', async () => {
    const h = harness();
    seedPlain(h.source, 6);
    h.destination.faults.retryItem.set(keyOf(h, 'Event 2'), 10);
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    const view = await engine.view(job.id);
    expect(view.status).toBe('done');
    expect(progressOf(view)).toMatchObject({ moved: 5, failed: 1 });
    expect(view.failures).toEqual([
      {
        key: keyOf(h, 'Event 2'),
        dataType: 'calendar',
        title: 'Event 2',
        status: 500,
        message: 'Tried 3 times: Memory failed (“Internal Server Error”).',
        retryable: true,
      },
    ]);
    expect(h.destination.faults.retryItem.get(keyOf(h, 'Event 2'))).toBe(7);
  });

  it('retries a whole batch that failed with "try again"', async () => {
    const h = harness();
    seedPlain(h.source, 6);
    h.destination.faults.retryBatches = 2;
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    expect(progressOf(await engine.view(job.id))).toMatchObject({ moved: 6, failed: 0 });
    expect(destinationCounts(h.destination).created).toBe(6);
  });

  it('fails an item whose import throws an unclassified error, with its message, and moves the rest of its batch', async () => {
    const h = harness();
    seedPlain(h.source, 6);
    h.destination.faults.crashItem.add(keyOf(h, 'Event 1'));
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    const view = await engine.view(job.id);
    expect(progressOf(view)).toMatchObject({ moved: 5, failed: 1 });
    expect(view.failures).toHaveLength(1);
    expect(view.failures[0]).toMatchObject({ title: 'Event 1', retryable: true, message: 'Cannot read properties of undefined (importing Event 1)' });
    expect((await h.db.failures.get([job.id, keyOf(h, 'Event 1')]))?.errorClass).toBe('error');
  });

  it('retryFailed puts failed items back and moves them once the destination recovers', async () => {
    const h = harness();
    seedPlain(h.source, 6);
    h.destination.faults.retryItem.set(keyOf(h, 'Event 3'), 3);
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    expect(progressOf(await engine.view(job.id)).failed).toBe(1);
    const retried = await engine.retryFailed(job.id);
    expect(retried.status).toBe('running');
    await engine.idle();
    const view = await engine.view(job.id);
    expect(view.status).toBe('done');
    expect(progressOf(view)).toMatchObject({ moved: 6, failed: 0 });
    expect(view.failures).toEqual([]);
    expect(destinationCounts(h.destination)).toEqual({ events: 6, distinctSources: 6, created: 6 });
  });
});

describe('engine: retryFailed while the job still runs', () => {
  it('requeues the failed items and runs again after the current pass', async () => {
    const h = harness();
    seedPlain(h.source, 30);
    h.destination.faults.retryItem.set(keyOf(h, 'Event 0'), 3);
    let engine!: Engine;
    let jobId = '';
    let retried = false;
    engine = h.engine({
      checkpoint: async (point) => {
        if (point !== 'after-results-recorded' || retried) return;
        if ((await h.db.failures.where('jobId').equals(jobId).count()) === 0) return;
        retried = true;
        expect((await engine.retryFailed(jobId)).status).toBe('running');
      },
    });
    jobId = (await h.start(engine)).id;
    await engine.idle();
    expect(retried).toBe(true);
    const view = await engine.view(jobId);
    expect(view.status).toBe('done');
    expect(progressOf(view)).toMatchObject({ moved: 30, failed: 0 });
    expect(destinationCounts(h.destination)).toEqual({ events: 30, distinctSources: 30, created: 30 });
  });
});

describe('engine: fatal errors', () => {
  it('waits for the destination to be reconnected, then completes without duplicates', async () => {
    const h = harness();
    seedPlain(h.source, 20);
    h.destination.faults.importReconnectAfter = 2;
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    const waiting = await engine.view(job.id);
    expect(waiting.status).toBe('needs-reconnect');
    expect(waiting.reconnectProvider).toBe('memory-b');
    expect(waiting.statusMessage).toBe('Memory B needs you to connect again: the access was revoked or expired.');
    expect(await h.db.items.where('[jobId+state]').equals([job.id, 'in-flight']).count()).toBe(0);
    expect(progressOf(waiting).moved).toBe(6);

    await engine.reconnected('memory-a');
    expect((await engine.view(job.id)).status).toBe('needs-reconnect');
    h.destination.faults.importReconnectAfter = undefined;
    await engine.reconnected('memory-b');
    await engine.idle();
    const done = await engine.view(job.id);
    expect(done.status).toBe('done');
    expect(done.statusMessage).toBeUndefined();
    expect(done.reconnectProvider).toBeUndefined();
    expect(destinationCounts(h.destination)).toEqual({ events: 20, distinctSources: 20, created: 20 });
  });

  it('names the source when the source grant is gone', async () => {
    const h = harness();
    seedPlain(h.source, 20);
    h.source.faults.exportReconnectAfter = 1;
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    const view = await engine.view(job.id);
    expect(view).toMatchObject({ status: 'needs-reconnect', reconnectProvider: 'memory-a', statusMessage: 'Memory A needs you to connect again: the access was revoked or expired.' });
    h.source.faults.exportReconnectAfter = undefined;
    await engine.reconnected('memory-a');
    await engine.idle();
    expect((await engine.view(job.id)).status).toBe('done');
    expect(destinationCounts(h.destination)).toEqual({ events: 20, distinctSources: 20, created: 20 });
  });

  it('pauses with the provider message when the destination is full, and resumes', async () => {
    const h = harness();
    seedPlain(h.source, 8);
    h.destination.faults.importFatal = { reason: 'storage-full', message: 'Mailbox quota exceeded' };
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    const paused = await engine.view(job.id);
    expect(paused.status).toBe('paused');
    expect(paused.statusMessage).toBe('Memory B is full (“Mailbox quota exceeded”). Free some space there, then resume the transfer.');
    await engine.resume(job.id);
    await engine.idle();
    expect((await engine.view(job.id)).status).toBe('done');
    expect(destinationCounts(h.destination).created).toBe(8);
  });

  it('retries an export page answered "try again" through the pacer', async () => {
    const h = harness();
    seedPlain(h.source, 8);
    h.source.faults.exportRetries = 3;
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    expect((await engine.view(job.id)).status).toBe('done');
    expect(destinationCounts(h.destination).created).toBe(8);
  });

  it('pauses, saying why, when the source keeps failing', async () => {
    const h = harness();
    seedPlain(h.source, 8);
    h.source.faults.exportRetries = 100;
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    const view = await engine.view(job.id);
    expect(view.status).toBe('paused');
    expect(view.statusMessage).toBe('Memory A kept failing: Memory is busy (“Service Unavailable”). Ferry paused the transfer; resume it to try again.');
  });
});
