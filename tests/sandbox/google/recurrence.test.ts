import { beforeEach, describe, expect, it } from 'vitest';
import { api, makeSandbox, tokenFor, type GoogleSandbox } from './test-support';

let sandbox: GoogleSandbox;
let token: string;

beforeEach(async () => {
  ({ sandbox } = makeSandbox());
  token = await tokenFor(sandbox);
});

const weekly = {
  id: 'stand001',
  summary: 'Standup',
  start: { dateTime: '2025-03-24T09:00:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2025-03-24T09:15:00', timeZone: 'Europe/Berlin' },
  recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;TZID=Europe/Berlin:20250407T090000'],
};

const ids = (items: { id: string }[]) => items.map((e) => e.id);

describe('events.instances', () => {
  it('expands RRULE with EXDATE in the event zone across a DST change, with Google instance ids', async () => {
    await api(sandbox, token, 'POST', '/calendars/primary/events', weekly);
    const r = await api(sandbox, token, 'GET', '/calendars/primary/events/stand001/instances');
    expect(r.status).toBe(200);
    expect(r.body.kind).toBe('calendar#events');
    expect(ids(r.body.items)).toEqual(['stand001_20250324T080000Z', 'stand001_20250331T070000Z', 'stand001_20250414T070000Z']);
    expect(r.body.items[1]).toMatchObject({
      recurringEventId: 'stand001',
      originalStartTime: { dateTime: '2025-03-31T09:00:00+02:00', timeZone: 'Europe/Berlin' },
      start: { dateTime: '2025-03-31T09:00:00+02:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2025-03-31T09:15:00+02:00', timeZone: 'Europe/Berlin' },
      summary: 'Standup',
      iCalUID: 'stand001@google.com',
    });
    expect(r.body.items[1].recurrence).toBeUndefined();
  });

  it('all-day series use <id>_<YYYYMMDD> and RDATE adds instances', async () => {
    await api(sandbox, token, 'POST', '/calendars/primary/events', {
      id: 'birth001',
      start: { date: '2025-06-01' },
      end: { date: '2025-06-02' },
      recurrence: ['RRULE:FREQ=YEARLY;UNTIL=20270601', 'RDATE;VALUE=DATE:20251224'],
    });
    const r = await api(sandbox, token, 'GET', '/calendars/primary/events/birth001/instances');
    expect(r.body.items.map((e: { id: string; start: object; end: object }) => [e.id, e.start, e.end])).toEqual([
      ['birth001_20250601', { date: '2025-06-01' }, { date: '2025-06-02' }],
      ['birth001_20251224', { date: '2025-12-24' }, { date: '2025-12-25' }],
      ['birth001_20260601', { date: '2026-06-01' }, { date: '2026-06-02' }],
      ['birth001_20270601', { date: '2027-06-01' }, { date: '2027-06-02' }],
    ]);
  });

  it('PATCH on an instance id stores an exception; DELETE on one cancels it', async () => {
    await api(sandbox, token, 'POST', '/calendars/primary/events', weekly);
    const moved = await api(sandbox, token, 'PATCH', '/calendars/primary/events/stand001_20250331T070000Z', {
      summary: 'Standup (moved)',
      start: { dateTime: '2025-03-31T10:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2025-03-31T10:15:00', timeZone: 'Europe/Berlin' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      id: 'stand001_20250331T070000Z',
      recurringEventId: 'stand001',
      originalStartTime: { dateTime: '2025-03-31T09:00:00+02:00', timeZone: 'Europe/Berlin' },
      start: { dateTime: '2025-03-31T10:00:00+02:00', timeZone: 'Europe/Berlin' },
      summary: 'Standup (moved)',
      iCalUID: 'stand001@google.com',
    });
    expect((await api(sandbox, token, 'DELETE', '/calendars/primary/events/stand001_20250414T070000Z')).status).toBe(204);

    const instances = await api(sandbox, token, 'GET', '/calendars/primary/events/stand001/instances');
    expect(instances.body.items.map((e: { id: string; summary: string }) => [e.id, e.summary])).toEqual([
      ['stand001_20250324T080000Z', 'Standup'],
      ['stand001_20250331T070000Z', 'Standup (moved)'],
    ]);
    const withDeleted = await api(sandbox, token, 'GET', '/calendars/primary/events/stand001/instances?showDeleted=true');
    expect(withDeleted.body.items[2]).toEqual({
      kind: 'calendar#event',
      etag: expect.any(String),
      id: 'stand001_20250414T070000Z',
      status: 'cancelled',
      recurringEventId: 'stand001',
      originalStartTime: { dateTime: '2025-04-14T09:00:00+02:00', timeZone: 'Europe/Berlin' },
    });

    const listed = await api(sandbox, token, 'GET', '/calendars/primary/events');
    expect(listed.body.items.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual([
      ['stand001', 'confirmed'],
      ['stand001_20250331T070000Z', 'confirmed'],
      ['stand001_20250414T070000Z', 'cancelled'],
    ]);
    expect(listed.body.items[0].recurrence).toEqual(weekly.recurrence);

    const single = await api(sandbox, token, 'GET', '/calendars/primary/events?singleEvents=true&orderBy=startTime');
    expect(single.body.items.map((e: { id: string; start: { dateTime: string } }) => [e.id, e.start.dateTime])).toEqual([
      ['stand001_20250324T080000Z', '2025-03-24T09:00:00+01:00'],
      ['stand001_20250331T070000Z', '2025-03-31T10:00:00+02:00'],
    ]);
  });

  it('events.get answers an instance id; an id that is no instance is 404', async () => {
    await api(sandbox, token, 'POST', '/calendars/primary/events', weekly);
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events/stand001_20250324T080000Z')).body.recurringEventId).toBe('stand001');
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events/stand001_20250407T070000Z')).status).toBe(404);
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events/stand001_20250325T080000Z')).status).toBe(404);
  });

  it('deleting the series cancels it and its exceptions', async () => {
    await api(sandbox, token, 'POST', '/calendars/primary/events', weekly);
    await api(sandbox, token, 'PATCH', '/calendars/primary/events/stand001_20250331T070000Z', { summary: 'x' });
    await api(sandbox, token, 'DELETE', '/calendars/primary/events/stand001');
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events?singleEvents=true')).body.items).toEqual([]);
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events/stand001_20250331T070000Z')).body.status).toBe('cancelled');
  });

  it('timeMin/timeMax limit the expansion of an endless series', async () => {
    await api(sandbox, token, 'POST', '/calendars/primary/events', { ...weekly, recurrence: ['RRULE:FREQ=DAILY'] });
    const r = await api(sandbox, token, 'GET', '/calendars/primary/events/stand001/instances?timeMin=2026-01-01T00:00:00Z&timeMax=2026-01-04T00:00:00Z');
    expect(ids(r.body.items)).toEqual(['stand001_20260101T080000Z', 'stand001_20260102T080000Z', 'stand001_20260103T080000Z']);
    const far = await api(sandbox, token, 'GET', '/calendars/primary/events/stand001_20300101T080000Z');
    expect(far.body.start.dateTime).toBe('2030-01-01T09:00:00+01:00');
  });
});

describe('events.import', () => {
  const imported = {
    iCalUID: 'ABC-123@outlook.example',
    summary: 'Imported',
    organizer: { email: 'carol@contoso.example', displayName: 'Carol' },
    start: { dateTime: '2025-04-01T14:00:00Z' },
    end: { dateTime: '2025-04-01T15:00:00Z' },
    attendees: [{ email: 'carol@contoso.example', responseStatus: 'accepted' }, { email: 'alice@example.com', responseStatus: 'tentative' }],
  };

  it('requires an iCalUID', async () => {
    const r = await api(sandbox, token, 'POST', '/calendars/primary/events/import', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' } });
    expect(r.status).toBe(400);
    expect(r.body.error.errors[0]).toMatchObject({ reason: 'required', message: 'Missing iCalUID.' });
  });

  it('keeps the organizer; importing the same iCalUID again is 409 duplicate and adds nothing', async () => {
    const first = await api(sandbox, token, 'POST', '/calendars/primary/events/import', imported);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      iCalUID: 'ABC-123@outlook.example',
      organizer: { email: 'carol@contoso.example', displayName: 'Carol' },
      attendees: [
        { email: 'carol@contoso.example', organizer: true, responseStatus: 'accepted' },
        { email: 'alice@example.com', self: true, responseStatus: 'tentative' },
      ],
      eventType: 'default',
    });
    const second = await api(sandbox, token, 'POST', '/calendars/primary/events/import', { ...imported, summary: 'Imported again', sequence: 5 });
    expect(second.status).toBe(409);
    expect(second.body.error.errors[0]).toEqual({ domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' });
    await api(sandbox, token, 'DELETE', `/calendars/primary/events/${first.body.id}`);
    expect((await api(sandbox, token, 'POST', '/calendars/primary/events/import', imported)).status).toBe(409);
    const list = await api(sandbox, token, 'GET', `/calendars/primary/events?showDeleted=true&iCalUID=${encodeURIComponent(imported.iCalUID)}`);
    expect(list.body.items.map((e: { id: string; summary: string }) => [e.id, e.summary])).toEqual([[first.body.id, 'Imported']]);
  });

  it('with importExisting: "update", importing the same iCalUID again updates the event in place', async () => {
    const { sandbox: s } = makeSandbox({ rateLimit: null, importExisting: 'update' });
    const t = await tokenFor(s);
    const first = await api(s, t, 'POST', '/calendars/primary/events/import', imported);
    const second = await api(s, t, 'POST', '/calendars/primary/events/import', { ...imported, summary: 'Imported again' });
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.created).toBe(first.body.created);
    const list = await api(s, t, 'GET', `/calendars/primary/events?iCalUID=${encodeURIComponent(imported.iCalUID)}`);
    expect(list.body.items.map((e: { id: string; summary: string }) => [e.id, e.summary])).toEqual([[first.body.id, 'Imported again']]);
  });

  it('an import with originalStartTime becomes the exception of the series with that iCalUID', async () => {
    await api(sandbox, token, 'POST', '/calendars/primary/events/import', { ...weekly, id: undefined, iCalUID: 'series@example.org' });
    const series = (await api(sandbox, token, 'GET', '/calendars/primary/events?iCalUID=series%40example.org')).body.items[0];
    const exception = await api(sandbox, token, 'POST', '/calendars/primary/events/import', {
      iCalUID: 'series@example.org',
      summary: 'Standup, later',
      originalStartTime: { dateTime: '2025-03-31T09:00:00', timeZone: 'Europe/Berlin' },
      start: { dateTime: '2025-03-31T11:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2025-03-31T11:15:00', timeZone: 'Europe/Berlin' },
    });
    expect(exception.body).toMatchObject({ id: `${series.id}_20250331T070000Z`, recurringEventId: series.id });
    const instances = await api(sandbox, token, 'GET', `/calendars/primary/events/${series.id}/instances`);
    expect(instances.body.items.map((e: { summary: string }) => e.summary)).toEqual(['Standup', 'Standup, later', 'Standup']);
  });

  it('drops event-type properties: only default events are imported', async () => {
    const r = await api(sandbox, token, 'POST', '/calendars/primary/events/import', { ...imported, eventType: 'focusTime', focusTimeProperties: { chatStatus: 'doNotDisturb' } });
    expect(r.body.eventType).toBe('default');
    expect(r.body.focusTimeProperties).toBeUndefined();
  });
});
