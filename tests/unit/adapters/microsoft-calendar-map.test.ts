import { describe, expect, it } from 'vitest';
import type { GraphEvent, GraphPatternedRecurrence } from '../../../adapters/microsoft/calendar/api-types';
import { ORIGIN_PROPERTY, originOf } from '../../../adapters/microsoft/calendar/extended-properties';
import { descriptionOf, fromGraphEvent, seriesOf, toGraphEvent } from '../../../adapters/microsoft/calendar/map';
import { recurrenceFromGraph, recurrenceToGraph } from '../../../adapters/microsoft/calendar/recurrence';
import { convertWallTime, graphZoneName, ianaZone } from '../../../adapters/microsoft/calendar/time';
import { instantOf, wallTimeAt } from '../../../model/wall-time';
import type { CalendarEvent, EventTime } from '../../../model/calendar';

/** A series master as Graph answers with Prefer: outlook.timezone="UTC" (Berlin is UTC+1 in March). */
const MASTER: GraphEvent = {
  id: 'AAMkMaster=',
  subject: 'Weekly sync',
  body: { contentType: 'html', content: '<html><body><p>Agenda <b>first</b></p><p>Notes &amp; links: <a href="https://x.example/doc">the doc</a></p></body></html>' },
  location: { displayName: 'Room 4' },
  start: { dateTime: '2025-03-10T08:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2025-03-10T09:00:00.0000000', timeZone: 'UTC' },
  originalStartTimeZone: 'W. Europe Standard Time',
  originalEndTimeZone: 'W. Europe Standard Time',
  isAllDay: false,
  isCancelled: false,
  type: 'seriesMaster',
  recurrence: {
    pattern: { type: 'weekly', interval: 2, daysOfWeek: ['monday', 'thursday'], firstDayOfWeek: 'sunday' },
    range: { type: 'endDate', startDate: '2025-03-10', endDate: '2025-06-30', recurrenceTimeZone: 'W. Europe Standard Time' },
  },
  cancelledOccurrences: ['OID.AAMkMaster=.2025-03-13', 'OID.AAMkMaster=.2025-04-07'],
  showAs: 'workingElsewhere',
  sensitivity: 'confidential',
  organizer: { emailAddress: { address: 'alice@contoso.example', name: 'Alice' } },
  attendees: [
    { emailAddress: { address: 'bob@example.com', name: 'Bob' }, type: 'required', status: { response: 'accepted' } },
    { emailAddress: { address: 'carol@example.com' }, type: 'optional', status: { response: 'tentativelyAccepted' } },
    { emailAddress: { address: 'room4@contoso.example', name: 'Room 4' }, type: 'resource', status: { response: 'declined' } },
    { emailAddress: { address: 'dave@example.com' }, type: 'required', status: { response: 'notResponded' } },
    { emailAddress: { name: 'No address' }, type: 'required' },
  ],
  responseRequested: true,
  isReminderOn: true,
  reminderMinutesBeforeStart: 10,
  categories: ['Blue category', 'Team'],
  onlineMeeting: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc' },
  iCalUId: '040000008200E00074C5B7101A82E008000000001',
  createdDateTime: '2025-01-05T08:00:00.1234567Z',
  lastModifiedDateTime: '2025-02-01T12:30:15Z',
  singleValueExtendedProperties: [{ id: ORIGIN_PROPERTY.toLowerCase(), value: JSON.stringify({ uid: 'weekly-sync@ferry.test', startTimeZone: 'Europe/Amsterdam' }) }],
};

