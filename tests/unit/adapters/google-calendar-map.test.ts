import { describe, expect, it } from 'vitest';
import type { GoogleEvent } from '../../../adapters/google/calendar/api-types';
import { fromGoogleEvent, hasFloatingTime, parseRecurrence, recurrenceLines, toGoogleEvent } from '../../../adapters/google/calendar/map';
import { instanceIdSuffix } from '../../../adapters/google/calendar/time';
import { instantOf, wallTimeAt } from '../../../model/wall-time';
import type { CalendarEvent } from '../../../model/calendar';

const FULL_GOOGLE_EVENT: GoogleEvent = {
  id: 'evt001',
  iCalUID: 'weekly-sync@example.com',
  status: 'confirmed',
  summary: 'Weekly sync',
  description: 'Agenda <b>first</b>',
  location: 'Room 4',
  start: { dateTime: '2025-03-10T09:00:00+01:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2025-03-10T10:00:00+01:00', timeZone: 'Europe/Berlin' },
  recurrence: ['RRULE:FREQ=WEEKLY;UNTIL=20250601T000000Z;BYDAY=MO', 'EXDATE;TZID=Europe/Berlin:20250317T090000,20250324T090000', 'RDATE;VALUE=DATE:20250401'],
  transparency: 'transparent',
  visibility: 'private',
  organizer: { email: 'carol@example.com', displayName: 'Carol' },
  attendees: [
    { email: 'carol@example.com', displayName: 'Carol', organizer: true, responseStatus: 'accepted' },
    { email: 'alice@example.com', displayName: 'Alice', self: true, responseStatus: 'needsAction' },
    { email: 'bob@example.com', displayName: 'Bob', optional: true, responseStatus: 'tentative', comment: 'maybe late' },
    { email: 'room4@resource.example.com', resource: true, responseStatus: 'accepted' },
    { email: 'carol@example.com', responseStatus: 'needsAction' },
    { email: 'dave@example.com', responseStatus: 'declined' },
  ],
  reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: 10 }, { method: 'email', minutes: 1440 }] },
  created: '2025-01-05T08:00:00.000Z',
  updated: '2025-02-01T12:30:15.250Z',
  sequence: 3,
  hangoutLink: 'https://meet.google.com/old-link',
  conferenceData: { entryPoints: [{ entryPointType: 'phone', uri: 'tel:+1-555' }, { entryPointType: 'video', uri: 'https://meet.google.com/abc-defg-hij' }] },
  source: { url: 'https://tickets.example.com/42', title: 'Ticket' },
  colorId: '5',
};

