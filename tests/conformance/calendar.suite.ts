/**
 * The calendar conformance suite: every adapter that declares calendar support runs it against its sandbox,
 * and the in-memory provider runs it too (which tests the suite itself), as every rclone backend runs fstests.
 * An adapter's test file is a few lines: a CalendarConformanceTarget and `runCalendarConformance(target)`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportAll as exportAllPages } from './export-all';
import type { AdapterContext, Container, ExportedItem, ImportItem, ProviderDescriptor } from '../../model/adapter';
import type { CalendarEvent } from '../../model/calendar';
import { CANONICAL_CALENDARS, pagingCalendar, type SeedCalendar } from './calendar-fixtures';
import { comparableFields, eventLabel, fieldValue, matchKey, normalizeEvent, valueAtPath } from './calendar-compare';

export type { SeedCalendar } from './calendar-fixtures';
export { CANONICAL_CALENDARS, pagingCalendar } from './calendar-fixtures';

/** An account of the target, opened once per suite run. */
export interface CalendarConformanceAccount {
  /** Context the provider's exporter and importer are created with (authorised fetch, url rewrite, account id). */
  ctx: AdapterContext;
  /** Replaces the account's content with these calendars (the one with isDefault fills the provider's own default). */
  seed(calendars: readonly SeedCalendar[]): Promise<void>;
  /** Empties the account: only the provider's default calendar is left, with no events. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export type CalendarConformanceCase =
  | 'export: keys and containers are well formed'
  | 'export: every seeded event arrives with every field'
  | 'export: pagination returns every event exactly once'
  | 'containers: ensureContainer is idempotent and the default maps to the default'
  | 'import: lookup finds nothing that was never imported'
  | 'import: everything imported comes back field by field'
  | 'import: overrides and cancelled instances survive'
  | 'import: re-importing creates nothing new'
  | 'fidelity: every declared import field round-trips';

export interface CalendarConformanceTarget {
  name: string;
  provider: ProviderDescriptor;
  /** Events per page the exporter asks for; the pagination case seeds three pages and one more event. */
  pageSize: number;
  open(): Promise<CalendarConformanceAccount>;
  /**
   * Field path → why this provider cannot keep it; those paths are not compared. A CALENDAR_FIELDS path, or a
   * finer one inside an attendee or the organizer (`attendees.rsvp`, `attendees.kind`).
   */
  knownLosses?: Partial<Record<string, string>>;
  /**
   * Rewrites an event into this provider's equivalent spelling before comparing (applied to both sides),
   * for representations that differ but mean the same (an RRULE UNTIL the provider keeps as a date only).
   */
  normalize?(event: CalendarEvent): CalendarEvent;
  /** Cases this target cannot pass yet, with the reason (shown as skipped, never silently dropped). */
  skip?: Partial<Record<CalendarConformanceCase, string>>;
}

interface ExportResult {
  containers: Container[];
  items: ExportedItem<CalendarEvent>[];
  pages: number;
}

const exportAll = (target: CalendarConformanceTarget, ctx: AdapterContext): Promise<ExportResult> =>
  exportAllPages<CalendarEvent>(calendarSupport(target).export!.create(ctx));

function calendarSupport(target: CalendarConformanceTarget) {
  const support = target.provider.dataTypes.calendar;
  if (!support) throw new Error(`${target.name} declares no calendar support`);
  return support;
}

const SUITE_SOURCE = 'conformance:suite:calendar';

/** Source keys the suite gives canonical items when it plays the exporter. */
const suiteKey = (event: CalendarEvent) => `${SUITE_SOURCE}:${matchKey(event, false)}`;
const suiteContainerKey = (calendar: SeedCalendar) => `${SUITE_SOURCE}:container:${calendar.name}`;

interface ImportOutcome {
  destinationIds: Map<string, string>;
  items: ImportItem<CalendarEvent>[];
}