describe('Graph event → model', () => {
  const model = fromGraphEvent(MASTER);

  it('maps text fields, identity and stamps', () => {
    expect(model.uid).toBe('weekly-sync@ferry.test');
    expect(model.title).toBe('Weekly sync');
    expect(model.description).toBe('Agenda first\nNotes & links: the doc [https://x.example/doc]');
    expect(model.location).toBe('Room 4');
    expect(model.created).toBe('2025-01-05T08:00:00Z');
    expect(model.updated).toBe('2025-02-01T12:30:15Z');
    expect(model.conferenceUrl).toBe('https://teams.microsoft.com/l/meetup-join/abc');
    expect(model.categories).toEqual(['Blue category', 'Team']);
    expect(model.url).toBeUndefined();
    expect(model.sequence).toBeUndefined();
  });

  it('puts UTC times back on the wall clock of the zone the event was written with', () => {
    expect(model.start).toEqual({ dateTime: '2025-03-10T09:00:00', timeZone: 'Europe/Amsterdam' });
    expect(model.end).toEqual({ dateTime: '2025-03-10T10:00:00', timeZone: 'Europe/Amsterdam' });
  });

  it('reads a Windows zone as its CLDR IANA zone when Ferry did not write the event', () => {
    const plain = fromGraphEvent({ ...MASTER, singleValueExtendedProperties: [] });
    expect(plain.start).toEqual({ dateTime: '2025-03-10T09:00:00', timeZone: 'Europe/Berlin' });
    expect(plain.uid).toBe('040000008200E00074C5B7101A82E008000000001');
  });

  it('maps status, free/busy, sensitivity, organizer and reminder', () => {
    expect(model.status).toBe('confirmed');
    expect(fromGraphEvent({ ...MASTER, isCancelled: true }).status).toBe('cancelled');
    expect(model.busy).toBe('working-elsewhere');
    expect(model.visibility).toBe('confidential');
    expect(fromGraphEvent({ ...MASTER, sensitivity: 'personal' }).visibility).toBe('private');
    expect(fromGraphEvent({ ...MASTER, sensitivity: 'normal' }).visibility).toBe('default');
    expect(fromGraphEvent({ ...MASTER, showAs: 'oof' }).busy).toBe('oof');
    expect(fromGraphEvent({ ...MASTER, showAs: 'unknown' }).busy).toBe('busy');
    expect(model.organizer).toEqual({ email: 'alice@contoso.example', name: 'Alice' });
    expect(model.reminders).toEqual([{ minutesBefore: 10, method: 'display' }]);
    expect(fromGraphEvent({ ...MASTER, isReminderOn: false }).reminders).toEqual([]);
  });

  it('carries only someone else as organizer, and no name Outlook filled in with the address', () => {
    expect(fromGraphEvent({ ...MASTER, isOrganizer: true }).organizer).toBeUndefined();
    expect(fromGraphEvent({ ...MASTER, isOrganizer: false }).organizer).toEqual({ email: 'alice@contoso.example', name: 'Alice' });
    const filled = fromGraphEvent({
      ...MASTER,
      organizer: { emailAddress: { address: 'carol@example.org', name: 'carol@example.org' } },
      attendees: [{ emailAddress: { address: 'grace@example.org', name: 'Grace@Example.org' }, type: 'required' }],
    });
    expect(filled.organizer).toEqual({ email: 'carol@example.org' });
    expect(filled.attendees[0]!.name).toBeUndefined();
  });

  it('maps attendees: type to role and kind, response to status, no address no attendee', () => {
    expect(model.attendees).toEqual([
      { email: 'bob@example.com', name: 'Bob', role: 'required', status: 'accepted', kind: 'individual', rsvp: true },
      { email: 'carol@example.com', role: 'optional', status: 'tentative', kind: 'individual', rsvp: true },
      { email: 'room4@contoso.example', name: 'Room 4', role: 'non-participant', status: 'declined', kind: 'resource' },
      { email: 'dave@example.com', role: 'required', status: 'needs-action', kind: 'individual', rsvp: true },
    ]);
  });

  it('maps the recurrence and cancelled occurrences (EXDATE at the series time of day)', () => {
    expect(model.recurrence).toEqual({
      rrule: ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20250630T070000Z;WKST=SU'],
      rdate: [],
      exdate: [
        { dateTime: '2025-03-13T09:00:00', timeZone: 'Europe/Amsterdam' },
        { dateTime: '2025-04-07T09:00:00', timeZone: 'Europe/Amsterdam' },
      ],
    });
  });

  it('maps an exception with its series UID and original start as recurrence id', () => {
    const exception: GraphEvent = {
      id: 'AAMkException=',
      type: 'exception',
      subject: 'Weekly sync (moved)',
      start: { dateTime: '2025-03-24T09:30:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2025-03-24T10:00:00.0000000', timeZone: 'UTC' },
      originalStart: '2025-03-24T08:00:00Z',
      originalStartTimeZone: 'W. Europe Standard Time',
      originalEndTimeZone: 'W. Europe Standard Time',
      isReminderOn: false,
      showAs: 'busy',
    };
    const instance = fromGraphEvent(exception, seriesOf(MASTER, model));
    expect(instance.uid).toBe('weekly-sync@ferry.test');
    expect(instance.recurrenceId).toEqual({ dateTime: '2025-03-24T09:00:00', timeZone: 'Europe/Amsterdam' });
    expect(instance.start).toEqual({ dateTime: '2025-03-24T10:30:00', timeZone: 'Europe/Amsterdam' });
    expect(instance.recurrence).toBeUndefined();
    expect(instance.reminders).toEqual([]);
  });

  it('reads all-day events as dates, in UTC or in their own zone', () => {
    const allDay = fromGraphEvent({
      ...MASTER,
      recurrence: null,
      isAllDay: true,
      start: { dateTime: '2025-02-24T00:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2025-03-01T00:00:00.0000000', timeZone: 'UTC' },
      originalStartTimeZone: 'UTC',
      originalEndTimeZone: 'UTC',
    });
    expect(allDay.start).toEqual({ date: '2025-02-24' });
    expect(allDay.end).toEqual({ date: '2025-03-01' });
    expect(allDay.recurrence).toBeUndefined();
    const pacific = fromGraphEvent({
      ...MASTER,
      recurrence: null,
      isAllDay: true,
      start: { dateTime: '2025-02-24T08:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2025-02-25T08:00:00.0000000', timeZone: 'UTC' },
      originalStartTimeZone: 'Pacific Standard Time',
      originalEndTimeZone: 'Pacific Standard Time',
      singleValueExtendedProperties: [],
    });
    expect(pacific.start).toEqual({ date: '2025-02-24' });
    expect(pacific.end).toEqual({ date: '2025-02-25' });
  });

  it('keeps an empty body, location and categories out of the model', () => {
    const bare = fromGraphEvent({ id: 'x', start: MASTER.start, end: MASTER.end, body: { contentType: 'html', content: '<html><body></body></html>' }, location: { displayName: '' }, categories: [] });
    expect(bare.description).toBeUndefined();
    expect(bare.location).toBeUndefined();
    expect(bare.categories).toBeUndefined();
    expect(bare.reminders).toBeUndefined();
    expect(bare.start).toEqual({ dateTime: '2025-03-10T08:00:00', timeZone: 'UTC' });
  });

  it('converts text bodies as they are and HTML to text', () => {
    expect(descriptionOf({ contentType: 'text', content: 'Line 1\r\nLine 2' })).toBe('Line 1\nLine 2');
    expect(descriptionOf({ contentType: 'html', content: '<div>Line 1<br>Line 2</div>' })).toBe('Line 1\nLine 2');
  });
});