describe('Google event → model', () => {
  const model = fromGoogleEvent(FULL_GOOGLE_EVENT, 'America/New_York');

  it('maps every text field and identity', () => {
    expect(model.uid).toBe('weekly-sync@example.com');
    expect(model.title).toBe('Weekly sync');
    expect(model.description).toBe('Agenda <b>first</b>');
    expect(model.location).toBe('Room 4');
    expect(model.status).toBe('confirmed');
    expect(model.visibility).toBe('private');
    expect(model.sequence).toBe(3);
    expect(model.url).toBe('https://tickets.example.com/42');
    expect(model.categories).toBeUndefined();
  });

  it('turns offset times into wall time in the event zone', () => {
    expect(model.start).toEqual({ dateTime: '2025-03-10T09:00:00', timeZone: 'Europe/Berlin' });
    expect(model.end).toEqual({ dateTime: '2025-03-10T10:00:00', timeZone: 'Europe/Berlin' });
  });

  it('recomputes wall time when Google answers in the calendar zone offset', () => {
    const event = fromGoogleEvent(
      { ...FULL_GOOGLE_EVENT, start: { dateTime: '2025-03-10T14:00:00+01:00', timeZone: 'America/New_York' } },
      'Europe/Berlin',
    );
    expect(event.start).toEqual({ dateTime: '2025-03-10T09:00:00', timeZone: 'America/New_York' });
  });

  it('uses the calendar zone when Google names none', () => {
    const event = fromGoogleEvent({ ...FULL_GOOGLE_EVENT, start: { dateTime: '2025-07-01T16:00:00Z' } }, 'Asia/Tokyo');
    expect(event.start).toEqual({ dateTime: '2025-07-02T01:00:00', timeZone: 'Asia/Tokyo' });
  });

  it('keeps all-day dates', () => {
    const event = fromGoogleEvent({ ...FULL_GOOGLE_EVENT, start: { date: '2025-05-01' }, end: { date: '2025-05-03' } }, 'UTC');
    expect(event.start).toEqual({ date: '2025-05-01' });
    expect(event.end).toEqual({ date: '2025-05-03' });
  });

  it('reads RRULE as written, RDATE and EXDATE with their zones', () => {
    expect(model.recurrence).toEqual({
      rrule: ['FREQ=WEEKLY;UNTIL=20250601T000000Z;BYDAY=MO'],
      rdate: [{ date: '2025-04-01' }],
      exdate: [
        { dateTime: '2025-03-17T09:00:00', timeZone: 'Europe/Berlin' },
        { dateTime: '2025-03-24T09:00:00', timeZone: 'Europe/Berlin' },
      ],
    });
  });

  it('reads UTC and floating EXDATEs and drops EXRULE', () => {
    expect(parseRecurrence(['EXDATE:20250317T080000Z', 'EXDATE:20250318T090000', 'EXRULE:FREQ=MONTHLY'])).toEqual({
      rrule: [],
      rdate: [],
      exdate: [{ dateTime: '2025-03-17T08:00:00', timeZone: 'UTC' }, { dateTime: '2025-03-18T09:00:00' }],
    });
  });

  it('leaves out the calendar itself as organizer', () => {
    const own = { ...FULL_GOOGLE_EVENT, organizer: { email: 'c_1@group.calendar.google.com', displayName: 'Work', self: true } };
    expect(fromGoogleEvent(own, 'UTC').organizer).toBeUndefined();
  });

  it('maps transparency, busy kinds of events and visibility', () => {
    expect(model.busy).toBe('free');
    expect(fromGoogleEvent({ ...FULL_GOOGLE_EVENT, transparency: undefined }, 'UTC').busy).toBe('busy');
    expect(fromGoogleEvent({ ...FULL_GOOGLE_EVENT, eventType: 'outOfOffice' }, 'UTC').busy).toBe('oof');
    expect(fromGoogleEvent({ ...FULL_GOOGLE_EVENT, eventType: 'workingLocation' }, 'UTC').busy).toBe('working-elsewhere');
    expect(fromGoogleEvent({ ...FULL_GOOGLE_EVENT, visibility: undefined }, 'UTC').visibility).toBe('default');
  });

  it('maps organizer and every attendee property', () => {
    expect(model.organizer).toEqual({ email: 'carol@example.com', name: 'Carol' });
    expect(model.attendees).toEqual([
      { email: 'carol@example.com', name: 'Carol', role: 'chair', status: 'accepted' },
      { email: 'alice@example.com', name: 'Alice', role: 'required', status: 'needs-action' },
      { email: 'bob@example.com', name: 'Bob', role: 'optional', status: 'tentative', comment: 'maybe late' },
      { email: 'room4@resource.example.com', role: 'required', status: 'accepted', kind: 'resource' },
      { email: 'carol@example.com', role: 'required', status: 'needs-action' },
      { email: 'dave@example.com', role: 'required', status: 'declined' },
    ]);
  });

  it('maps reminders: overrides, none, and the calendar default', () => {
    expect(model.reminders).toEqual([
      { minutesBefore: 10, method: 'display' },
      { minutesBefore: 1440, method: 'email' },
    ]);
    expect(fromGoogleEvent({ ...FULL_GOOGLE_EVENT, reminders: { useDefault: false } }, 'UTC').reminders).toEqual([]);
    expect(fromGoogleEvent({ ...FULL_GOOGLE_EVENT, reminders: { useDefault: true } }, 'UTC').reminders).toBeUndefined();
  });

  it('takes the video entry point, else the Hangout link, as the conference URL', () => {
    expect(model.conferenceUrl).toBe('https://meet.google.com/abc-defg-hij');
    expect(fromGoogleEvent({ ...FULL_GOOGLE_EVENT, conferenceData: undefined }, 'UTC').conferenceUrl).toBe('https://meet.google.com/old-link');
  });

  it('writes created and updated as UTC stamps', () => {
    expect(model.created).toBe('2025-01-05T08:00:00Z');
    expect(model.updated).toBe('2025-02-01T12:30:15.250Z');
  });

  it('maps a changed instance with its recurrence id', () => {
    const instance = fromGoogleEvent(
      {
        ...FULL_GOOGLE_EVENT,
        id: 'evt001_20250331T070000Z',
        recurrence: undefined,
        recurringEventId: 'evt001',
        originalStartTime: { dateTime: '2025-03-31T09:00:00+02:00', timeZone: 'Europe/Berlin' },
        start: { dateTime: '2025-03-31T11:00:00+02:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2025-03-31T12:00:00+02:00', timeZone: 'Europe/Berlin' },
      },
      'UTC',
    );
    expect(instance.recurrenceId).toEqual({ dateTime: '2025-03-31T09:00:00', timeZone: 'Europe/Berlin' });
    expect(instance.start).toEqual({ dateTime: '2025-03-31T11:00:00', timeZone: 'Europe/Berlin' });
    expect(instance.recurrence).toBeUndefined();
  });

  it('fills a bare cancelled instance from its series', () => {
    const cancelled = fromGoogleEvent(
      {
        id: 'evt001_20250407T070000Z',
        status: 'cancelled',
        recurringEventId: 'evt001',
        originalStartTime: { dateTime: '2025-04-07T09:00:00+02:00', timeZone: 'Europe/Berlin' },
      },
      'UTC',
      FULL_GOOGLE_EVENT,
    );
    expect(cancelled).toMatchObject({
      uid: 'weekly-sync@example.com',
      title: 'Weekly sync',
      status: 'cancelled',
      recurrenceId: { dateTime: '2025-04-07T09:00:00', timeZone: 'Europe/Berlin' },
      start: { dateTime: '2025-04-07T09:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2025-04-07T10:00:00', timeZone: 'Europe/Berlin' },
    });
  });

  it('leaves out what Google leaves empty', () => {
    const bare = fromGoogleEvent({ id: 'x1', iCalUID: 'u', start: { date: '2025-01-01' }, end: { date: '2025-01-02' }, description: '' }, 'UTC');
    expect(bare).toEqual({
      uid: 'u', title: '', start: { date: '2025-01-01' }, end: { date: '2025-01-02' },
      status: 'confirmed', busy: 'busy', visibility: 'default', attendees: [],
    });
  });
});

