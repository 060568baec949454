import { describe, expect, it } from 'vitest';
import { GoogleCalendarImporter, SOURCE_PROPERTY } from '../../../adapters/google/calendar/import';
import type { AdapterContext, ImportItem } from '../../../model/adapter';
import type { CalendarEvent } from '../../../model/calendar';

interface Call {
  method: string;
  path: string;
  body?: Record<string, unknown>;
}
type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** A fake Google: unpacks batches into calls, answers each with `answer`, and records them all. */
function fakeGoogle(answer: (call: Call) => Reply) {
  const calls: Call[] = [];
  const respond = (reply: Reply) => new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers: reply.headers });
  const ctx: AdapterContext = {
    account: 'acct',
    url: (real) => real,
    fetch: async (url, init) => {
      const { pathname, search } = new URL(url);
      if (pathname !== '/batch/calendar/v3') {
        const call = { method: init?.method ?? 'GET', path: `${pathname}${search}`, body: init?.body ? JSON.parse(String(init.body)) : undefined };
        calls.push(call);
        return respond(answer(call));
      }
      const boundary = /boundary=(\S+)/.exec(new Headers(init?.headers).get('content-type') ?? '')![1]!;
      const parts = String(init?.body).split(`--${boundary}`).slice(1, -1);
      const out = parts.map((part) => {
        const id = /Content-ID: <(.+)>/.exec(part)![1];
        const [, method, path] = /\r\n\r\n(\w+) (\S+) HTTP\/1\.1/.exec(part)!;
        const json = /\r\n\r\n(\{.*\})\r\n$/s.exec(part.split('HTTP/1.1')[1]!)?.[1];
        const call = { method: method!, path: path!, body: json ? JSON.parse(json) : undefined };
        calls.push(call);
        const reply = answer(call);
        const head = [`HTTP/1.1 ${reply.status} X`, ...Object.entries(reply.headers ?? {}).map(([k, v]) => `${k}: ${v}`)];
        return `--B\r\nContent-Type: application/http\r\nContent-ID: <response-${id}>\r\n\r\n${head.join('\r\n')}\r\n\r\n${reply.body === undefined ? '' : JSON.stringify(reply.body)}\r\n`;
      });
      return new Response(`${out.join('')}--B--\r\n`, { headers: { 'content-type': 'multipart/mixed; boundary=B' } });
    },
  };
  return { ctx, calls };
}

const googleError = (code: number, reason: string, message: string) => ({ error: { code, message, errors: [{ domain: 'global', reason, message }] } });

const event = (overrides: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: 'series@example.com',
  title: 'Team sync',
  start: { dateTime: '2025-03-03T09:00:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2025-03-03T09:30:00', timeZone: 'Europe/Berlin' },
  status: 'confirmed',
  busy: 'busy',
  visibility: 'default',
  attendees: [],
  ...overrides,
});

const item = (key: string, data: CalendarEvent, extra: Partial<ImportItem<CalendarEvent>> = {}): ImportItem<CalendarEvent> => ({
  key,
  dataType: 'calendar',
  title: data.title,
  data,
  containerId: 'work@group.calendar.google.com',
  ...extra,
});

const EVENTS = '/calendar/v3/calendars/work%40group.calendar.google.com/events';