const EVENT: CalendarEvent = {
  uid: 'kickoff@ferry.test',
  title: 'Project kickoff',
  description: 'Agenda:\n1. Goals',
  location: 'Room 4.12',
  start: { dateTime: '2025-02-10T14:00:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2025-02-10T15:30:00', timeZone: 'Europe/Berlin' },
  status: 'confirmed',
  busy: 'tentative',
  visibility: 'private',
  organizer: { email: 'carol@example.org', name: 'Carol' },
  attendees: [
    { email: 'dave@example.org', name: 'Dave', role: 'required', status: 'accepted', kind: 'individual', rsvp: true },
    { email: 'erin@example.org', role: 'optional', status: 'tentative', kind: 'individual' },
    { email: 'room@example.org', name: 'Room', role: 'non-participant', status: 'accepted', kind: 'room' },
    { email: 'frank@example.org', role: 'chair', status: 'accepted' },
  ],
  reminders: [{ minutesBefore: 15, method: 'display' }],
  categories: ['Planning'],
};

describe('model → Graph event', () => {
  it('writes every field Outlook holds, zones as Windows names', () => {
    const { body, lost } = toGraphEvent(EVENT, 'series');
    expect(body).toEqual({
      subject: 'Project kickoff',
      body: { contentType: 'text', content: 'Agenda:\n1. Goals' },
      location: { displayName: 'Room 4.12' },
      start: { dateTime: '2025-02-10T14:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2025-02-10T15:30:00', timeZone: 'W. Europe Standard Time' },
      isAllDay: false,
      showAs: 'tentative',
      sensitivity: 'private',
      organizer: { emailAddress: { address: 'carol@example.org', name: 'Carol' } },
      attendees: [
        { emailAddress: { address: 'dave@example.org', name: 'Dave' }, type: 'required' },
        { emailAddress: { address: 'erin@example.org' }, type: 'optional' },
        { emailAddress: { address: 'room@example.org', name: 'Room' }, type: 'resource' },
        { emailAddress: { address: 'frank@example.org' }, type: 'required' },
      ],
      responseRequested: true,
      isReminderOn: true,
      reminderMinutesBeforeStart: 15,
      categories: ['Planning'],
      singleValueExtendedProperties: [{ id: ORIGIN_PROPERTY, value: JSON.stringify({ uid: 'kickoff@ferry.test', startTimeZone: 'Europe/Berlin' }) }],
    });
    expect(lost).toEqual([]);
    expect(originOf(body as GraphEvent)).toEqual({ uid: 'kickoff@ferry.test', startTimeZone: 'Europe/Berlin' });
  });

  it('writes all-day events as UTC midnights', () => {
    const { body } = toGraphEvent({ ...EVENT, start: { date: '2025-02-24' }, end: { date: '2025-03-01' } }, 'series');
    expect(body.isAllDay).toBe(true);
    expect(body.start).toEqual({ dateTime: '2025-02-24T00:00:00', timeZone: 'UTC' });
    expect(body.end).toEqual({ dateTime: '2025-03-01T00:00:00', timeZone: 'UTC' });
    expect(JSON.parse(body.singleValueExtendedProperties![0]!.value)).toEqual({ uid: 'kickoff@ferry.test' });
  });

  it('keeps the end zone when it differs from the start zone', () => {
    const { body } = toGraphEvent({ ...EVENT, end: { dateTime: '2025-02-10T18:00:00', timeZone: 'Europe/London' } }, 'series');
    expect(body.end).toEqual({ dateTime: '2025-02-10T18:00:00', timeZone: 'GMT Standard Time' });
    expect(JSON.parse(body.singleValueExtendedProperties![0]!.value)).toEqual({
      uid: 'kickoff@ferry.test',
      startTimeZone: 'Europe/Berlin',
      endTimeZone: 'Europe/London',
    });
  });

  it('reports floating times, public visibility and unsupported statuses as lost', () => {
    const { body, lost } = toGraphEvent(
      { ...EVENT, start: { dateTime: '2025-02-10T14:00:00' }, end: { dateTime: '2025-02-10T15:00:00' }, visibility: 'public', status: 'tentative' },
      'series',
    );
    expect(body.start).toEqual({ dateTime: '2025-02-10T14:00:00', timeZone: 'UTC' });
    expect(body.sensitivity).toBe('normal');
    expect(lost.map((l) => l.field)).toEqual(['start.timeZone', 'start.timeZone', 'visibility', 'status']);
    expect(lost[3]!.reason).toMatch(/tentative/);
    expect(toGraphEvent({ ...EVENT, status: 'cancelled' }, 'series').lost).toEqual([{ field: 'status', reason: expect.stringMatching(/cancelled/) }]);
  });

  it('reports a non-participant person as lost (invited as optional)', () => {
    const { body, lost } = toGraphEvent({ ...EVENT, attendees: [{ email: 'x@example.org', role: 'non-participant', status: 'needs-action', kind: 'individual' }] }, 'series');
    expect(body.attendees).toEqual([{ emailAddress: { address: 'x@example.org' }, type: 'optional' }]);
    expect(lost).toEqual([{ field: 'attendees', reason: expect.stringContaining('x@example.org') }]);
  });

  it('keeps one reminder and reports the others, email ones and calendar defaults', () => {
    const two = toGraphEvent({ ...EVENT, reminders: [{ minutesBefore: 1440, method: 'email' }, { minutesBefore: 30, method: 'display' }] }, 'series');
    expect([two.body.isReminderOn, two.body.reminderMinutesBeforeStart]).toEqual([true, 30]);
    expect(two.lost).toEqual([{ field: 'reminders', reason: expect.stringContaining('email reminder 1440 minutes') }]);
    const email = toGraphEvent({ ...EVENT, reminders: [{ minutesBefore: 60, method: 'email' }] }, 'series');
    expect([email.body.isReminderOn, email.body.reminderMinutesBeforeStart]).toEqual([true, 60]);
    expect(email.lost).toEqual([{ field: 'reminders', reason: expect.stringContaining('became a pop-up') }]);
    const none = toGraphEvent({ ...EVENT, reminders: [] }, 'series');
    expect(none.body.isReminderOn).toBe(false);
    expect(none.lost).toEqual([]);
    const defaults = toGraphEvent({ ...EVENT, reminders: undefined }, 'series');
    expect(defaults.body.isReminderOn).toBeUndefined();
    expect(defaults.lost).toEqual([{ field: 'reminders', reason: expect.stringContaining('default') }]);
  });

  it('writes an occurrence change in full, without recurrence or identity', () => {
    const { body, lost } = toGraphEvent({ ...EVENT, description: undefined, location: undefined, categories: undefined, reminders: undefined, recurrenceId: EVENT.start }, 'instance');
    expect(body.body).toEqual({ contentType: 'text', content: '' });
    expect(body.location).toEqual({ displayName: '' });
    expect(body.categories).toEqual([]);
    expect(body.recurrence).toBeUndefined();
    expect(body.singleValueExtendedProperties).toBeUndefined();
    expect(body.isReminderOn).toBeUndefined();
    expect(lost).toEqual([]);
  });

  it('writes the recurrence of a series and reports what it cannot keep', () => {
    const { body, lost } = toGraphEvent(
      { ...EVENT, recurrence: { rrule: ['FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10', 'FREQ=MONTHLY;BYMONTHDAY=1'], rdate: [], exdate: [] } },
      'series',
    );
    expect(body.recurrence).toEqual({
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday'], firstDayOfWeek: 'monday' },
      range: { type: 'numbered', startDate: '2025-02-10', numberOfOccurrences: 10, recurrenceTimeZone: 'W. Europe Standard Time' },
    });
    expect(lost).toEqual([{ field: 'recurrence.rrule', reason: expect.stringContaining('FREQ=MONTHLY;BYMONTHDAY=1') }]);
  });
});