const MODEL_EVENT: CalendarEvent = {
  uid: 'weekly-sync@example.com',
  title: 'Weekly sync',
  description: 'Agenda',
  location: 'Room 4',
  start: { dateTime: '2025-03-10T09:00:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2025-03-10T10:00:00', timeZone: 'Europe/Berlin' },
  recurrence: {
    rrule: ['FREQ=WEEKLY;UNTIL=20250601T000000Z;BYDAY=MO'],
    rdate: [{ date: '2025-04-01' }],
    exdate: [{ dateTime: '2025-03-17T09:00:00', timeZone: 'Europe/Berlin' }, { dateTime: '2025-03-24T08:00:00', timeZone: 'UTC' }],
  },
  status: 'tentative',
  busy: 'free',
  visibility: 'confidential',
  organizer: { email: 'alice@example.com', name: 'Alice' },
  attendees: [
    { email: 'alice@example.com', name: 'Alice', role: 'chair', status: 'accepted' },
    { email: 'bob@example.com', role: 'optional', status: 'tentative', comment: 'maybe late' },
    { email: 'room4@example.com', role: 'required', status: 'accepted', kind: 'room' },
  ],
  reminders: [{ minutesBefore: 15, method: 'display' }, { minutesBefore: 60, method: 'email' }],
  categories: ['Work'],
  url: 'https://tickets.example.com/42',
  conferenceUrl: 'https://teams.example.com/meet/1',
  created: '2025-01-05T08:00:00Z',
  updated: '2025-02-01T12:30:15Z',
  sequence: 2,
};

