/** A fresh store, two in-memory providers (source memory-a, destination memory-b) and Engine factories. */
import 'fake-indexeddb/auto';
import type { ProviderDescriptor } from '../../../model/adapter';
import type { CalendarEvent } from '../../../model/calendar';
import { Engine, openFerryDb, type EngineDeps, type FerryDb } from '../../../entrypoints/background/engine';
import type { JobView } from '../../../entrypoints/background/messages';
import { CANONICAL_CALENDARS } from '../../conformance/calendar-fixtures';
import { expect } from 'vitest';
import { createMemoryProvider, type MemoryProvider, type MemoryProviderOptions } from '../../conformance/memory-provider';

let dbCounter = 0;

export interface Harness {
  db: FerryDb;
  source: MemoryProvider;
  destination: MemoryProvider;
  engine(extra?: Partial<EngineDeps>): Engine;
  start(engine: Engine): Promise<JobView>;
}

export function harness(options: { source?: MemoryProviderOptions; destination?: MemoryProviderOptions } = {}): Harness {
  const db = openFerryDb(`ferry-test-${process.pid}-${dbCounter++}`);
  const source = createMemoryProvider({ id: 'memory-a', name: 'Memory A', pageSize: 5, ...options.source });
  const destination = createMemoryProvider({ id: 'memory-b', name: 'Memory B', batchSize: 3, maxConcurrency: 2, ...options.destination });
  const registry = new Map<string, ProviderDescriptor>([
    [source.descriptor.id, source.descriptor],
    [destination.descriptor.id, destination.descriptor],
  ]);
  return {
    db,
    source,
    destination,
    engine: (extra = {}) =>
      new Engine({
        db,
        provider: (id) => registry.get(id)!,
        authorizedFetch: () => () => Promise.reject(new Error('memory providers make no requests')),
        url: (url) => url,
        pacing: { baseDelayMs: 1, maxDelayMs: 4, jitter: false },
        ...extra,
      }),
    start: (engine) =>
      engine.start({ source: 'memory-a', sourceAccount: 'alice', destination: 'memory-b', destinationAccount: 'bob', dataTypes: ['calendar'] }),
  };
}

export function simpleEvent(i: number): CalendarEvent {
  const day = String((i % 28) + 1).padStart(2, '0');
  return {
    uid: `event-${i}@ferry.test`,
    title: `Event ${i}`,
    start: { dateTime: `2025-05-${day}T09:00:00`, timeZone: 'Europe/Berlin' },
    end: { dateTime: `2025-05-${day}T10:00:00`, timeZone: 'Europe/Berlin' },
    status: 'confirmed',
    busy: 'busy',
    visibility: 'default',
    attendees: [],
  };
}

/** `count` plain events spread over the default calendar and a second one. */
export function seedPlain(provider: MemoryProvider, count: number): void {
  const events = Array.from({ length: count }, (_, i) => simpleEvent(i));
  const half = Math.ceil(count / 2);
  provider.account('alice').seed([
    { name: 'Alice', isDefault: true, events: events.slice(0, half) },
    { name: 'Work', events: events.slice(half) },
  ]);
}

/** Destination events: total, distinct source keys, and how many the importer created. */
export function destinationCounts(provider: MemoryProvider) {
  const account = provider.account('bob');
  return {
    events: account.events.length,
    distinctSources: new Set(account.events.map((e) => e.sourceKey)).size,
    created: account.createdCount,
  };
}

export const progressOf = (view: JobView) => view.progress[0]!;

/**
 * The canonical calendars (series, overrides, cancelled instances) with each override listed before its
 * series, plus `plain` plain events; returns the number of events.
 */
export function seedMixed(provider: MemoryProvider, plain: number): number {
  const calendars = CANONICAL_CALENDARS.map((calendar) => ({
    ...calendar,
    events: [...calendar.events].sort((a, b) => Number(Boolean(b.recurrenceId)) - Number(Boolean(a.recurrenceId))),
  }));
  calendars[1]!.events.push(...Array.from({ length: plain }, (_, i) => simpleEvent(i)));
  provider.account('alice').seed(calendars);
  return calendars.reduce((sum, c) => sum + c.events.length, 0);
}

/** Every override at the destination was created after its series, and points at it through the import's parentId. */
export function expectOverridesAfterTheirSeries(h: Harness): void {
  const events = h.destination.account('bob').events;
  const overrides = events.filter((e) => e.data.recurrenceId);
  expect(overrides.length).toBeGreaterThan(0);
  for (const override of overrides) {
    const seriesIndex = events.findIndex((e) => e.data.uid === override.data.uid && !e.data.recurrenceId);
    expect(seriesIndex, `series of ${override.data.title}`).toBeGreaterThanOrEqual(0);
    expect(seriesIndex).toBeLessThan(events.indexOf(override));
  }
}