const berlin = (dateTime: string): EventTime => ({ dateTime, timeZone: 'Europe/Berlin' });
const START = berlin('2025-03-03T09:00:00');

/** Each RRULE, the Graph recurrence it becomes, and the RRULE Graph's recurrence reads back as. */
const PATTERNS: [string, GraphPatternedRecurrence, string][] = [
  [
    'FREQ=DAILY;INTERVAL=3',
    { pattern: { type: 'daily', interval: 3 }, range: { type: 'noEnd', startDate: '2025-03-03', recurrenceTimeZone: 'W. Europe Standard Time' } },
    'FREQ=DAILY;INTERVAL=3',
  ],
  [
    'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
    {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], firstDayOfWeek: 'monday' },
      range: { type: 'noEnd', startDate: '2025-03-03', recurrenceTimeZone: 'W. Europe Standard Time' },
    },
    'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
  ],
  [
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;WKST=SU;COUNT=8',
    {
      pattern: { type: 'weekly', interval: 2, daysOfWeek: ['monday', 'friday'], firstDayOfWeek: 'sunday' },
      range: { type: 'numbered', startDate: '2025-03-03', numberOfOccurrences: 8, recurrenceTimeZone: 'W. Europe Standard Time' },
    },
    'FREQ=WEEKLY;COUNT=8;INTERVAL=2;BYDAY=MO,FR;WKST=SU',
  ],
  [
    'FREQ=WEEKLY',
    {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'monday' },
      range: { type: 'noEnd', startDate: '2025-03-03', recurrenceTimeZone: 'W. Europe Standard Time' },
    },
    'FREQ=WEEKLY;BYDAY=MO',
  ],
  [
    'FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20251215T080000Z',
    {
      pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 15 },
      range: { type: 'endDate', startDate: '2025-03-03', endDate: '2025-12-15', recurrenceTimeZone: 'W. Europe Standard Time' },
    },
    'FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20251215T080000Z',
  ],
  [
    'FREQ=MONTHLY',
    { pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 3 }, range: { type: 'noEnd', startDate: '2025-03-03', recurrenceTimeZone: 'W. Europe Standard Time' } },
    'FREQ=MONTHLY',
  ],
  [
    'FREQ=MONTHLY;BYDAY=-1FR',
    {
      pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' },
      range: { type: 'noEnd', startDate: '2025-03-03', recurrenceTimeZone: 'W. Europe Standard Time' },
    },
    'FREQ=MONTHLY;BYDAY=-1FR',
  ],
  [
    'FREQ=MONTHLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    {
      pattern: { type: 'relativeMonthly', interval: 2, daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], index: 'last' },
      range: { type: 'noEnd', startDate: '2025-03-03', recurrenceTimeZone: 'W. Europe Standard Time' },
    },
    'FREQ=MONTHLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
  ],
  [
    'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2',
    {
      pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'second' },
      range: { type: 'noEnd', startDate: '2025-03-03', recurrenceTimeZone: 'W. Europe Standard Time' },
    },
    'FREQ=MONTHLY;BYDAY=2TU',
  ],
  [
    'FREQ=YEARLY',
    { pattern: { type: 'absoluteYearly', interval: 1, dayOfMonth: 3, month: 3 }, range: { type: 'noEnd', startDate: '2025-03-03', recurrenceTimeZone: 'W. Europe Standard Time' } },
    'FREQ=YEARLY',
  ],
  [
    'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4;COUNT=5',
    {
      pattern: { type: 'absoluteYearly', interval: 1, dayOfMonth: 4, month: 7 },
      range: { type: 'numbered', startDate: '2025-03-03', numberOfOccurrences: 5, recurrenceTimeZone: 'W. Europe Standard Time' },
    },
    'FREQ=YEARLY;COUNT=5;BYMONTH=7;BYMONTHDAY=4',
  ],
  [
    'FREQ=YEARLY;BYMONTH=11;BYDAY=4TH',
    {
      pattern: { type: 'relativeYearly', interval: 1, daysOfWeek: ['thursday'], index: 'fourth', month: 11 },
      range: { type: 'noEnd', startDate: '2025-03-03', recurrenceTimeZone: 'W. Europe Standard Time' },
    },
    'FREQ=YEARLY;BYMONTH=11;BYDAY=4TH',
  ],
];