describe('model → Google event', () => {
  const { body, lost } = toGoogleEvent(MODEL_EVENT, 'UTC', 'series');

  it('writes an events.import body with every field Google keeps', () => {
    expect(body).toEqual({
      iCalUID: 'weekly-sync@example.com',
      summary: 'Weekly sync',
      description: 'Agenda',
      location: 'Room 4',
      start: { dateTime: '2025-03-10T09:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2025-03-10T10:00:00', timeZone: 'Europe/Berlin' },
      recurrence: [
        'RRULE:FREQ=WEEKLY;UNTIL=20250601T000000Z;BYDAY=MO',
        'RDATE;VALUE=DATE:20250401',
        'EXDATE;TZID=Europe/Berlin:20250317T090000',
        'EXDATE:20250324T080000Z',
      ],
      status: 'tentative',
      transparency: 'transparent',
      visibility: 'confidential',
      organizer: { email: 'alice@example.com', displayName: 'Alice' },
      attendees: [
        { email: 'alice@example.com', displayName: 'Alice', responseStatus: 'accepted' },
        { email: 'bob@example.com', optional: true, responseStatus: 'tentative', comment: 'maybe late' },
        { email: 'room4@example.com', resource: true, responseStatus: 'accepted' },
      ],
      reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: 15 }, { method: 'email', minutes: 60 }] },
      source: { title: 'Weekly sync', url: 'https://tickets.example.com/42' },
      sequence: 2,
    });
    expect(lost).toEqual([]);
  });

  it('round-trips through Google JSON for the fields Google keeps', () => {
    // Google marks the attendee who organizes (EventAttendee.organizer).
    const attendees = body.attendees!.map((a) => (a.email === body.organizer?.email ? { ...a, organizer: true } : a));
    const back = fromGoogleEvent({ ...body, attendees, id: 'x' }, 'UTC');
    const { categories: _c, conferenceUrl: _u, created: _cr, updated: _up, ...kept } = MODEL_EVENT;
    expect(back).toEqual({ ...kept, attendees: [kept.attendees[0]!, kept.attendees[1]!, { ...kept.attendees[2]!, kind: 'resource' }] });
  });

  it('writes an instance body without series-only fields', () => {
    const instance = toGoogleEvent({ ...MODEL_EVENT, recurrenceId: MODEL_EVENT.start }, 'UTC', 'instance').body;
    expect(instance.iCalUID).toBeUndefined();
    expect(instance.recurrence).toBeUndefined();
    expect(instance.organizer).toBeUndefined();
    expect(instance.sequence).toBeUndefined();
    expect(instance.summary).toBe('Weekly sync');
  });

  it('writes all-day dates and the calendar default reminders', () => {
    const { body: allDay } = toGoogleEvent({ ...MODEL_EVENT, start: { date: '2025-05-01' }, end: { date: '2025-05-02' }, reminders: undefined }, 'UTC', 'series');
    expect(allDay.start).toEqual({ date: '2025-05-01' });
    expect(allDay.end).toEqual({ date: '2025-05-02' });
    expect(allDay.reminders).toEqual({ useDefault: true });
    expect(toGoogleEvent({ ...MODEL_EVENT, reminders: [] }, 'UTC', 'series').body.reminders).toEqual({ useDefault: false, overrides: [] });
  });

  it('pins floating times to the calendar zone and says so', () => {
    const floating = toGoogleEvent(
      { ...MODEL_EVENT, start: { dateTime: '2025-03-10T09:00:00' }, end: { dateTime: '2025-03-10T10:00:00' }, recurrence: { rrule: [], rdate: [], exdate: [{ dateTime: '2025-03-17T09:00:00' }] } },
      'Europe/Paris',
      'series',
    );
    expect(floating.body.start).toEqual({ dateTime: '2025-03-10T09:00:00', timeZone: 'Europe/Paris' });
    expect(floating.body.recurrence).toEqual(['EXDATE;TZID=Europe/Paris:20250317T090000']);
    expect(floating.lost.map((l) => l.field)).toEqual(['start.timeZone', 'end.timeZone', 'recurrence.exdate']);
    expect(hasFloatingTime({ ...MODEL_EVENT, start: { dateTime: '2025-03-10T09:00:00' } })).toBe(true);
    expect(hasFloatingTime(MODEL_EVENT)).toBe(false);
  });

  it('reports busy kinds Google cannot hold and keeps them busy', () => {
    for (const busy of ['tentative', 'oof', 'working-elsewhere'] as const) {
      const { body: b, lost: l } = toGoogleEvent({ ...MODEL_EVENT, busy }, 'UTC', 'series');
      expect(b.transparency).toBe('opaque');
      expect(l).toEqual([expect.objectContaining({ field: 'busy' })]);
    }
    expect(toGoogleEvent({ ...MODEL_EVENT, busy: 'busy' }, 'UTC', 'series').body.transparency).toBe('opaque');
  });

  it('reports attendee details Google cannot hold', () => {
    const { body: b, lost: l } = toGoogleEvent(
      {
        ...MODEL_EVENT,
        attendees: [
          { email: 'd@example.com', role: 'required', status: 'delegated' },
          { email: 'n@example.com', role: 'non-participant', status: 'accepted' },
          { email: 'g@example.com', role: 'required', status: 'accepted', kind: 'group', rsvp: false },
          { email: 'c@example.com', role: 'chair', status: 'accepted' },
        ],
      },
      'UTC',
      'series',
    );
    expect(b.attendees).toEqual([
      { email: 'd@example.com', responseStatus: 'needsAction' },
      { email: 'n@example.com', optional: true, responseStatus: 'accepted' },
      { email: 'g@example.com', responseStatus: 'accepted' },
      { email: 'c@example.com', responseStatus: 'accepted' },
    ]);
    expect(l.map((x) => x.field)).toEqual(['attendees.status', 'attendees', 'attendees', 'attendees', 'attendees']);
  });

  it('reports reminders beyond Google limits', () => {
    const many = [0, 5, 10, 15, 20, 25].map((m) => ({ minutesBefore: m, method: 'display' as const }));
    const { body: b, lost: l } = toGoogleEvent({ ...MODEL_EVENT, reminders: [...many, { minutesBefore: 50_000, method: 'email' }] }, 'UTC', 'series');
    expect(b.reminders?.overrides).toHaveLength(5);
    expect(l.map((x) => x.field)).toEqual(['reminders', 'reminders']);
  });

  it('keeps only web links as the source and reports others', () => {
    const { body: b, lost: l } = toGoogleEvent({ ...MODEL_EVENT, url: 'mailto:x@example.com' }, 'UTC', 'series');
    expect(b.source).toBeUndefined();
    expect(l).toEqual([expect.objectContaining({ field: 'url' })]);
  });

  it('refuses a rule without FREQ', () => {
    expect(() => recurrenceLines({ rrule: ['COUNT=3'], rdate: [], exdate: [] }, 'UTC')).toThrow(/FREQ/);
  });
});