/** Imports the calendars as the engine would: containers first, masters before their overrides, in batches. */
async function importAll(target: CalendarConformanceTarget, ctx: AdapterContext, calendars: readonly SeedCalendar[]): Promise<ImportOutcome> {
  const support = calendarSupport(target).import!;
  const importer = support.create(ctx);
  const destinationIds = new Map<string, string>();
  const masters: ImportItem<CalendarEvent>[] = [];
  const overrides: { item: ImportItem<CalendarEvent>; masterKey: string }[] = [];
  for (const calendar of calendars) {
    const containerId = await importer.ensureContainer(seedContainer(calendar));
    for (const event of calendar.events) {
      const item: ImportItem<CalendarEvent> = { key: suiteKey(event), dataType: 'calendar', title: event.title, data: event, containerId };
      if (event.recurrenceId) overrides.push({ item, masterKey: `${SUITE_SOURCE}:${event.uid}` });
      else masters.push(item);
    }
  }
  const importInBatches = async (items: ImportItem<CalendarEvent>[]) => {
    for (let i = 0; i < items.length; i += support.batchSize) {
      const batch = items.slice(i, i + support.batchSize);
      const results = await importer.importBatch(batch);
      for (const result of results) {
        if (!result.ok) throw new Error(`${target.name} refused ${result.key}: ${result.error.message}`);
        destinationIds.set(result.key, result.destinationId);
      }
      expect(results.map((r) => r.key).sort(), 'one result per item').toEqual(batch.map((b) => b.key).sort());
    }
  };
  await importInBatches(masters);
  const withParents = overrides.map(({ item, masterKey }) => ({ ...item, parentId: destinationIds.get(masterKey) }));
  await importInBatches(withParents);
  return { destinationIds, items: [...masters, ...withParents] };
}

function seedContainer(calendar: SeedCalendar): Container {
  return {
    key: suiteContainerKey(calendar),
    dataType: 'calendar',
    name: calendar.name,
    description: calendar.description,
    timeZone: calendar.timeZone,
    isDefault: calendar.isDefault,
  };
}

/** Pairs exported events with the expected ones (by UID and recurrence id, or by title when the UID is a known loss). */
function pairEvents(target: CalendarConformanceTarget, expected: CalendarEvent[], exported: ExportedItem<CalendarEvent>[]) {
  const byTitle = Boolean(target.knownLosses?.uid);
  const got = new Map<string, CalendarEvent[]>();
  for (const item of exported) {
    const key = matchKey(item.data, byTitle);
    got.set(key, [...(got.get(key) ?? []), item.data]);
  }
  return expected.map((want) => ({ want, got: got.get(matchKey(want, byTitle)) ?? [] }));
}

function expectSameEvent(target: CalendarConformanceTarget, want: CalendarEvent, got: CalendarEvent, fields: readonly string[]) {
  const losses = target.knownLosses ?? {};
  const a = normalizeEvent(want, losses, target.normalize);
  const b = normalizeEvent(got, losses, target.normalize);
  for (const field of fields) {
    if (losses[field]) continue;
    expect(fieldValue(b, field), `${target.name}: ${eventLabel(want)} → ${field}`).toEqual(fieldValue(a, field));
  }
}

const allEvents = (calendars: readonly SeedCalendar[]) => calendars.flatMap((c) => c.events);