describe('RRULE ↔ patternedRecurrence', () => {
  it.each(PATTERNS)('%s', (rrule, graph, back) => {
    const { recurrence, lost } = recurrenceToGraph([rrule], START);
    expect(recurrence).toEqual(graph);
    expect(lost).toEqual([]);
    expect(recurrenceFromGraph(graph, START)).toBe(back);
  });

  it('turns UNTIL into the last local date an occurrence may start on, and back', () => {
    const ny = { dateTime: '2025-04-01T07:30:00', timeZone: 'America/New_York' };
    const { recurrence } = recurrenceToGraph(['FREQ=DAILY;INTERVAL=2;UNTIL=20250430T113000Z'], ny);
    expect(recurrence?.range).toEqual({ type: 'endDate', startDate: '2025-04-01', endDate: '2025-04-30', recurrenceTimeZone: 'Eastern Standard Time' });
    expect(recurrenceFromGraph(recurrence!, ny)).toBe('FREQ=DAILY;INTERVAL=2;UNTIL=20250430T113000Z');
    const early = recurrenceToGraph(['FREQ=DAILY;UNTIL=20250430T110000Z'], ny).recurrence;
    expect(early?.range.endDate).toBe('2025-04-29');
  });

  it('keeps all-day UNTIL as a date', () => {
    const day = { date: '2025-06-14' };
    const { recurrence } = recurrenceToGraph(['FREQ=WEEKLY;UNTIL=20250830'], day);
    expect(recurrence?.range).toEqual({ type: 'endDate', startDate: '2025-06-14', endDate: '2025-08-30', recurrenceTimeZone: 'UTC' });
    expect(recurrence?.pattern.daysOfWeek).toEqual(['saturday']);
    expect(recurrenceFromGraph(recurrence!, day)).toBe('FREQ=WEEKLY;BYDAY=SA;UNTIL=20250830');
  });

  it.each([
    ['FREQ=DAILY;BYHOUR=9,17', /BYHOUR/],
    ['FREQ=HOURLY;INTERVAL=4', /hourly/],
    ['FREQ=WEEKLY;BYWEEKNO=20', /BYWEEKNO/],
    ['FREQ=YEARLY;BYYEARDAY=100', /BYYEARDAY/],
    ['FREQ=MONTHLY;BYDAY=5FR', /position 5/],
    ['FREQ=MONTHLY;BYDAY=-2MO', /position -2/],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', /month's end/],
    ['FREQ=MONTHLY;BYMONTHDAY=1,15', /one BYMONTHDAY/],
    ['FREQ=MONTHLY;BYDAY=1MO,3MO', /different positions|several/],
    ['FREQ=MONTHLY;BYDAY=MO', /every matching weekday/],
    ['FREQ=YEARLY;BYDAY=1MO', /every month/],
    ['FREQ=DAILY;INTERVAL=2;BYDAY=MO', /limited to weekdays/],
    ['FREQ=WEEKLY;BYMONTH=3', /BYMONTH/],
    ['FREQ=WEEKLY;X-NAME=1', /X-NAME/],
    ['NOT A RULE', /not a valid rule|FREQ/],
  ])('reports %s as lost and keeps only the first occurrence', (rrule, why) => {
    const { recurrence, lost } = recurrenceToGraph([rrule], START);
    expect(recurrence).toBeUndefined();
    expect(lost).toHaveLength(1);
    expect(lost[0]!.field).toBe('recurrence.rrule');
    expect(lost[0]!.reason).toContain(rrule);
    expect(lost[0]!.reason).toMatch(why);
  });

  it('maps a monthly day past the 28th but reports the shorter-month difference', () => {
    const { recurrence, lost } = recurrenceToGraph(['FREQ=MONTHLY;BYMONTHDAY=31'], START);
    expect(recurrence?.pattern).toEqual({ type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 });
    expect(lost).toEqual([{ field: 'recurrence.rrule', reason: expect.stringContaining('day 31') }]);
  });
});

