import { beforeEach, describe, expect, it } from 'vitest';
import { api, makeSandbox, tokenFor, type GoogleSandbox } from './test-support';

let sandbox: GoogleSandbox;
let token: string;

beforeEach(async () => {
  ({ sandbox } = makeSandbox());
  token = await tokenFor(sandbox);
});

const timed = (summary: string, start: string, end: string, extra: object = {}) => ({
  summary,
  start: { dateTime: start, timeZone: 'Europe/Berlin' },
  end: { dateTime: end, timeZone: 'Europe/Berlin' },
  ...extra,
});

describe('events.insert and events.get', () => {
  it('stores every field Ferry sends and returns the event as Google does', async () => {
    const body = {
      id: 'fe0123456789abcdefghijklmnopqrstuv',
      summary: 'Planning',
      description: 'Quarterly <b>plan</b>',
      location: 'Room 1',
      colorId: '5',
      start: { dateTime: '2025-03-10T09:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2025-03-10T10:30:00+01:00' },
      transparency: 'transparent',
      visibility: 'private',
      attendees: [
        { email: 'bob@example.org', displayName: 'Bob', responseStatus: 'accepted', comment: 'See you' },
        { email: 'alice@example.com' },
        { email: 'room@resource.example', resource: true, optional: true, additionalGuests: 2 },
      ],
      reminders: { useDefault: false, overrides: [{ method: 'email', minutes: 1440 }, { method: 'popup', minutes: 10 }] },
      source: { title: 'Origin', url: 'https://example.org/e/1' },
      extendedProperties: { private: { ferrySource: 'microsoft:alice@contoso.example:calendar:AAMk' }, shared: { k: 'v' } },
      guestsCanModify: true,
      guestsCanInviteOthers: false,
      guestsCanSeeOtherGuests: false,
    };
    const created = await api(sandbox, token, 'POST', '/calendars/primary/events', body);
    expect(created.status).toBe(200);
    const e = created.body;
    expect(e).toEqual({
      kind: 'calendar#event',
      etag: expect.stringMatching(/^"\d+"$/),
      id: body.id,
      status: 'confirmed',
      htmlLink: expect.stringMatching(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/),
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updated: e.created,
      summary: 'Planning',
      description: 'Quarterly <b>plan</b>',
      location: 'Room 1',
      colorId: '5',
      creator: { email: 'alice@example.com', self: true },
      organizer: { email: 'alice@example.com', self: true },
      start: { dateTime: '2025-03-10T09:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2025-03-10T10:30:00+01:00' },
      transparency: 'transparent',
      visibility: 'private',
      iCalUID: `${body.id}@google.com`,
      sequence: 0,
      attendees: [
        { email: 'bob@example.org', displayName: 'Bob', responseStatus: 'accepted', comment: 'See you' },
        { email: 'alice@example.com', organizer: true, self: true, responseStatus: 'needsAction' },
        { email: 'room@resource.example', resource: true, optional: true, responseStatus: 'needsAction', additionalGuests: 2 },
      ],
      reminders: { useDefault: false, overrides: [{ method: 'email', minutes: 1440 }, { method: 'popup', minutes: 10 }] },
      source: { title: 'Origin', url: 'https://example.org/e/1' },
      extendedProperties: body.extendedProperties,
      guestsCanModify: true,
      guestsCanInviteOthers: false,
      guestsCanSeeOtherGuests: false,
      eventType: 'default',
    });
    const got = await api(sandbox, token, 'GET', `/calendars/primary/events/${body.id}`);
    expect(got.body).toEqual(e);
  });

  it('all-day events keep their dates; reminders default to the calendar defaults', async () => {
    const { body } = await api(sandbox, token, 'POST', '/calendars/primary/events', { summary: 'Holiday', start: { date: '2025-08-01' }, end: { date: '2025-08-03' } });
    expect(body).toMatchObject({ start: { date: '2025-08-01' }, end: { date: '2025-08-03' }, reminders: { useDefault: true } });
    expect(body.id).toMatch(/^[a-v0-9]{26}$/);
  });

  it('a client id must be base32hex of 5 to 1024 characters', async () => {
    for (const id of ['abc', 'UPPERCASE123', 'has-dash-123', 'wxyz12345', 'a'.repeat(1025)]) {
      const r = await api(sandbox, token, 'POST', '/calendars/primary/events', { id, start: { date: '2025-01-01' }, end: { date: '2025-01-02' } });
      expect([id, r.status, r.body.error?.errors[0].reason, r.body.error?.message]).toEqual([id, 400, 'invalid', 'Invalid resource id value.']);
    }
    const ok = await api(sandbox, token, 'POST', '/calendars/primary/events', { id: 'v'.repeat(1024), start: { date: '2025-01-01' }, end: { date: '2025-01-02' } });
    expect(ok.status).toBe(200);
  });

  it('a duplicate id is 409 duplicate, even after the first was deleted', async () => {
    const ev = { id: 'dup00001', start: { date: '2025-01-01' }, end: { date: '2025-01-02' } };
    expect((await api(sandbox, token, 'POST', '/calendars/primary/events', ev)).status).toBe(200);
    const again = await api(sandbox, token, 'POST', '/calendars/primary/events', ev);
    expect(again).toMatchObject({
      status: 409,
      body: { error: { code: 409, message: 'The requested identifier already exists.', errors: [{ domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' }] } },
    });
    expect((await api(sandbox, token, 'DELETE', '/calendars/primary/events/dup00001')).status).toBe(204);
    expect((await api(sandbox, token, 'POST', '/calendars/primary/events', ev)).status).toBe(409);
  });

  it('an unknown event is 404; a deleted one is returned cancelled by get and 410 on a second delete', async () => {
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events/nosuchevent')).status).toBe(404);
    const { body } = await api(sandbox, token, 'POST', '/calendars/primary/events', timed('x', '2025-01-01T10:00:00', '2025-01-01T11:00:00'));
    await api(sandbox, token, 'DELETE', `/calendars/primary/events/${body.id}`);
    expect((await api(sandbox, token, 'GET', `/calendars/primary/events/${body.id}`)).body.status).toBe('cancelled');
    const second = await api(sandbox, token, 'DELETE', `/calendars/primary/events/${body.id}`);
    expect(second.status).toBe(410);
    expect(second.body.error.errors[0]).toEqual({ domain: 'global', reason: 'deleted', message: 'Resource has been deleted' });
  });
});

describe('request validation (400 in Google\'s shape)', () => {
  const cases: [string, object, string, string][] = [
    ['start missing', { end: { date: '2025-01-02' } }, 'required', 'Missing start time.'],
    ['end missing', { start: { date: '2025-01-01' } }, 'required', 'Missing end time.'],
    ['end before start', { start: { date: '2025-01-02' }, end: { date: '2025-01-01' } }, 'timeRangeEmpty', 'The specified time range is empty.'],
    ['timed end before start', timed('x', '2025-01-01T10:00:00', '2025-01-01T09:00:00'), 'timeRangeEmpty', 'The specified time range is empty.'],
    ['dateTime without offset or zone', { start: { dateTime: '2025-01-01T10:00:00' }, end: { dateTime: '2025-01-01T11:00:00Z' } }, 'required', 'Missing time zone definition for start time.'],
    ['date mixed with dateTime', { start: { date: '2025-01-01' }, end: { dateTime: '2025-01-01T11:00:00Z' } }, 'invalid', 'Start and end times must either both be date or both be dateTime.'],
    ['unknown time zone', { start: { dateTime: '2025-01-01T10:00:00', timeZone: 'Europe/Atlantis' }, end: { dateTime: '2025-01-01T11:00:00Z' } }, 'invalid', 'Invalid time zone definition for start time.'],
    ['bad date', { start: { date: '2025-02-30' }, end: { date: '2025-03-01' } }, 'invalid', 'Invalid start time.'],
    ['recurring without time zone', { start: { dateTime: '2025-01-01T10:00:00Z' }, end: { dateTime: '2025-01-01T11:00:00Z' }, recurrence: ['RRULE:FREQ=DAILY'] }, 'required', 'Missing time zone definition for start time.'],
    ['bad recurrence line', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, recurrence: ['DTSTART:20250101'] }, 'invalid', 'Invalid recurrence rule: DTSTART:20250101'],
    ['bad RRULE', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, recurrence: ['RRULE:FREQ=SOMETIMES'] }, 'invalid', 'Invalid recurrence rule: RRULE:FREQ=SOMETIMES'],
    ['six reminders', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, reminders: { useDefault: false, overrides: Array.from({ length: 6 }, (_, i) => ({ method: 'popup', minutes: i })) } }, 'tooManyReminders', 'The maximum number of override reminders is 5.'],
    ['reminder minutes over 4 weeks', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: 40321 }] } }, 'invalid', 'Invalid reminder minutes value: 40321. Valid values are between 0 and 40320.'],
    ['negative reminder minutes', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: -1 }] } }, 'invalid', 'Invalid reminder minutes value: -1. Valid values are between 0 and 40320.'],
    ['defaults and overrides', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, reminders: { useDefault: true, overrides: [{ method: 'popup', minutes: 5 }] } }, 'cannotUseDefaultRemindersAndSpecifyOverride', 'Cannot specify both default reminders and overrides at the same time.'],
    ['attendee without email', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, attendees: [{ displayName: 'Nobody' }] }, 'required', 'Missing attendee email.'],
    ['unknown enum value', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, status: 'maybe' }, 'invalid', 'Invalid value for status: "maybe"'],
    ['unknown responseStatus', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, attendees: [{ email: 'b@example.org', responseStatus: 'yes' }] }, 'invalid', 'Invalid value for responseStatus: "yes"'],
    ['unknown reminder method', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, reminders: { useDefault: false, overrides: [{ method: 'sms', minutes: 5 }] } }, 'invalid', 'Invalid value for method: "sms"'],
    ['wrong type', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, summary: ['a'] }, 'invalid', "Invalid value at 'resource.summary' (TYPE_STRING), [\"a\"]"],
    ['wrong nested type', { start: { date: 20250101 }, end: { date: '2025-01-02' } }, 'invalid', "Invalid value at 'resource.start.date' (TYPE_STRING), 20250101"],
    ['boolean as string', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, guestsCanModify: 'true' }, 'invalid', "Invalid value at 'resource.guests_can_modify' (TYPE_BOOL), \"true\""],
    ['unknown field', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, title: 'x' }, 'invalid', 'Invalid JSON payload received. Unknown name "title" at \'resource\': Cannot find field.'],
    ['unknown nested field', { start: { date: '2025-01-01', tz: 'x' }, end: { date: '2025-01-02' } }, 'invalid', 'Invalid JSON payload received. Unknown name "tz" at \'resource.start\': Cannot find field.'],
    ['long extended property key', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, extendedProperties: { private: { ['k'.repeat(45)]: 'v' } } }, 'invalid', `Extended property key too long: "${'k'.repeat(45)}" (at most 44 characters).`],
  ];
  for (const [name, body, reason, message] of cases) {
    it(`refuses: ${name}`, async () => {
      const r = await api(sandbox, token, 'POST', '/calendars/primary/events', body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe(400);
      expect(r.body.error.status).toBe('INVALID_ARGUMENT');
      expect(r.body.error.message).toBe(message);
      expect(r.body.error.errors[0]).toMatchObject({ reason, message });
    });
  }

  it('refuses a body that is not JSON', async () => {
    const { request } = await import('./test-support');
    const reply = await sandbox.handle(request('POST', 'https://www.googleapis.com/calendar/v3/calendars/primary/events', { token, body: '{nope', headers: { 'content-type': 'application/json' } }));
    expect(reply.status).toBe(400);
    expect((reply.body as { error: { errors: { reason: string }[] } }).error.errors[0]?.reason).toBe('parseError');
  });

  it('refuses unknown query parameters and bad values', async () => {
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events?since=2025')).status).toBe(400);
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events?timeMin=2025-01-01')).body.error.errors[0]).toEqual({ domain: 'global', reason: 'badRequest', message: 'Bad Request' });
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events?timeMin=2025-01-01T00:00:00')).status).toBe(400);
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events?orderBy=title')).status).toBe(400);
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events?maxResults=x')).status).toBe(400);
    expect((await api(sandbox, token, 'POST', '/calendars/primary/events?sendUpdates=some', { start: { date: '2025-01-01' }, end: { date: '2025-01-02' } })).status).toBe(400);
  });
});

