import { describe, expect, it } from 'vitest';
import { graphClient, json, makeSandbox, signIn } from './test-kit';

const setup = async () => {
  const { sandbox } = makeSandbox();
  const { access_token } = await signIn(sandbox);
  return { sandbox, graph: graphClient(sandbox, access_token) };
};

const SOURCE_KEY = 'String {9f0e2c1a-3b4d-4e5f-8a6b-7c8d9e0f1a2b} Name ferrySourceKey';

const meeting = (extra: Record<string, unknown> = {}) => ({
  subject: 'Planning',
  body: { contentType: 'text', content: 'Agenda:\n1. <budget> & plans' },
  start: { dateTime: '2025-03-10T09:00:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2025-03-10T10:30:00', timeZone: 'W. Europe Standard Time' },
  location: { displayName: 'Room 1' },
  attendees: [{ type: 'optional', emailAddress: { address: 'bob@example.com', name: 'Bob' }, status: { response: 'accepted', time: '2025-01-01T00:00:00Z' } }],
  showAs: 'tentative',
  sensitivity: 'private',
  importance: 'high',
  categories: ['Red category'],
  reminderMinutesBeforeStart: 30,
  ...extra,
});

describe('Graph events: create and read', () => {
  it('creates an event with every field stored and returns it in UTC with an HTML body by default', async () => {
    const { graph } = await setup();
    const created = await graph('POST', '/me/events', meeting());
    expect(created.status).toBe(201);
    const e = json(created);
    expect(e).toMatchObject({
      subject: 'Planning',
      type: 'singleInstance',
      isAllDay: false,
      isOrganizer: true,
      isCancelled: false,
      showAs: 'tentative',
      sensitivity: 'private',
      importance: 'high',
      categories: ['Red category'],
      isReminderOn: true,
      reminderMinutesBeforeStart: 30,
      seriesMasterId: null,
      recurrence: null,
      originalStartTimeZone: 'Europe/Berlin',
      originalEndTimeZone: 'W. Europe Standard Time',
      start: { dateTime: '2025-03-10T08:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2025-03-10T09:30:00.0000000', timeZone: 'UTC' },
      location: { displayName: 'Room 1', locationType: 'default', uniqueIdType: 'unknown' },
      organizer: { emailAddress: { name: 'Alice Example', address: 'alice@contoso.example' } },
      responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
      bodyPreview: 'Agenda: 1. <budget> & plans',
    });
    expect(e).not.toHaveProperty('transactionId');
    expect(e).not.toHaveProperty('originalStart');
    expect(e.locations).toEqual([e.location]);
    expect(e.attendees).toEqual([{ type: 'optional', status: { response: 'none', time: '0001-01-01T00:00:00Z' }, emailAddress: { address: 'bob@example.com', name: 'Bob' } }]);
    expect(e.body.contentType).toBe('html');
    expect(e.body.content).toContain('Agenda:<br>\r\n1. &lt;budget&gt; &amp; plans');
    expect(e.iCalUId).toMatch(/^040000008200E00074C5B7101A82E008/);
    expect(e.createdDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    const got = json(await graph('GET', `/me/events/${e.id}`, undefined, { prefer: 'outlook.body-content-type="text"' }));
    expect(got.body).toEqual({ contentType: 'text', content: 'Agenda:\n1. <budget> & plans' });
  });

  it('answers start/end in the zone Prefer: outlook.timezone asks for, with Preference-Applied', async () => {
    const { graph } = await setup();
    const id = json(await graph('POST', '/me/events', meeting())).id;
    const reply = await graph('GET', `/me/events/${id}`, undefined, { prefer: 'outlook.timezone="Pacific Standard Time"' });
    expect(reply.headers?.['preference-applied']).toBe('outlook.timezone="Pacific Standard Time"');
    expect(json(reply).start).toEqual({ dateTime: '2025-03-10T01:00:00.0000000', timeZone: 'Pacific Standard Time' });
    const iana = await graph('GET', `/me/events/${id}`, undefined, { prefer: 'outlook.timezone="Asia/Tokyo"' });
    expect(json(iana).end).toEqual({ dateTime: '2025-03-10T18:30:00.0000000', timeZone: 'Asia/Tokyo' });
  });

  it('keeps all-day events on their dates in any zone', async () => {
    const { graph } = await setup();
    const reply = await graph('POST', '/me/events', {
      subject: 'Holiday', isAllDay: true,
      start: { dateTime: '2025-05-01T00:00:00', timeZone: 'UTC' }, end: { dateTime: '2025-05-03T00:00:00', timeZone: 'UTC' },
    });
    expect(reply.status).toBe(201);
    expect(json(reply)).toMatchObject({ isAllDay: true, showAs: 'free' });
    const tokyo = json(await graph('GET', `/me/events/${json(reply).id}`, undefined, { prefer: 'outlook.timezone="Tokyo Standard Time"' }));
    expect(tokyo.start).toEqual({ dateTime: '2025-05-01T00:00:00.0000000', timeZone: 'Tokyo Standard Time' });
    expect(tokyo.end.dateTime).toBe('2025-05-03T00:00:00.0000000');
  });

  it.each([
    ['an unknown property', { subject: 'x', colour: 'red' }, 'RequestBodyRead', /^The property 'colour' does not exist on type 'Microsoft\.OutlookServices\.Event'\./],
    ['an unknown nested property', { location: { displayName: 'x', floor: 3 } }, 'RequestBodyRead', /'floor' does not exist on type 'Microsoft\.OutlookServices\.Location'/],
    ['a wrong type', { subject: 42 }, 'RequestBodyRead', /expected type 'Edm\.String'/],
    ['a wrong boolean', { isAllDay: 'yes' }, 'RequestBodyRead', /Edm\.Boolean/],
    ['a bad enum', { showAs: 'away' }, 'RequestBodyRead', /^Requested value 'away' was not found\.$/],
    ['a bad body type', { body: { contentType: 'markdown', content: 'x' } }, 'RequestBodyRead', /'markdown'/],
    ['a bad attendee type', { attendees: [{ type: 'chair', emailAddress: { address: 'b@example.com' } }] }, 'RequestBodyRead', /'chair'/],
    ['attendees not an array', { attendees: { type: 'required' } }, 'RequestBodyRead', /StartArray/],
    ['a non-integer reminder', { reminderMinutesBeforeStart: 1.5 }, 'RequestBodyRead', /Edm\.Int32/],
    ['a null in a non-nullable property', { start: { dateTime: null, timeZone: 'UTC' } }, 'RequestBodyRead', /Nullable=False/],
    ['an offset in dateTime', { start: { dateTime: '2025-03-10T09:00:00+01:00', timeZone: 'UTC' } }, 'ErrorInvalidRequest', /without offset/],
    ['an impossible date', { start: { dateTime: '2025-02-30T09:00:00', timeZone: 'UTC' } }, 'ErrorInvalidRequest', /2025-02-30/],
    ['an unknown zone', { start: { dateTime: '2025-03-10T09:00:00', timeZone: 'Mars/Olympus' } }, 'TimeZoneNotSupportedException', /'Mars\/Olympus'/],
    ['end before start', { end: { dateTime: '2025-03-10T08:00:00', timeZone: 'Europe/Berlin' } }, 'ErrorCalendarEndDateIsEarlierThanStartDate', /earlier/],
    ['all-day not at midnight', { isAllDay: true, start: { dateTime: '2025-03-10T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2025-03-11T09:00:00', timeZone: 'UTC' } }, 'ErrorInvalidRequest', /midnight/],
    ['all-day in two zones', { isAllDay: true, start: { dateTime: '2025-03-10T00:00:00', timeZone: 'UTC' }, end: { dateTime: '2025-03-11T00:00:00', timeZone: 'Europe/Berlin' } }, 'ErrorInvalidRequest', /same time zone/],
    ['all-day shorter than a day', { isAllDay: true, start: { dateTime: '2025-03-10T00:00:00', timeZone: 'UTC' }, end: { dateTime: '2025-03-10T00:00:00', timeZone: 'UTC' } }, 'ErrorInvalidRequest', /at least 24 hours/],
    ['a bad extended property id', { singleValueExtendedProperties: [{ id: 'ferrySourceKey', value: 'x' }] }, 'ErrorInvalidProperty', /ferrySourceKey/],
    ['a recurrence without range', { recurrence: { pattern: { type: 'daily', interval: 1 } } }, 'ErrorInvalidRequest', /'pattern' and 'range'/],
    ['a weekly recurrence without days', { recurrence: { pattern: { type: 'weekly', interval: 1 }, range: { type: 'noEnd', startDate: '2025-03-10' } } }, 'ErrorInvalidRequest', /daysOfWeek/],
    ['a bad recurrence enum', { recurrence: { pattern: { type: 'hourly', interval: 1 }, range: { type: 'noEnd', startDate: '2025-03-10' } } }, 'RequestBodyRead', /'hourly'/],
    ['a numbered range of 0', { recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2025-03-10', numberOfOccurrences: 0 } } }, 'ErrorInvalidRequest', /numberOfOccurrences/],
    ['an endDate range before its start', { recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'endDate', startDate: '2025-03-10', endDate: '2025-03-01' } } }, 'ErrorInvalidRequest', /endDate/],
    ['a bad Edm.Date', { recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'noEnd', startDate: '10/03/2025' } } }, 'RequestBodyRead', /Edm\.Date/],
  ])('refuses %s with 400 %s', async (_name, change, code, message) => {
    const { graph } = await setup();
    const reply = await graph('POST', '/me/events', meeting(change));
    expect(reply.status).toBe(400);
    expect(json(reply).error.code).toBe(code);
    expect(json(reply).error.message).toMatch(message);
  });

  it('refuses an event without start or end, and a body that is not JSON', async () => {
    const { graph } = await setup();
    const noEnd = await graph('POST', '/me/events', { subject: 'x', start: { dateTime: '2025-03-10T09:00:00', timeZone: 'UTC' } });
    expect(noEnd.status).toBe(400);
    expect(json(noEnd).error.message).toMatch(/start and end/);
    const broken = await graph('POST', '/me/events', '{"subject":', { 'content-type': 'application/json' });
    expect(json(broken).error.code).toBe('BadRequest');
  });

  it('ignores read-only properties such as iCalUId and id, and answers 501 for attachments the sandbox does not model', async () => {
    const { graph } = await setup();
    const reply = await graph('POST', '/me/events', meeting({ iCalUId: 'mine', id: 'mine', createdDateTime: '2000-01-01T00:00:00Z' }));
    expect(reply.status).toBe(201);
    expect(json(reply).iCalUId).not.toBe('mine');
    expect(json(reply).id).not.toBe('mine');
    const attach = await graph('POST', '/me/events', meeting({ attachments: [] }));
    expect(attach.status).toBe(501);
  });
});

