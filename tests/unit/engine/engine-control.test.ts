/** Pause, resume, cancel; parents before children; what the destination cannot keep. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../entrypoints/background/engine';
import type { JobView } from '../../../entrypoints/background/messages';
import { CANONICAL_CALENDARS } from '../../conformance/calendar-fixtures';
import { destinationCounts, expectOverridesAfterTheirSeries, harness, progressOf, seedMixed, seedPlain } from './harness';

/** A checkpoint hook that runs `action` once, the first time a batch's results are recorded. */
function afterFirstBatch(action: () => Promise<unknown>) {
  let done = false;
  return async (point: string) => {
    if (point !== 'after-results-recorded' || done) return;
    done = true;
    await action();
  };
}

describe('engine: pause, resume, cancel', () => {
  it('pauses after the batches in flight and resumes to the end without duplicates', async () => {
    const h = harness({ destination: { importDelayMs: 2 } });
    seedPlain(h.source, 30);
    let engine!: Engine;
    let jobId = '';
    engine = h.engine({ checkpoint: afterFirstBatch(() => engine.pause(jobId)) });
    jobId = (await h.start(engine)).id;
    await engine.idle();
    const paused = await engine.view(jobId);
    expect(paused.status).toBe('paused');
    expect(paused.statusMessage).toBe('Paused. Resume whenever you like; nothing is lost.');
    expect(progressOf(paused).moved).toBeGreaterThan(0);
    expect(progressOf(paused).moved).toBeLessThan(30);
    expect(await h.db.items.where('[jobId+state]').equals([jobId, 'in-flight']).count()).toBe(0);
    const importsWhenPaused = h.destination.calls.importBatch;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.destination.calls.importBatch).toBe(importsWhenPaused);

    expect((await engine.resume(jobId)).status).toBe('running');
    await engine.idle();
    expect((await engine.view(jobId)).status).toBe('done');
    expect(destinationCounts(h.destination)).toEqual({ events: 30, distinctSources: 30, created: 30 });
  });

  it('runs on when resumed while the paused run is still finishing its batch', async () => {
    const h = harness({ destination: { importDelayMs: 5 } });
    seedPlain(h.source, 12);
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.pause(job.id);
    await engine.resume(job.id);
    await engine.idle();
    expect((await engine.view(job.id)).status).toBe('done');
    expect(destinationCounts(h.destination).created).toBe(12);
  });

  it('cancels after the batches in flight; a cancelled job cannot be resumed', async () => {
    const h = harness({ destination: { importDelayMs: 2 } });
    seedPlain(h.source, 30);
    let engine!: Engine;
    let jobId = '';
    engine = h.engine({ checkpoint: afterFirstBatch(() => engine.cancel(jobId)) });
    jobId = (await h.start(engine)).id;
    await engine.idle();
    const cancelled = await engine.view(jobId);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.finishedAt).toBeTypeOf('number');
    expect(progressOf(cancelled).moved).toBeLessThan(30);
    expect(await h.db.items.where('[jobId+state]').equals([jobId, 'in-flight']).count()).toBe(0);
    await expect(engine.resume(jobId)).rejects.toThrow('This transfer is cancelled; start a new one to move more.');
    await engine.resumeAll();
    expect(engine.isBusy()).toBe(false);
  });
});

describe('engine: parents before children', () => {
  it('imports an override only after its series, even when the override is exported first', async () => {
    const h = harness({ source: { pageSize: 2 } });
    const total = seedMixed(h.source, 0);
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    expect(progressOf(await engine.view(job.id))).toMatchObject({ total, moved: total });
    expectOverridesAfterTheirSeries(h);
  });

  for (const orphansAllowed of [false, true]) {
    it(`imports overrides whose series never arrived without it (destination ${orphansAllowed ? 'accepts' : 'refuses'})`, async () => {
      const h = harness({ destination: { orphansAllowed } });
      const series = CANONICAL_CALENDARS[0]!.events.filter((e) => e.uid === 'standup-series@ferry.test');
      h.source.account('alice').seed([{ name: 'Alice', isDefault: true, events: series }]);
      h.source.faults.hideFromExport.add(h.source.account('alice').events.find((e) => !e.data.recurrenceId)!.id);
      const engine = h.engine();
      const job = await h.start(engine);
      await engine.idle();
      const view = await engine.view(job.id);
      expect(view.status).toBe('done');
      if (orphansAllowed) {
        expect(progressOf(view)).toMatchObject({ total: 2, moved: 2, skipped: 0 });
        return;
      }
      expect(view.skipped).toHaveLength(2);
      for (const skipped of view.skipped) {
        expect(skipped.message).toBe(
          'An overridden instance needs its series at the destination. What it belongs to was not found at the source (“orphan instance”).',
        );
      }
    });
  }

  it('fails an override whose series failed, and moves both once retried', async () => {
    const h = harness();
    const total = seedMixed(h.source, 0);
    const series = h.source.account('alice').events.find((e) => e.data.title === 'Team sync')!;
    const seriesKey = `memory-a:alice:calendar:${series.id}`;
    h.destination.faults.retryItem.set(seriesKey, 3);
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    const view = await engine.view(job.id);
    expect(progressOf(view)).toMatchObject({ moved: total - 3, failed: 3 });
    const overrides = view.failures.filter((f) => f.key !== seriesKey);
    expect(overrides.map((f) => f.title).sort()).toEqual(['Team sync (in Room 2)', 'Team sync (moved)']);
    for (const failure of overrides) {
      expect(failure).toMatchObject({ message: 'Not moved because “Team sync”, which it belongs to, was not moved.', retryable: true });
    }

    await engine.retryFailed(job.id);
    await engine.idle();
    expect(progressOf(await engine.view(job.id))).toMatchObject({ moved: total, failed: 0 });
    expectOverridesAfterTheirSeries(h);
  });
});