describe('GoogleCalendarImporter.importBatch', () => {
  it('imports series with their UID and source key, and changes and cancels instances by their ids', async () => {
    const { ctx, calls } = fakeGoogle((call) =>
      call.method === 'POST' ? { status: 200, body: { id: 'ser1' } } : call.method === 'PUT' ? { status: 200, body: { id: 'ser1_20250310T080000Z' } } : { status: 204 },
    );
    const moved = event({ recurrenceId: { dateTime: '2025-03-10T09:00:00', timeZone: 'Europe/Berlin' }, title: 'Moved', busy: 'oof' });
    const cancelled = event({ recurrenceId: { dateTime: '2025-03-12T09:00:00', timeZone: 'Europe/Berlin' }, status: 'cancelled' });
    const results = await new GoogleCalendarImporter(ctx).importBatch([
      item('src:series', event({ recurrence: { rrule: ['FREQ=WEEKLY;BYDAY=MO,WE'], rdate: [], exdate: [] } })),
      item('src:moved', moved, { parentId: 'ser1' }),
      item('src:cancelled', cancelled, { parentId: 'ser1' }),
    ]);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `POST ${EVENTS}/import`,
      `PUT ${EVENTS}/ser1_20250310T080000Z`,
      `DELETE ${EVENTS}/ser1_20250312T080000Z`,
    ]);
    expect(calls[0]!.body).toMatchObject({ iCalUID: 'series@example.com', recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE'], extendedProperties: { private: { [SOURCE_PROPERTY]: 'src:series' } } });
    expect(calls[1]!.body).toMatchObject({ summary: 'Moved', extendedProperties: { private: { [SOURCE_PROPERTY]: 'src:moved' } } });
    expect(calls[1]!.body).not.toHaveProperty('iCalUID');
    expect(results).toEqual([
      { key: 'src:series', ok: true, destinationId: 'ser1' },
      { key: 'src:moved', ok: true, destinationId: 'ser1_20250310T080000Z', lost: [expect.objectContaining({ field: 'busy' })] },
      { key: 'src:cancelled', ok: true, destinationId: 'ser1_20250312T080000Z' },
    ]);
  });

  it('counts an instance cancelled before (410) as done', async () => {
    const { ctx } = fakeGoogle(() => ({ status: 410, body: googleError(410, 'deleted', 'Resource has been deleted') }));
    const cancelled = event({ recurrenceId: { date: '2025-03-12' }, status: 'cancelled', start: { date: '2025-03-12' }, end: { date: '2025-03-13' } });
    expect(await new GoogleCalendarImporter(ctx).importBatch([item('src:c', cancelled, { parentId: 'ser1' })])).toEqual([
      { key: 'src:c', ok: true, destinationId: 'ser1_20250312' },
    ]);
  });

  it('says which occurrence is missing when the series has none there', async () => {
    const { ctx } = fakeGoogle(() => ({ status: 404, body: googleError(404, 'notFound', 'Not Found') }));
    const moved = event({ recurrenceId: { dateTime: '2025-03-11T09:00:00', timeZone: 'Europe/Berlin' } });
    const [result] = await new GoogleCalendarImporter(ctx).importBatch([item('src:m', moved, { parentId: 'ser1' })]);
    expect(result).toMatchObject({ ok: false, error: { errorClass: 'skip', message: expect.stringContaining('no occurrence on 2025-03-11T09:00:00 Europe/Berlin'), details: { status: 404, providerMessage: 'Not Found' } } });
  });

  it('answers a 409 duplicate with the event Google already holds for that UID', async () => {
    const { ctx, calls } = fakeGoogle((call) =>
      call.method === 'POST'
        ? { status: 409, body: googleError(409, 'duplicate', 'The requested identifier already exists.') }
        : { status: 200, body: { items: [{ id: 'inst_1', recurringEventId: 'old1' }, { id: 'old1', iCalUID: 'series@example.com' }] } },
    );
    const results = await new GoogleCalendarImporter(ctx).importBatch([item('src:series', event())]);
    expect(calls[1]!.path).toBe(`${EVENTS}?iCalUID=series%40example.com`);
    expect(results).toEqual([{ key: 'src:series', ok: true, destinationId: 'old1' }]);
  });

  it('refuses a cancelled instance whose series is not at Google without asking Google', async () => {
    const { ctx, calls } = fakeGoogle(() => ({ status: 200, body: { id: 'x1' } }));
    const results = await new GoogleCalendarImporter(ctx).importBatch([
      item('src:orphan', event({ recurrenceId: { dateTime: '2025-03-12T09:00:00', timeZone: 'UTC' }, status: 'cancelled' })),
      item('src:single', event()),
    ]);
    expect(calls).toHaveLength(1);
    expect(results[0]).toMatchObject({ key: 'src:orphan', ok: false, error: { errorClass: 'skip' } });
    expect(results[1]).toEqual({ key: 'src:single', ok: true, destinationId: 'x1' });
  });

  it('keeps an instance whose series did not arrive as a single event and says so', async () => {
    const { ctx, calls } = fakeGoogle(() => ({ status: 200, body: { id: 'x1' } }));
    const [result] = await new GoogleCalendarImporter(ctx).importBatch([
      item('src:orphan', event({ recurrenceId: { dateTime: '2025-03-12T09:00:00', timeZone: 'UTC' } })),
    ]);
    expect(calls[0]!.path).toBe(`${EVENTS}/import`);
    expect(result).toEqual({ key: 'src:orphan', ok: true, destinationId: 'x1', lost: [expect.objectContaining({ field: 'recurrenceId' })] });
  });

  it('pins floating times to the calendar zone, read once from the calendar list', async () => {
    const { ctx, calls } = fakeGoogle((call) =>
      call.method === 'GET' ? { status: 200, body: { id: 'work@group.calendar.google.com', timeZone: 'Asia/Tokyo' } } : { status: 200, body: { id: 'x1' } },
    );
    const floating = event({ start: { dateTime: '2025-03-03T09:00:00' }, end: { dateTime: '2025-03-03T10:00:00' } });
    const importer = new GoogleCalendarImporter(ctx);
    const [result] = await importer.importBatch([item('a', floating), item('b', floating)]);
    expect(calls.filter((c) => c.method === 'GET').map((c) => c.path)).toEqual(['/calendar/v3/users/me/calendarList/work%40group.calendar.google.com']);
    expect(calls[1]!.body).toMatchObject({ start: { dateTime: '2025-03-03T09:00:00', timeZone: 'Asia/Tokyo' } });
    expect(result).toMatchObject({ ok: true, lost: [{ field: 'start.timeZone' }, { field: 'end.timeZone' }] });
  });

  it('gives per-item errors with Google message, and throws when every item must wait', async () => {
    const { ctx } = fakeGoogle((call) =>
      call.body?.summary === 'bad' ? { status: 400, body: googleError(400, 'invalid', 'Invalid start time.') } : { status: 200, body: { id: 'ok1' } },
    );
    const results = await new GoogleCalendarImporter(ctx).importBatch([item('bad', event({ title: 'bad' })), item('good', event({ uid: 'other' }))]);
    expect(results[0]).toMatchObject({ ok: false, error: { errorClass: 'skip', details: { providerMessage: 'Invalid start time.' } } });
    expect(results[1]).toMatchObject({ ok: true, destinationId: 'ok1' });

    const limited = fakeGoogle(() => ({ status: 429, body: googleError(429, 'rateLimitExceeded', 'Rate Limit Exceeded'), headers: { 'Retry-After': '9' } }));
    await expect(new GoogleCalendarImporter(limited.ctx).importBatch([item('a', event()), item('b', event({ uid: 'b' }))])).rejects.toMatchObject({
      errorClass: 'retry',
      details: { retryAfterMs: 9000 },
    });
  });

  it('throws a fatal error from any part', async () => {
    const { ctx } = fakeGoogle((call) =>
      call.body?.summary === 'a' ? { status: 403, body: googleError(403, 'insufficientPermissions', 'Insufficient Permission') } : { status: 200, body: { id: 'ok' } },
    );
    await expect(new GoogleCalendarImporter(ctx).importBatch([item('a', event({ title: 'a' })), item('b', event({ uid: 'b' }))])).rejects.toMatchObject({
      errorClass: 'fatal',
      details: { fatalReason: 'forbidden' },
    });
  });
});