export function runCalendarConformance(target: CalendarConformanceTarget): void {
  describe(`calendar conformance: ${target.name}`, () => {
    let account: CalendarConformanceAccount;
    const support = target.provider.dataTypes.calendar;
    const test = (name: CalendarConformanceCase, needs: 'export' | 'import' | 'both', body: () => Promise<void>) => {
      const reason = target.skip?.[name];
      const missing = (needs !== 'import' && !support?.export) || (needs !== 'export' && !support?.import);
      if (reason) it.skip(`${name} (skipped: ${reason})`, body);
      else if (missing) it.skip(`${name} (skipped: ${target.name} does not ${needs} calendars)`, body);
      else it(name, body);
    };

    beforeAll(async () => {
      account = await target.open();
    });
    afterAll(async () => {
      await account?.close();
    });
    beforeEach(async () => {
      await account.reset();
    });

    test('export: keys and containers are well formed', 'export', async () => {
      await account.seed(CANONICAL_CALENDARS);
      const { containers, items } = await exportAll(target, account.ctx);
      const prefix = `${target.provider.id}:${account.ctx.account}:calendar:`;
      const seen = new Set<string>();
      for (const container of containers) {
        expect(container.key.startsWith(`${prefix}container:`), container.key).toBe(true);
        expect(container.dataType).toBe('calendar');
      }
      expect(containers.filter((c) => c.isDefault), 'exactly one default calendar').toHaveLength(1);
      const itemKeys = new Set(items.map((i) => i.key));
      for (const item of items) {
        expect(item.key.startsWith(prefix) && !item.key.startsWith(`${prefix}container:`), item.key).toBe(true);
        expect(item.dataType).toBe('calendar');
        expect(seen.has(item.key), `duplicate key ${item.key}`).toBe(false);
        seen.add(item.key);
        expect(item.title).toBe(item.data.title);
        expect(containers.some((c) => c.key === item.containerKey), `container of ${item.key} emitted`).toBe(true);
        if (item.data.recurrenceId && !target.knownLosses?.recurrenceId) {
          expect(item.parentKey, `override ${item.title} names its series`).toBeDefined();
          expect(itemKeys.has(item.parentKey!), `parent of ${item.title} exported`).toBe(true);
        }
      }
    });

    test('export: every seeded event arrives with every field', 'export', async () => {
      await account.seed(CANONICAL_CALENDARS);
      const { items, containers } = await exportAll(target, account.ctx);
      const expected = allEvents(CANONICAL_CALENDARS);
      expect(items).toHaveLength(expected.length);
      for (const { want, got } of pairEvents(target, expected, items)) {
        expect(got, `${eventLabel(want)} exported once`).toHaveLength(1);
        expectSameEvent(target, want, got[0]!, comparableFields());
      }
      for (const calendar of CANONICAL_CALENDARS.filter((c) => !c.isDefault)) {
        const container = containers.find((c) => c.name === calendar.name);
        expect(container, `calendar ${calendar.name} exported`).toBeDefined();
        const titles = items.filter((i) => i.containerKey === container!.key).map((i) => i.title);
        expect(titles.sort()).toEqual(calendar.events.map((e) => e.title).sort());
      }
    });

    test('export: pagination returns every event exactly once', 'export', async () => {
      const calendar = pagingCalendar(target.pageSize * 3 + 1);
      await account.seed([calendar]);
      const { items, pages } = await exportAll(target, account.ctx);
      expect(pages, 'at least four pages').toBeGreaterThanOrEqual(4);
      expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
      expect(items.map((i) => i.data.uid).sort()).toEqual(calendar.events.map((e) => e.uid).sort());
    });

    test('containers: ensureContainer is idempotent and the default maps to the default', 'both', async () => {
      const importer = calendarSupport(target).import!.create(account.ctx);
      const [defaultCalendar, work] = [CANONICAL_CALENDARS.find((c) => c.isDefault)!, CANONICAL_CALENDARS.find((c) => !c.isDefault)!];
      const workId = await importer.ensureContainer(seedContainer(work));
      expect(await importer.ensureContainer(seedContainer(work))).toBe(workId);
      const defaultId = await importer.ensureContainer(seedContainer(defaultCalendar));
      expect(await importer.ensureContainer(seedContainer(defaultCalendar))).toBe(defaultId);
      expect(defaultId).not.toBe(workId);
      const { containers } = await exportAll(target, account.ctx);
      expect(containers.filter((c) => c.name === work.name), `one ${work.name} calendar`).toHaveLength(1);
      expect(containers.filter((c) => c.isDefault), 'still one default calendar').toHaveLength(1);
    });

    test('import: lookup finds nothing that was never imported', 'import', async () => {
      const importer = calendarSupport(target).import!.create(account.ctx);
      const containerId = await importer.ensureContainer(seedContainer(CANONICAL_CALENDARS[0]!));
      const items = CANONICAL_CALENDARS[0]!.events.filter((e) => !e.recurrenceId).map((event) => ({
        key: suiteKey(event), dataType: 'calendar' as const, title: event.title, data: event, containerId,
      }));
      expect((await importer.lookup(items)).size).toBe(0);
    });

    test('import: everything imported comes back field by field', 'both', async () => {
      await importAll(target, account.ctx, CANONICAL_CALENDARS);
      const { items, containers } = await exportAll(target, account.ctx);
      const expected = allEvents(CANONICAL_CALENDARS);
      expect(items).toHaveLength(expected.length);
      const declared = calendarSupport(target).import!.fields;
      for (const { want, got } of pairEvents(target, expected, items)) {
        expect(got, `${eventLabel(want)} arrived once`).toHaveLength(1);
        expectSameEvent(target, want, got[0]!, comparableFields().filter((f) => declared.includes(f)));
      }
      for (const calendar of CANONICAL_CALENDARS) {
        const container = containers.find((c) => (calendar.isDefault ? c.isDefault : c.name === calendar.name));
        const titles = items.filter((i) => i.containerKey === container?.key).map((i) => i.title);
        expect(titles.sort(), `events of ${calendar.name}`).toEqual(calendar.events.map((e) => e.title).sort());
      }
    });

    test('import: overrides and cancelled instances survive', 'both', async () => {
      await importAll(target, account.ctx, CANONICAL_CALENDARS);
      const { items } = await exportAll(target, account.ctx);
      const expected = allEvents(CANONICAL_CALENDARS).filter((e) => e.recurrenceId || e.recurrence?.exdate.length);
      expect(expected.length, 'the canonical set has series with overrides and cancelled instances').toBeGreaterThanOrEqual(3);
      for (const { want, got } of pairEvents(target, expected, items)) {
        expect(got, `${eventLabel(want)} arrived`).toHaveLength(1);
        expectSameEvent(target, want, got[0]!, ['recurrenceId', 'recurrence.rrule', 'recurrence.exdate', 'start', 'end', 'title']);
      }
    });

    test('import: re-importing creates nothing new', 'both', async () => {
      const first = await importAll(target, account.ctx, CANONICAL_CALENDARS);
      const before = await exportAll(target, account.ctx);
      const second = await importAll(target, account.ctx, CANONICAL_CALENDARS);
      expect(Object.fromEntries(second.destinationIds)).toEqual(Object.fromEntries(first.destinationIds));
      const after = await exportAll(target, account.ctx);
      expect(after.items.length).toBe(before.items.length);
      expect(after.containers.length).toBe(before.containers.length);
      const found = await calendarSupport(target).import!.create(account.ctx).lookup(first.items);
      expect(Object.fromEntries(found)).toEqual(Object.fromEntries(first.destinationIds));
    });

    test('fidelity: every declared import field round-trips', 'both', async () => {
      const declared = calendarSupport(target).import!.fields;
      const unverifiable = declared.filter((f) => target.knownLosses?.[f]);
      expect(unverifiable, 'a field declared importable cannot also be a known loss').toEqual([]);
      await importAll(target, account.ctx, CANONICAL_CALENDARS);
      const { items } = await exportAll(target, account.ctx);
      const expected = allEvents(CANONICAL_CALENDARS);
      for (const field of declared) {
        const carriers = expected.filter((e) => valueAtPath(normalizeEvent(e, {}), field) !== undefined);
        expect(carriers.length, `the canonical set carries ${field}`).toBeGreaterThan(0);
        for (const { want, got } of pairEvents(target, carriers, items)) {
          expect(got, `${eventLabel(want)} arrived once`).toHaveLength(1);
          expectSameEvent(target, want, got[0]!, [field]);
        }
      }
    });
  });
}
