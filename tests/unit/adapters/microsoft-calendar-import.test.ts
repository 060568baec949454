import { describe, expect, it } from 'vitest';
import { MicrosoftCalendarExporter } from '../../../adapters/microsoft/calendar/export';
import { ORIGIN_PROPERTY, SOURCE_KEY_PROPERTY } from '../../../adapters/microsoft/calendar/extended-properties';
import { MicrosoftCalendarImporter, transactionIdOf } from '../../../adapters/microsoft/calendar/import';
import type { AdapterContext, ImportItem } from '../../../model/adapter';
import type { CalendarEvent } from '../../../model/calendar';

/** One request as Graph sees it, top-level or inside a $batch (urls relative to /v1.0). */
interface Seen {
  method: string;
  url: string;
  body?: Record<string, unknown>;
}
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const GRAPH = 'https://sandbox.test/graph.microsoft.com/v1.0';

/** A fake Graph: every request (batched ones unpacked) goes to `answer`; `seen` records them in order. */
function fakeGraph(answer: (r: Seen) => Reply) {
  const seen: Seen[] = [];
  const ctx: AdapterContext = {
    account: 'acc',
    url: (real) => real.replace('https://', 'https://sandbox.test/'),
    fetch: async (url, init) => {
      const method = init?.method ?? 'GET';
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
      const relative = url.slice(GRAPH.length);
      if (relative === '/$batch') {
        const requests = (body!.requests as { id: string; method: string; url: string; body?: Record<string, unknown> }[]);
        const responses = requests.map((r) => {
          const request: Seen = { method: r.method, url: r.url, ...(r.body ? { body: r.body } : {}) };
          seen.push(request);
          return { id: r.id, ...answer(request) };
        });
        return new Response(JSON.stringify({ responses }), { status: 200 });
      }
      const request: Seen = { method, url: relative.startsWith('/') ? relative : url, ...(body ? { body } : {}) };
      seen.push(request);
      const reply = answer(request);
      return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers: reply.headers });
    },
  };
  return { ctx, seen };
}

const graphError = (code: string, message: string) => ({ error: { code, message } });

const berlin = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Berlin' });
const SERIES: CalendarEvent = {
  uid: 'standup@ferry.test',
  title: 'Team sync',
  start: berlin('2025-03-03T09:00:00'),
  end: berlin('2025-03-03T09:30:00'),
  recurrence: { rrule: ['FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10'], rdate: [], exdate: [berlin('2025-03-05T09:00:00')] },
  status: 'confirmed',
  busy: 'busy',
  visibility: 'default',
  attendees: [],
  reminders: [{ minutesBefore: 10, method: 'display' }],
};
const MOVED: CalendarEvent = { ...SERIES, recurrence: undefined, recurrenceId: berlin('2025-03-10T09:00:00'), title: 'Team sync (moved)', start: berlin('2025-03-10T10:00:00'), end: berlin('2025-03-10T10:45:00') };

const item = (key: string, data: CalendarEvent, extra: Pick<Partial<ImportItem>, 'parentId'> = {}): ImportItem<CalendarEvent> => ({
  key,
  dataType: 'calendar',
  title: data.title,
  data,
  containerId: 'cal-1',
  ...extra,
});

/** Instances of the series around a window, as Graph lists them with Prefer UTC. */
const instances = (...list: { id: string; originalStart: string; type?: string }[]) => ({
  status: 200,
  body: { value: list.map((i) => ({ type: 'occurrence', ...i })) },
});