describe('Graph events: lists, filters and idempotency', () => {
  it('lists the default calendar with $top (default 10), $skiptoken nextLink, $select and $orderby', async () => {
    const { graph } = await setup();
    for (let i = 0; i < 12; i++) {
      await graph('POST', '/me/events', meeting({ subject: `E${String(i).padStart(2, '0')}`, start: { dateTime: `2025-04-${String(20 - i).padStart(2, '0')}T09:00:00`, timeZone: 'UTC' }, end: { dateTime: `2025-04-${String(20 - i).padStart(2, '0')}T10:00:00`, timeZone: 'UTC' } }));
    }
    const page1 = json(await graph('GET', '/me/events'));
    expect(page1['@odata.context']).toMatch(/\/\$metadata#users\('9a3c2f1e-5b7d-4e8a-9c0f-1d2e3f4a5b6c'\)\/calendars\('.+'\)\/events$/);
    expect(page1.value).toHaveLength(10);
    expect(page1['@odata.nextLink']).toMatch(/^https:\/\/127\.0\.0\.1:47443\/graph\.microsoft\.com\/v1\.0\/me\/events\?\$skiptoken=/);
    const page2 = json(await graph('GET', page1['@odata.nextLink']));
    expect(page2.value.map((e: { subject: string }) => e.subject)).toEqual(['E10', 'E11']);
    expect(page2['@odata.nextLink']).toBeUndefined();
    const ordered = json(await graph('GET', '/me/events?$orderby=start/dateTime&$top=3&$select=subject,start'));
    expect(ordered.value.map((e: { subject: string }) => e.subject)).toEqual(['E11', 'E10', 'E09']);
    expect(Object.keys(ordered.value[0]).sort()).toEqual(['@odata.etag', 'id', 'start', 'subject']);
    const next = json(await graph('GET', ordered['@odata.nextLink']));
    expect(next.value.map((e: { subject: string }) => e.subject)).toEqual(['E08', 'E07', 'E06']);
    const cal = json(await graph('GET', '/me/calendar')).id;
    expect(json(await graph('GET', `/me/calendars/${cal}/events?$top=1000`)).value).toHaveLength(12);
    expect(json(await graph('GET', '/me/calendar/events?$count=true&$top=1'))['@odata.count']).toBe(12);
  });

  it('keeps events of other calendars out of /me/events and /me/calendar/events', async () => {
    const { graph } = await setup();
    const other = json(await graph('POST', '/me/calendars', { name: 'Other' })).id;
    const created = await graph('POST', `/me/calendars/${other}/events`, meeting({ subject: 'Elsewhere' }));
    expect(created.status).toBe(201);
    expect(json(await graph('GET', '/me/events')).value).toEqual([]);
    expect(json(await graph('GET', `/me/calendars/${other}/events`)).value.map((e: { subject: string }) => e.subject)).toEqual(['Elsewhere']);
    expect((await graph('GET', `/me/events/${json(created).id}`)).status).toBe(200);
    expect((await graph('GET', '/me/calendars/AAMkNope/events')).status).toBe(404);
  });

  it('finds events by an extended property with $filter and returns it with $expand', async () => {
    const { graph } = await setup();
    await graph('POST', '/me/events', meeting({ subject: 'Other', singleValueExtendedProperties: [{ id: SOURCE_KEY, value: 'google:a@example.com:calendar:2' }] }));
    const created = json(await graph('POST', '/me/events', meeting({ singleValueExtendedProperties: [{ id: SOURCE_KEY, value: 'google:a@example.com:calendar:1' }] })));
    expect(created.singleValueExtendedProperties).toBeUndefined();
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${SOURCE_KEY}' and ep/value eq 'google:a@example.com:calendar:1')`;
    const expand = `singleValueExtendedProperties($filter=id eq '${SOURCE_KEY}')`;
    const found = json(await graph('GET', `/me/events?$filter=${encodeURIComponent(filter)}&$expand=${encodeURIComponent(expand)}`));
    expect(found.value).toHaveLength(1);
    expect(found.value[0].id).toBe(created.id);
    expect(found.value[0].singleValueExtendedProperties).toEqual([{ id: SOURCE_KEY, value: 'google:a@example.com:calendar:1' }]);
    const none = json(await graph('GET', `/me/events?$filter=${encodeURIComponent(filter.replace(':1', ':3'))}`));
    expect(none.value).toEqual([]);
    const byUid = json(await graph('GET', `/me/events?$filter=${encodeURIComponent(`iCalUId eq '${created.iCalUId}'`)}`));
    expect(byUid.value.map((e: { id: string }) => e.id)).toEqual([created.id]);
    const byType = json(await graph('GET', `/me/events?$filter=${encodeURIComponent("type eq 'singleInstance' and startswith(subject,'plan')")}`));
    expect(byType.value.map((e: { id: string }) => e.id)).toEqual([created.id]);
    const bad = await graph('GET', `/me/events?$filter=${encodeURIComponent("colour eq 'x'")}`);
    expect(json(bad).error.code).toBe('RequestBroker--ParseUri');
    const syntax = await graph('GET', `/me/events?$filter=${encodeURIComponent("subject eq 'x")}`);
    expect(syntax.status).toBe(400);
  });

  it('answers a retried create with the same transactionId with the event already made, and refuses it for a different event', async () => {
    const { graph } = await setup();
    const body = meeting({ transactionId: 'ferry-tx-1' });
    const first = await graph('POST', '/me/events', body);
    const second = await graph('POST', '/me/events', body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(json(second).id).toBe(json(first).id);
    expect(json(first).transactionId).toBe('ferry-tx-1');
    expect(json(await graph('GET', '/me/events')).value).toHaveLength(1);
    const found = json(await graph('GET', `/me/events?$filter=${encodeURIComponent("transactionId eq 'ferry-tx-1'")}`));
    expect(found.value).toHaveLength(1);
    const different = await graph('POST', '/me/events', meeting({ transactionId: 'ferry-tx-1', subject: 'Another' }));
    expect(different.status).toBe(400);
    expect(json(different).error.code).toBe('ErrorDuplicateTransactionId');
    const change = await graph('PATCH', `/me/events/${json(first).id}`, { transactionId: 'ferry-tx-2' });
    expect(change.status).toBe(400);
  });

  it('keeps location and locations corresponding, and initializes onlineMeeting for an online meeting', async () => {
    const { graph } = await setup();
    const e = json(await graph('POST', '/me/events', meeting({ isOnlineMeeting: true })));
    expect(e.onlineMeeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    const moved = json(await graph('PATCH', `/me/events/${e.id}`, { locations: [{ displayName: 'Café' }, { displayName: 'Online' }] }));
    expect(moved.location.displayName).toBe('Café');
    expect(moved.locations.map((l: { displayName: string }) => l.displayName)).toEqual(['Café', 'Online']);
    const single = json(await graph('PATCH', `/me/events/${e.id}`, { location: { displayName: 'Room 2' } }));
    expect(single.locations.map((l: { displayName: string }) => l.displayName)).toEqual(['Room 2']);
  });

  it('updates with PATCH (If-Match honoured) and deletes', async () => {
    const { graph } = await setup();
    const e = json(await graph('POST', '/me/events', meeting()));
    const stale = await graph('PATCH', `/me/events/${e.id}`, { subject: 'x' }, { 'if-match': 'W/"nope"' });
    expect(stale.status).toBe(412);
    const patched = await graph('PATCH', `/me/events/${e.id}`, { subject: 'Renamed', end: { dateTime: '2025-03-10T11:00:00', timeZone: 'Europe/Berlin' } }, { 'if-match': e['@odata.etag'] });
    expect(patched.status).toBe(200);
    expect(json(patched)).toMatchObject({ subject: 'Renamed', showAs: 'tentative', end: { dateTime: '2025-03-10T10:00:00.0000000' } });
    expect(json(patched).changeKey).not.toBe(e.changeKey);
    expect((await graph('PATCH', `/me/events/${e.id}`, { colour: 'red' })).status).toBe(400);
    expect((await graph('DELETE', `/me/events/${e.id}`)).status).toBe(204);
    expect((await graph('GET', `/me/events/${e.id}`)).status).toBe(404);
    expect((await graph('DELETE', `/me/events/${e.id}`)).status).toBe(404);
  });
});