describe('zones and instance ids', () => {
  it('converts between instants and wall time across DST', () => {
    expect(wallTimeAt(Date.parse('2025-07-01T07:00:00Z'), 'Europe/Berlin')).toBe('2025-07-01T09:00:00');
    expect(new Date(instantOf('2025-01-15T09:00:00', 'Europe/Berlin')).toISOString()).toBe('2025-01-15T08:00:00.000Z');
    expect(new Date(instantOf('2025-07-15T09:00:00', 'America/New_York')).toISOString()).toBe('2025-07-15T13:00:00.000Z');
    expect(new Date(instantOf('2025-03-30T02:30:00', 'Europe/Berlin')).toISOString()).toBe('2025-03-30T01:30:00.000Z');
  });

  it('names instances as Google does', () => {
    expect(instanceIdSuffix({ dateTime: '2025-03-17T09:00:00', timeZone: 'Europe/Berlin' }, 'UTC')).toBe('20250317T080000Z');
    expect(instanceIdSuffix({ dateTime: '2025-03-17T09:00:00', timeZone: 'UTC' }, 'Europe/Berlin')).toBe('20250317T090000Z');
    expect(instanceIdSuffix({ dateTime: '2025-03-17T09:00:00' }, 'Europe/Berlin')).toBe('20250317T080000Z');
    expect(instanceIdSuffix({ date: '2025-03-17' }, 'UTC')).toBe('20250317');
  });
});