describe('zones', () => {
  it('maps Windows zones to IANA and back, preferring the name the event was written with', () => {
    expect(ianaZone('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(ianaZone('W. Europe Standard Time', 'Europe/Amsterdam')).toBe('Europe/Amsterdam');
    expect(ianaZone('W. Europe Standard Time', 'Europe/Paris')).toBe('Europe/Berlin');
    expect(ianaZone('America/Chicago')).toBe('America/Chicago');
    expect(ianaZone('UTC')).toBe('UTC');
    expect(ianaZone('tzone://Microsoft/Custom')).toBeUndefined();
    expect(graphZoneName('America/New_York')).toBe('Eastern Standard Time');
    expect(graphZoneName('Europe/Kyiv')).toBe('FLE Standard Time');
    expect(graphZoneName('Etc/UTC')).toBe('UTC');
  });

  it('converts between wall-clock times and instants across DST', () => {
    expect(new Date(instantOf('2025-03-30T03:30:00', 'Europe/Berlin')).toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(new Date(instantOf('2025-07-01T12:00:00.0000000', 'America/New_York')).toISOString()).toBe('2025-07-01T16:00:00.000Z');
    expect(wallTimeAt(Date.parse('2025-01-01T12:00:00Z'), 'Asia/Kolkata')).toBe('2025-01-01T17:30:00');
    expect(convertWallTime('2025-01-01T12:00:00.0000000', 'UTC', 'Europe/Berlin')).toBe('2025-01-01T13:00:00');
    expect(convertWallTime('2025-01-01T12:00:00', 'Eastern Standard Time', 'UTC')).toBe('2025-01-01T17:00:00');
  });
});