describe('GoogleCalendarImporter.lookup', () => {
  it('finds series by UID and instances by the source key on them', async () => {
    const { ctx, calls } = fakeGoogle((call) => {
      if (call.path.includes('iCalUID=series')) return { status: 200, body: { items: [{ id: 'ser1' }] } };
      if (call.path.includes('iCalUID=')) return { status: 200, body: { items: [] } };
      if (call.path.endsWith('_20250310T080000Z')) return { status: 200, body: { id: 'ser1_20250310T080000Z', extendedProperties: { private: { [SOURCE_PROPERTY]: 'src:moved' } } } };
      if (call.path.endsWith('_20250317T080000Z')) return { status: 200, body: { id: 'ser1_20250317T080000Z' } };
      if (call.path.endsWith('_20250312T080000Z')) return { status: 410, body: googleError(410, 'deleted', 'Resource has been deleted') };
      return { status: 404, body: googleError(404, 'notFound', 'Not Found') };
    });
    const at = (day: string) => ({ dateTime: `2025-03-${day}T09:00:00`, timeZone: 'Europe/Berlin' });
    const found = await new GoogleCalendarImporter(ctx).lookup([
      item('src:series', event()),
      item('src:never', event({ uid: 'never@example.com' })),
      item('src:moved', event({ recurrenceId: at('10') }), { parentId: 'ser1' }),
      item('src:untouched', event({ recurrenceId: at('17') }), { parentId: 'ser1' }),
      item('src:cancelled', event({ recurrenceId: at('12'), status: 'cancelled' }), { parentId: 'ser1' }),
      item('src:missing', event({ recurrenceId: at('19') }), { parentId: 'ser1' }),
    ]);
    expect(calls).toHaveLength(6);
    expect(Object.fromEntries(found)).toEqual({
      'src:series': 'ser1',
      'src:moved': 'ser1_20250310T080000Z',
      'src:cancelled': 'ser1_20250312T080000Z',
    });
  });
});