describe('Microsoft calendar importer', () => {
  it('creates a series once per source key, then removes its cancelled occurrences', async () => {
    const { ctx, seen } = fakeGraph((r) => {
      if (r.method === 'POST') return { status: 201, body: { id: 'master-1' } };
      if (r.url.startsWith('/me/events/master-1/instances')) {
        return instances({ id: 'occ-0304', originalStart: '2025-03-04T08:00:00Z' }, { id: 'occ-0305', originalStart: '2025-03-05T08:00:00Z' });
      }
      if (r.method === 'DELETE') return { status: 204 };
      return { status: 500 };
    });
    const [result] = await new MicrosoftCalendarImporter(ctx).importBatch([item('src:standup', SERIES)]);
    expect(result).toEqual({ key: 'src:standup', ok: true, destinationId: 'master-1' });
    const create = seen[0]!;
    expect(create.url).toBe('/me/calendars/cal-1/events');
    expect(create.body!.transactionId).toBe(await transactionIdOf('src:standup'));
    expect(await transactionIdOf('src:standup')).toMatch(/^ferry-[0-9a-f]{40}$/);
    expect(create.body!.singleValueExtendedProperties).toEqual([
      { id: ORIGIN_PROPERTY, value: JSON.stringify({ uid: 'standup@ferry.test', startTimeZone: 'Europe/Berlin' }) },
      { id: SOURCE_KEY_PROPERTY, value: 'src:standup' },
    ]);
    const window = new URL(`https://x${seen[1]!.url}`).searchParams;
    expect([window.get('startDateTime'), window.get('endDateTime')]).toEqual(['2025-03-04T08:00:00Z', '2025-03-06T08:00:00Z']);
    expect(seen[2]).toEqual({ method: 'DELETE', url: '/me/events/occ-0305' });
    expect(seen).toHaveLength(3);
  });

  it.each([
    [400, 'ErrorDuplicateTransactionId'],
    [409, 'ErrorItemAlreadyExists'],
  ])('finds a create refused as a duplicate (%i %s) by its source key', async (status, code) => {
    const { ctx, seen } = fakeGraph((r) => {
      if (r.method === 'POST') return { status, body: graphError(code, 'Already made.') };
      return { status: 200, body: { value: [{ id: 'made-before' }] } };
    });
    const single = { ...SERIES, recurrence: undefined };
    const [result] = await new MicrosoftCalendarImporter(ctx).importBatch([item("src:o'brien", single)]);
    expect(result).toMatchObject({ ok: true, destinationId: 'made-before' });
    const filter = new URL(`https://x${seen[1]!.url}`).searchParams.get('$filter');
    expect(filter).toBe(`singleValueExtendedProperties/Any(ep: ep/id eq '${SOURCE_KEY_PROPERTY}' and ep/value eq 'src:o''brien')`);
  });

  it('reports a cancelled occurrence Outlook refused to remove, and retries the item when Outlook was busy', async () => {
    const refuse = fakeGraph((r) => {
      if (r.method === 'POST') return { status: 201, body: { id: 'master-1' } };
      if (r.method === 'GET') return instances({ id: 'occ-0305', originalStart: '2025-03-05T08:00:00Z' });
      return { status: 400, body: graphError('ErrorInvalidRequest', 'Cannot delete this one.') };
    });
    const [refused] = await new MicrosoftCalendarImporter(refuse.ctx).importBatch([item('src:standup', SERIES)]);
    expect(refused).toEqual({
      key: 'src:standup',
      ok: true,
      destinationId: 'master-1',
      lost: [{ field: 'recurrence.exdate', reason: 'Outlook did not remove the occurrence on 2025-03-05T09:00:00 Europe/Berlin: Cannot delete this one.' }],
    });
    const busy = fakeGraph((r) => {
      if (r.method === 'POST') return { status: 201, body: { id: 'master-1' } };
      return { status: 429, headers: { 'Retry-After': '4' }, body: graphError('ApplicationThrottled', 'Slow down.') };
    });
    const [retried] = await new MicrosoftCalendarImporter(busy.ctx).importBatch([item('src:standup', SERIES)]);
    expect(retried).toMatchObject({ ok: false, error: { errorClass: 'retry', details: { retryAfterMs: 4000 } } });
  });

  it('passes per-item refusals back with Graph own message and keeps the rest', async () => {
    const { ctx } = fakeGraph((r) =>
      r.body?.subject === 'Bad'
        ? { status: 400, body: graphError('ErrorInvalidRequest', "Your request can't be completed.") }
        : { status: 201, body: { id: `id-${String(r.body?.subject)}` } },
    );
    const single = { ...SERIES, recurrence: undefined };
    const results = await new MicrosoftCalendarImporter(ctx).importBatch([
      item('a', { ...single, title: 'Good', status: 'tentative' }),
      item('b', { ...single, title: 'Bad' }),
    ]);
    expect(results[0]).toEqual({ key: 'a', ok: true, destinationId: 'id-Good', lost: [{ field: 'status', reason: expect.stringContaining('tentative') }] });
    expect(results[1]).toMatchObject({ key: 'b', ok: false, error: { errorClass: 'skip', message: "Microsoft refused this: Your request can't be completed." } });
  });

  it('changes an occurrence in place, found by its original start, and deletes a cancelled one', async () => {
    const { ctx, seen } = fakeGraph((r) => {
      if (r.method === 'GET') return instances({ id: 'occ-0310', originalStart: '2025-03-10T08:00:00Z' }, { id: 'occ-0312', originalStart: '2025-03-12T08:00:00Z' });
      if (r.method === 'PATCH') return { status: 200, body: { id: 'occ-0310' } };
      return { status: 204 };
    });
    const cancelled = { ...MOVED, recurrenceId: berlin('2025-03-12T09:00:00'), start: berlin('2025-03-12T09:00:00'), end: berlin('2025-03-12T09:30:00'), status: 'cancelled' as const };
    const results = await new MicrosoftCalendarImporter(ctx).importBatch([
      item('src:moved', MOVED, { parentId: 'master-1' }),
      item('src:gone', cancelled, { parentId: 'master-1' }),
    ]);
    expect(results).toEqual([
      { key: 'src:moved', ok: true, destinationId: 'occ-0310' },
      { key: 'src:gone', ok: true, destinationId: 'master-1/cancelled/2025-03-12T08:00:00Z' },
    ]);
    const patch = seen.find((s) => s.method === 'PATCH')!;
    expect(patch.url).toBe('/me/events/occ-0310');
    expect(patch.body).toMatchObject({ subject: 'Team sync (moved)', start: { dateTime: '2025-03-10T10:00:00', timeZone: 'W. Europe Standard Time' } });
    expect(patch.body!.recurrence).toBeUndefined();
    expect(seen.find((s) => s.method === 'DELETE')!.url).toBe('/me/events/occ-0312');
  });

  it('takes a cancelled occurrence that is gone already as done, under the same id', async () => {
    const { ctx, seen } = fakeGraph(() => instances());
    const cancelled = { ...MOVED, status: 'cancelled' as const };
    const importer = new MicrosoftCalendarImporter(ctx);
    expect(await importer.importBatch([item('src:gone', cancelled, { parentId: 'master-1' })])).toEqual([
      { key: 'src:gone', ok: true, destinationId: 'master-1/cancelled/2025-03-10T08:00:00Z' },
    ]);
    expect(seen.every((s) => s.method === 'GET')).toBe(true);
    expect(Object.fromEntries(await importer.lookup([item('src:gone', cancelled, { parentId: 'master-1' })]))).toEqual({
      'src:gone': 'master-1/cancelled/2025-03-10T08:00:00Z',
    });
  });

  it('skips a change whose occurrence or series is missing, saying why', async () => {
    const { ctx } = fakeGraph(() => instances());
    const [missing, orphan] = await new MicrosoftCalendarImporter(ctx).importBatch([
      item('src:moved', MOVED, { parentId: 'master-1' }),
      item('src:orphan', MOVED),
    ]);
    expect(missing).toMatchObject({ ok: false, error: { errorClass: 'skip', message: expect.stringContaining('no occurrence on 2025-03-10T09:00:00 Europe/Berlin') } });
    expect(orphan).toMatchObject({ ok: false, error: { errorClass: 'skip', message: expect.stringContaining('was not imported') } });
  });

  it('looks up series by source key and changed occurrences among the instances', async () => {
    const { ctx } = fakeGraph((r) => {
      if (r.url.includes('$filter')) return { status: 200, body: { value: r.url.includes('found') ? [{ id: 'master-1' }] : [] } };
      return instances({ id: 'occ-0310', originalStart: '2025-03-10T08:00:00Z', type: 'exception' });
    });
    const found = await new MicrosoftCalendarImporter(ctx).lookup([
      item('src:found', SERIES),
      item('src:never', SERIES),
      item('src:moved', MOVED, { parentId: 'master-1' }),
    ]);
    expect(Object.fromEntries(found)).toEqual({ 'src:found': 'master-1', 'src:moved': 'occ-0310' });
    const untouched = fakeGraph(() => instances({ id: 'occ-0310', originalStart: '2025-03-10T08:00:00Z' }));
    expect((await new MicrosoftCalendarImporter(untouched.ctx).lookup([item('src:moved', MOVED, { parentId: 'master-1' })])).size).toBe(0);
  });

  it('ensures containers: the default calendar, one of the same name, or a new one', async () => {
    let calendars = [{ id: 'cal-default', name: 'Calendar', isDefaultCalendar: true }, { id: 'cal-work', name: 'Work', canEdit: true }];
    const { ctx, seen } = fakeGraph((r) => {
      if (r.url.startsWith('/me/calendar?')) return { status: 200, body: calendars[0] };
      if (r.method === 'GET') return { status: 200, body: { value: calendars } };
      calendars = [...calendars, { id: 'cal-new', name: String(r.body!.name), canEdit: true }];
      return { status: 201, body: { id: 'cal-new' } };
    });
    const importer = new MicrosoftCalendarImporter(ctx);
    expect(await importer.ensureContainer({ key: 'k1', dataType: 'calendar', name: 'Alice', isDefault: true })).toBe('cal-default');
    expect(await importer.ensureContainer({ key: 'k2', dataType: 'calendar', name: 'work' })).toBe('cal-work');
    expect(await importer.ensureContainer({ key: 'k3', dataType: 'calendar', name: 'Trips' })).toBe('cal-new');
    expect(await importer.ensureContainer({ key: 'k3', dataType: 'calendar', name: 'Trips' })).toBe('cal-new');
    expect(seen.filter((s) => s.method === 'POST')).toEqual([{ method: 'POST', url: '/me/calendars', body: { name: 'Trips' } }]);
  });

  it('takes a calendar made meanwhile when the create answers 409', async () => {
    let made = false;
    const { ctx } = fakeGraph((r) => {
      if (r.method === 'POST') {
        made = true;
        return { status: 409, body: graphError('ErrorFolderExists', 'A folder with the specified name already exists.') };
      }
      return { status: 200, body: { value: made ? [{ id: 'cal-trips', name: 'Trips' }] : [] } };
    });
    expect(await new MicrosoftCalendarImporter(ctx).ensureContainer({ key: 'k', dataType: 'calendar', name: 'Trips' })).toBe('cal-trips');
  });
});