describe('engine: fidelity', () => {
  it('reports, per item, the present fields the destination does not declare plus the importer\'s own losses', async () => {
    const h = harness({
      destination: {
        fields: ['uid', 'recurrenceId', 'title', 'description', 'location', 'start', 'end', 'start.timeZone', 'recurrence.rrule', 'recurrence.exdate', 'status', 'busy', 'visibility', 'attendees', 'attendees.status', 'reminders'],
        lossFor: (item) => ((item.data.reminders?.length ?? 0) > 1 ? [{ field: 'reminders', reason: 'Only the first reminder is kept' }] : []),
        orphansAllowed: true,
      },
    });
    seedMixed(h.source, 2);
    const engine = h.engine();
    const job = await h.start(engine);
    await engine.idle();
    const view = await engine.view(job.id);
    const kickoff = view.losses.find((l) => l.title === 'Project kickoff')!;
    expect(kickoff.fields.map((f) => f.field).sort()).toEqual(
      ['attendees.comment', 'categories', 'conferenceUrl', 'created', 'organizer', 'reminders', 'sequence', 'updated', 'url'].sort(),
    );
    expect(kickoff.fields.find((f) => f.field === 'reminders')?.reason).toBe('Only the first reminder is kept');
    expect(kickoff.fields.find((f) => f.field === 'url')?.reason).toBe('Memory B has no place for it');
    expect(view.losses.find((l) => l.title === 'Book club')?.fields.map((f) => f.field)).toEqual(['recurrence.rdate']);
    expect(view.losses.some((l) => l.title.startsWith('Event '))).toBe(false);
    const stored = h.destination.account('bob').events.find((e) => e.data.title === 'Project kickoff')!.data;
    expect(stored.conferenceUrl).toBeUndefined();
    expect(stored.attendees.every((a) => a.comment === undefined)).toBe(true);
  });
});

describe('engine: views for polling pages', () => {
  it('a poll takes the view built less than maxAgeMs before while the job record is unchanged; a status change shows at once', async () => {
    const h = harness({ destination: { importDelayMs: 2 } });
    seedPlain(h.source, 30);
    let clock = 10_000;
    let engine!: Engine;
    let jobId = '';
    const seen: JobView[] = [];
    engine = h.engine({
      now: () => clock,
      checkpoint: afterFirstBatch(async () => {
        seen.push(await engine.view(jobId));
        seen.push(await engine.view(jobId, 1000));
        clock += 999;
        seen.push(await engine.view(jobId, 1000));
        clock += 1;
        seen.push(await engine.view(jobId, 1000));
        seen.push(await engine.view(jobId));
        await engine.pause(jobId);
        seen.push(await engine.view(jobId, 1000));
      }),
    });
    jobId = (await h.start(engine)).id;
    await engine.idle();
    const [fresh, polled, stillYoung, aged, asked, paused] = seen;
    expect(polled).toBe(fresh);
    expect(stillYoung).toBe(fresh);
    expect(aged).not.toBe(fresh);
    expect(asked).not.toBe(aged);
    expect(paused!.status).toBe('paused');
    expect((await engine.resume(jobId)).status).toBe('running');
    await engine.idle();
    const done = await engine.view(jobId, 1000);
    expect(done.status).toBe('done');
    expect(progressOf(done).moved).toBe(30);
  });
});