describe('GoogleCalendarImporter.ensureContainer', () => {
  const container = { key: 'src:container:work', dataType: 'calendar' as const, name: 'Work', description: 'Shifts', timeZone: 'America/New_York', color: '#ffd700' };

  it('maps the default calendar to primary without asking Google', async () => {
    const { ctx, calls } = fakeGoogle(() => ({ status: 500 }));
    expect(await new GoogleCalendarImporter(ctx).ensureContainer({ ...container, isDefault: true })).toBe('primary');
    expect(calls).toEqual([]);
  });

  it('finds an owned calendar of the same name', async () => {
    const { ctx, calls } = fakeGoogle(() => ({ status: 200, body: { items: [{ id: 'other', summary: 'Home' }, { id: 'work1', summary: 'Work' }] } }));
    expect(await new GoogleCalendarImporter(ctx).ensureContainer(container)).toBe('work1');
    expect(calls.map((c) => c.path)).toEqual(['/calendar/v3/users/me/calendarList?maxResults=250&minAccessRole=owner&showHidden=true']);
  });

  it('creates the calendar and paints it', async () => {
    const { ctx, calls } = fakeGoogle((call) =>
      call.method === 'GET' ? { status: 200, body: { items: [] } } : call.method === 'POST' ? { status: 200, body: { id: 'new1', timeZone: 'America/New_York' } } : { status: 200, body: {} },
    );
    expect(await new GoogleCalendarImporter(ctx).ensureContainer(container)).toBe('new1');
    expect(calls.slice(1)).toEqual([
      { method: 'POST', path: '/calendar/v3/calendars', body: { summary: 'Work', description: 'Shifts', timeZone: 'America/New_York' } },
      { method: 'PATCH', path: '/calendar/v3/users/me/calendarList/new1?colorRgbFormat=true', body: { backgroundColor: '#ffd700', foregroundColor: '#000000' } },
    ]);
  });
});