describe('Microsoft calendar exporter', () => {
  it('pages through calendars and events, masters before their exceptions', async () => {
    const master = {
      id: 'm1',
      subject: 'Series',
      start: { dateTime: '2025-03-03T08:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2025-03-03T08:30:00.0000000', timeZone: 'UTC' },
      originalStartTimeZone: 'W. Europe Standard Time',
      originalEndTimeZone: 'W. Europe Standard Time',
      type: 'seriesMaster',
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2025-03-03', numberOfOccurrences: 3 } },
      exceptionOccurrences: [{ id: 'x1', subject: 'Moved', originalStart: '2025-03-04T08:00:00Z', start: { dateTime: '2025-03-04T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2025-03-04T09:30:00', timeZone: 'UTC' } }],
    };
    const { ctx, seen } = fakeGraph((r) => {
      if (r.url.startsWith('/me/calendars?')) return { status: 200, body: { value: [{ id: 'c1', name: 'Calendar', isDefaultCalendar: true, hexColor: '#A1B2C3' }, { id: 'c2', name: 'Work' }] } };
      // As Graph: a list leaves out the master's occurrences; a GET of the master by id has them.
      if (r.url.startsWith('/me/calendars/c1/events/m1?')) return { status: 200, body: master };
      if (r.url.startsWith('/me/calendars/c1/events?')) {
        return { status: 200, body: { value: [{ ...master, exceptionOccurrences: undefined }], '@odata.nextLink': 'https://127.0.0.1:1/next-page' } };
      }
      if (r.url === 'https://127.0.0.1:1/next-page') return { status: 200, body: { value: [{ ...master, id: 's1', recurrence: null, exceptionOccurrences: undefined, type: 'singleInstance' }] } };
      return { status: 200, body: { value: [] } };
    });
    const exporter = new MicrosoftCalendarExporter(ctx, 7);
    const first = await exporter.exportPage(undefined);
    expect(first.containers).toEqual([
      { key: 'microsoft:acc:calendar:container:c1', dataType: 'calendar', name: 'Calendar', color: '#a1b2c3', isDefault: true },
      { key: 'microsoft:acc:calendar:container:c2', dataType: 'calendar', name: 'Work' },
    ]);
    expect(first.items.map((i) => [i.key, i.parentKey, i.title])).toEqual([
      ['microsoft:acc:calendar:m1', undefined, 'Series'],
      ['microsoft:acc:calendar:x1', 'microsoft:acc:calendar:m1', 'Moved'],
    ]);
    expect((first.items[1]!.data as CalendarEvent).recurrenceId).toEqual({ dateTime: '2025-03-04T09:00:00', timeZone: 'Europe/Berlin' });
    const list = new URL(`https://x${seen[1]!.url}`).searchParams;
    expect(list.get('$top')).toBe('7');
    expect(list.get('$select')).not.toContain('cancelledOccurrences');
    expect(list.get('$expand')).toBe(`singleValueExtendedProperties($filter=id eq '${ORIGIN_PROPERTY}')`);
    const byId = new URL(`https://x${seen[2]!.url}`).searchParams;
    expect(byId.get('$select')).toContain('cancelledOccurrences');
    expect(byId.get('$expand')).toBe(`exceptionOccurrences,singleValueExtendedProperties($filter=id eq '${ORIGIN_PROPERTY}')`);
    const second = await exporter.exportPage(first.next);
    expect(second.items.map((i) => i.key)).toEqual(['microsoft:acc:calendar:s1']);
    expect(second.containers).toEqual([]);
    const third = await exporter.exportPage(second.next);
    expect(third.items).toEqual([]);
    expect(third.next).toBeUndefined();
  });
});