describe('events.list', () => {
  async function insertMany(n: number) {
    for (let i = 0; i < n; i += 1) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      await api(sandbox, token, 'POST', '/calendars/primary/events', { id: `ev${String(i).padStart(4, '0')}`, summary: `E${i}`, start: { date: `2025-02-${day}` }, end: { date: `2025-03-01` } });
    }
  }

  it('returns the Events collection and pages through 300 events (default page 250)', async () => {
    await insertMany(300);
    const first = await api(sandbox, token, 'GET', '/calendars/primary/events');
    expect(first.body).toMatchObject({
      kind: 'calendar#events',
      etag: expect.stringMatching(/^"\d+"$/),
      summary: 'alice@example.com',
      timeZone: 'Europe/Berlin',
      accessRole: 'owner',
      defaultReminders: [{ method: 'popup', minutes: 10 }],
      updated: expect.stringMatching(/Z$/),
    });
    expect(first.body.items).toHaveLength(250);
    expect(first.body.nextSyncToken).toBeUndefined();
    const second = await api(sandbox, token, 'GET', `/calendars/primary/events?pageToken=${first.body.nextPageToken}`);
    expect(second.body.items).toHaveLength(50);
    expect(second.body.nextPageToken).toBeUndefined();
    expect(second.body.nextSyncToken).toEqual(expect.any(String));
    const ids = [...first.body.items, ...second.body.items].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(300);
    expect(ids[0]).toBe('ev0000');
  });

  it('caps maxResults at 2500 and honours smaller pages', async () => {
    await insertMany(7);
    const page = await api(sandbox, token, 'GET', '/calendars/primary/events?maxResults=3');
    expect(page.body.items).toHaveLength(3);
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events?maxResults=99999')).body.items).toHaveLength(7);
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events?pageToken=garbage')).status).toBe(400);
  });

  it('filters by iCalUID', async () => {
    await api(sandbox, token, 'POST', '/calendars/primary/events', { iCalUID: 'uid-1@example.org', start: { date: '2025-01-01' }, end: { date: '2025-01-02' } });
    await api(sandbox, token, 'POST', '/calendars/primary/events', { iCalUID: 'uid-2@example.org', start: { date: '2025-01-01' }, end: { date: '2025-01-02' } });
    const r = await api(sandbox, token, 'GET', `/calendars/primary/events?iCalUID=${encodeURIComponent('uid-2@example.org')}`);
    expect(r.body.items.map((e: { iCalUID: string }) => e.iCalUID)).toEqual(['uid-2@example.org']);
    const dup = await api(sandbox, token, 'POST', '/calendars/primary/events', { iCalUID: 'uid-2@example.org', start: { date: '2025-01-01' }, end: { date: '2025-01-02' } });
    expect(dup.status).toBe(409);
  });

  it('hides deleted events unless showDeleted=true', async () => {
    const { body } = await api(sandbox, token, 'POST', '/calendars/primary/events', timed('gone', '2025-01-01T10:00:00', '2025-01-01T11:00:00'));
    await api(sandbox, token, 'DELETE', `/calendars/primary/events/${body.id}`);
    expect((await api(sandbox, token, 'GET', '/calendars/primary/events')).body.items).toEqual([]);
    const shown = await api(sandbox, token, 'GET', '/calendars/primary/events?showDeleted=true');
    expect(shown.body.items.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual([[body.id, 'cancelled']]);
  });

  it('filters by timeMin/timeMax (end after timeMin, start before timeMax) and orders by startTime', async () => {
    await api(sandbox, token, 'POST', '/calendars/primary/events', timed('late', '2025-05-02T10:00:00', '2025-05-02T11:00:00'));
    await api(sandbox, token, 'POST', '/calendars/primary/events', timed('early', '2025-05-01T10:00:00', '2025-05-01T11:00:00'));
    await api(sandbox, token, 'POST', '/calendars/primary/events', timed('outside', '2025-06-01T10:00:00', '2025-06-01T11:00:00'));
    const r = await api(sandbox, token, 'GET', '/calendars/primary/events?timeMin=2025-05-01T08:30:00Z&timeMax=2025-05-03T00:00:00Z&singleEvents=true&orderBy=startTime');
    expect(r.body.items.map((e: { summary: string }) => e.summary)).toEqual(['early', 'late']);
    const edge = await api(sandbox, token, 'GET', '/calendars/primary/events?timeMin=2025-05-01T09:00:00Z');
    expect(edge.body.items.map((e: { summary: string }) => e.summary)).toEqual(['late', 'outside']);
    const touching = await api(sandbox, token, 'GET', '/calendars/primary/events?timeMax=2025-05-01T08:00:00Z');
    expect(touching.body.items).toEqual([]);
  });

  it('orderBy=startTime needs singleEvents=true; an empty time range is refused', async () => {
    const r = await api(sandbox, token, 'GET', '/calendars/primary/events?orderBy=startTime');
    expect(r.status).toBe(400);
    expect(r.body.error.errors[0]).toMatchObject({ reason: 'invalid', location: 'orderBy', locationType: 'parameter' });
    const empty = await api(sandbox, token, 'GET', '/calendars/primary/events?timeMin=2025-01-02T00:00:00Z&timeMax=2025-01-01T00:00:00Z');
    expect(empty.body.error.errors[0]).toEqual({ domain: 'calendar', reason: 'timeRangeEmpty', message: 'The specified time range is empty.', location: 'timeMax', locationType: 'parameter' });
  });

  it('renders dateTimes in the timeZone parameter', async () => {
    await api(sandbox, token, 'POST', '/calendars/primary/events', { start: { dateTime: '2025-01-01T10:00:00Z' }, end: { dateTime: '2025-01-01T11:00:00Z' } });
    const berlin = await api(sandbox, token, 'GET', '/calendars/primary/events');
    expect(berlin.body.items[0].start).toEqual({ dateTime: '2025-01-01T11:00:00+01:00' });
    const tokyo = await api(sandbox, token, 'GET', '/calendars/primary/events?timeZone=Asia/Tokyo');
    expect(tokyo.body.timeZone).toBe('Asia/Tokyo');
    expect(tokyo.body.items[0].start).toEqual({ dateTime: '2025-01-01T19:00:00+09:00' });
  });

  it('filters by privateExtendedProperty and q; fields selects a partial response', async () => {
    await api(sandbox, token, 'POST', '/calendars/primary/events', { summary: 'Dentist', extendedProperties: { private: { src: 'a1' } }, start: { date: '2025-01-01' }, end: { date: '2025-01-02' } });
    await api(sandbox, token, 'POST', '/calendars/primary/events', { summary: 'Gym', extendedProperties: { private: { src: 'b2' } }, start: { date: '2025-01-01' }, end: { date: '2025-01-02' } });
    const byProp = await api(sandbox, token, 'GET', '/calendars/primary/events?privateExtendedProperty=src%3Db2');
    expect(byProp.body.items.map((e: { summary: string }) => e.summary)).toEqual(['Gym']);
    const byText = await api(sandbox, token, 'GET', '/calendars/primary/events?q=dent');
    expect(byText.body.items.map((e: { summary: string }) => e.summary)).toEqual(['Dentist']);
    const partial = await api(sandbox, token, 'GET', '/calendars/primary/events?fields=items(summary,start),nextPageToken');
    expect(partial.body).toEqual({ items: [{ summary: 'Dentist', start: { date: '2025-01-01' } }, { summary: 'Gym', start: { date: '2025-01-01' } }] });
  });

  it('syncToken returns what changed since the last listing, deletions included', async () => {
    const { sandbox: s } = makeSandbox({ rateLimit: null, now: (() => { let t = Date.parse('2025-01-01T00:00:00Z'); return () => (t += 1000); })() });
    const t = await tokenFor(s);
    await api(s, t, 'POST', '/calendars/primary/events', { id: 'keep1', start: { date: '2025-01-01' }, end: { date: '2025-01-02' } });
    await api(s, t, 'POST', '/calendars/primary/events', { id: 'drop1', start: { date: '2025-01-01' }, end: { date: '2025-01-02' } });
    const full = await api(s, t, 'GET', '/calendars/primary/events');
    await api(s, t, 'DELETE', '/calendars/primary/events/drop1');
    await api(s, t, 'POST', '/calendars/primary/events', { id: 'fresh1', start: { date: '2025-01-01' }, end: { date: '2025-01-02' } });
    const delta = await api(s, t, 'GET', `/calendars/primary/events?syncToken=${full.body.nextSyncToken}`);
    expect(delta.body.items.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual([['drop1', 'cancelled'], ['fresh1', 'confirmed']]);
    expect((await api(s, t, 'GET', `/calendars/primary/events?syncToken=${full.body.nextSyncToken}&q=x`)).status).toBe(400);
    expect((await api(s, t, 'GET', '/calendars/primary/events?syncToken=bogus')).status).toBe(410);
  });
});

describe('events.update and events.patch', () => {
  it('patch merges objects and replaces arrays; update replaces the event', async () => {
    const { body } = await api(sandbox, token, 'POST', '/calendars/primary/events', {
      ...timed('Orig', '2025-01-01T10:00:00', '2025-01-01T11:00:00'),
      location: 'Here',
      attendees: [{ email: 'a@example.org' }, { email: 'b@example.org' }],
      extendedProperties: { private: { a: '1' } },
    });
    const patched = await api(sandbox, token, 'PATCH', `/calendars/primary/events/${body.id}`, { summary: 'New', attendees: [{ email: 'c@example.org' }], extendedProperties: { private: { b: '2' } } });
    expect(patched.body).toMatchObject({ summary: 'New', location: 'Here', attendees: [{ email: 'c@example.org', responseStatus: 'needsAction' }], extendedProperties: { private: { a: '1', b: '2' } } });
    expect(patched.body.etag).not.toBe(body.etag);
    expect(patched.body.created).toBe(body.created);
    const updated = await api(sandbox, token, 'PUT', `/calendars/primary/events/${body.id}`, { summary: 'Replaced', start: { date: '2025-01-05' }, end: { date: '2025-01-06' } });
    expect(updated.body).toMatchObject({ id: body.id, summary: 'Replaced', start: { date: '2025-01-05' }, iCalUID: body.iCalUID });
    expect(updated.body.location).toBeUndefined();
    expect(updated.body.attendees).toBeUndefined();
    const noTimes = await api(sandbox, token, 'PUT', `/calendars/primary/events/${body.id}`, { summary: 'x' });
    expect(noTimes.status).toBe(400);
  });

  it('refuses to lower the sequence number', async () => {
    const { body } = await api(sandbox, token, 'POST', '/calendars/primary/events', { sequence: 3, start: { date: '2025-01-01' }, end: { date: '2025-01-02' } });
    const r = await api(sandbox, token, 'PATCH', `/calendars/primary/events/${body.id}`, { sequence: 2 });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^Invalid sequence value/);
  });
});
