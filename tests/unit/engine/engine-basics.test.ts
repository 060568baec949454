import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { destinationCounts, harness, progressOf, seedPlain, simpleEvent } from './harness';

describe('engine: a transfer from start to done', () => {
  it('moves every event once, into the matching calendars, and reports progress', async () => {
    const h = harness();
    seedPlain(h.source, 23);
    const engine = h.engine();
    const started = await h.start(engine);
    expect(started.status).toBe('running');
    expect(engine.isBusy()).toBe(true);
    await engine.idle();
    expect(engine.isBusy()).toBe(false);

    const view = await engine.view(started.id);
    expect(view.status).toBe('done');
    expect(view.finishedAt).toBeTypeOf('number');
    expect(progressOf(view)).toMatchObject({ dataType: 'calendar', total: 23, exportDone: true, moved: 23, failed: 0, skipped: 0, secondsLeft: 0 });
    expect(progressOf(view).itemsPerSecond).toBeGreaterThan(0);
    expect(view.failures).toEqual([]);
    expect(view.losses).toEqual([]);
    expect(destinationCounts(h.destination)).toEqual({ events: 23, distinctSources: 23, created: 23 });

    const bob = h.destination.account('bob');
    const work = bob.calendars.find((c) => c.name === 'Work')!;
    expect(bob.calendars).toHaveLength(2);
    expect(bob.events.filter((e) => e.calendarId === work.id).map((e) => e.data.title).sort()).toEqual(
      h.source.account('alice').events.filter((e) => e.calendarId !== 'default').map((e) => e.data.title).sort(),
    );
    for (const event of bob.events) {
      const original = h.source.account('alice').events.find((e) => e.data.uid === event.data.uid)!;
      expect(event.data).toEqual(original.data);
    }
  });

  it('keeps at most the destination\'s maxConcurrency batches in flight, each within the batch size', async () => {
    const h = harness({ destination: { maxConcurrency: 2, batchSize: 3, importDelayMs: 5 }, source: { pageSize: 20 } });
    seedPlain(h.source, 40);
    const engine = h.engine();
    await h.start(engine);
    await engine.idle();
    expect(h.destination.calls.maxConcurrentImports).toBe(2);
    expect(destinationCounts(h.destination).created).toBe(40);
  });

  it('refuses a job the providers cannot do, with a clear message', async () => {
    const h = harness();
    const engine = h.engine();
    await expect(engine.start({ source: 'memory-a', sourceAccount: 'alice', destination: 'memory-b', destinationAccount: 'bob', dataTypes: ['photos'] })).rejects.toThrow(
      'Memory A cannot export Photos and videos.',
    );
    await expect(engine.start({ source: 'memory-a', sourceAccount: 'alice', destination: 'memory-b', destinationAccount: 'bob', dataTypes: [] })).rejects.toThrow(
      'Choose at least one kind of data to move.',
    );
  });

  it('lists jobs newest first and forgets one completely', async () => {
    let clock = 1_000;
    const h = harness();
    seedPlain(h.source, 3);
    const engine = h.engine({ now: () => (clock += 1) });
    const first = await h.start(engine);
    await engine.idle();
    const second = await h.start(engine);
    await engine.idle();
    expect((await engine.list()).map((j) => j.id)).toEqual([second.id, first.id]);
    await engine.forget(first.id);
    expect((await engine.list()).map((j) => j.id)).toEqual([second.id]);
    expect(await h.db.items.where('jobId').equals(first.id).count()).toBe(0);
    expect(await h.db.cursors.where('jobId').equals(first.id).count()).toBe(0);
    await expect(engine.view(first.id)).rejects.toThrow(/no transfer/);
  });
});

describe('engine: two items the destination keeps as one', () => {
  it('reports the later one as arrived with the first, instead of counting it silently', async () => {
    const h = harness({ destination: { keepsOnePerUid: true } });
    const events = [simpleEvent(1), { ...simpleEvent(2), uid: simpleEvent(1).uid, title: 'Event 1, a second copy' }, simpleEvent(3)];
    h.source.account('alice').seed([{ name: 'Alice', isDefault: true, events }]);
    const engine = h.engine();
    const started = await h.start(engine);
    await engine.idle();
    const view = await engine.view(started.id);
    expect(view.status).toBe('done');
    expect(progressOf(view)).toMatchObject({ total: 3, moved: 3, failed: 0 });
    expect(h.destination.account('bob').events.map((e) => e.data.title).sort()).toEqual(['Event 1', 'Event 3']);
    expect(view.losses).toEqual([
      {
        key: expect.any(String),
        dataType: 'calendar',
        title: 'Event 1, a second copy',
        fields: [{ field: 'uid', reason: 'It arrived as one with "Event 1": both have the same UID, and this calendar keeps one event per UID.' }],
      },
    ]);
  });
});
