import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CalendarEvent, EventTime } from '../../model/calendar';
import { parseCalendarFile, writeCalendarFile, type CalendarFileInfo } from '../../model/calendar-ics';
import { isIanaZone } from '../../model/ics-time-zones';
import { WINDOWS_TO_IANA } from '../../model/windows-time-zones';

const base = {
  status: 'confirmed',
  busy: 'busy',
  visibility: 'default',
  attendees: [],
} as const satisfies Partial<CalendarEvent>;

const ROUND_TRIP_EVENTS: CalendarEvent[] = [
  {
    ...base,
    uid: 'weekly-standup@ferry.test',
    title: 'Stand-up; daily, sort of — Grüße ✓',
    description: 'Agenda:\n1. Yesterday\n2. Today, tomorrow; blockers\n\nZürich · 東京',
    location: 'Room 4, Building "B"',
    start: { dateTime: '2025-03-03T09:00:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2025-03-03T09:15:00', timeZone: 'Europe/Berlin' },
    recurrence: {
      rrule: ['FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20250630T220000Z'],
      rdate: [{ dateTime: '2025-03-08T10:00:00', timeZone: 'Europe/Berlin' }],
      exdate: [
        { dateTime: '2025-03-05T09:00:00', timeZone: 'Europe/Berlin' },
        { dateTime: '2025-04-18T09:00:00', timeZone: 'Europe/Berlin' },
      ],
    },
    status: 'tentative',
    busy: 'oof',
    visibility: 'confidential',
    organizer: { email: 'boss@example.com', name: 'Boss, The' },
    attendees: [
      { email: 'chair@example.com', name: 'Chair Person', role: 'chair', status: 'accepted', kind: 'individual', rsvp: false },
      { email: 'req@example.com', role: 'required', status: 'tentative', rsvp: true, comment: 'Late; 5 min, sorry' },
      { email: 'opt@example.com', name: 'Ōpt Ional', role: 'optional', status: 'declined', kind: 'group' },
      { email: 'room@example.com', role: 'non-participant', status: 'needs-action', kind: 'room' },
      { email: 'proj@example.com', role: 'required', status: 'delegated', kind: 'resource' },
      { email: 'who@example.com', role: 'required', status: 'accepted', kind: 'unknown' },
    ],
    reminders: [
      { minutesBefore: 10, method: 'display' },
      { minutesBefore: 1440, method: 'email' },
      { minutesBefore: 0, method: 'display' },
    ],
    categories: ['Work', 'Team, internal', 'Ünïcode'],
    url: 'https://example.com/meet?id=1,2;x=y',
    conferenceUrl: 'https://meet.google.com/abc-defg-hij',
    created: '2024-11-02T08:30:00Z',
    updated: '2025-02-27T17:45:12Z',
    sequence: 4,
  },
  {
    ...base,
    uid: 'weekly-standup@ferry.test',
    recurrenceId: { dateTime: '2025-03-07T09:00:00', timeZone: 'Europe/Berlin' },
    title: 'Stand-up (moved)',
    location: 'Café',
    start: { dateTime: '2025-03-07T11:30:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2025-03-07T11:45:00', timeZone: 'Europe/Berlin' },
    sequence: 5,
  },
  {
    ...base,
    uid: 'weekly-standup@ferry.test',
    recurrenceId: { dateTime: '2025-03-10T09:00:00', timeZone: 'Europe/Berlin' },
    title: 'Stand-up',
    start: { dateTime: '2025-03-10T09:00:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2025-03-10T09:15:00', timeZone: 'Europe/Berlin' },
    status: 'cancelled',
  },
  {
    ...base,
    uid: 'utc-call@ferry.test',
    title: 'UTC call',
    start: { dateTime: '2025-05-01T23:30:00', timeZone: 'UTC' },
    end: { dateTime: '2025-05-02T00:30:00', timeZone: 'UTC' },
    busy: 'free',
    visibility: 'public',
    reminders: [],
    conferenceUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0?context=%7b%7d',
  },
  {
    ...base,
    uid: 'floating@ferry.test',
    title: 'Floating alarm clock',
    start: { dateTime: '2025-06-01T07:00:00' },
    end: { dateTime: '2025-06-01T07:05:00' },
    busy: 'working-elsewhere',
    visibility: 'private',
  },
  {
    ...base,
    uid: 'holiday@ferry.test',
    title: 'Holiday',
    start: { date: '2025-08-04' },
    end: { date: '2025-08-16' },
    busy: 'tentative',
  },
  {
    ...base,
    uid: 'birthday@ferry.test',
    title: 'Birthday',
    start: { date: '2024-02-29' },
    end: { date: '2024-03-01' },
    recurrence: { rrule: ['FREQ=YEARLY;COUNT=10'], rdate: [{ date: '2025-03-01' }], exdate: [{ date: '2026-02-28' }] },
  },
  {
    ...base,
    uid: 'tokyo-sydney@ferry.test',
    title: 'Across zones',
    start: { dateTime: '2025-10-05T09:00:00', timeZone: 'Asia/Tokyo' },
    end: { dateTime: '2025-10-05T12:00:00', timeZone: 'Australia/Sydney' },
    recurrence: { rrule: ['FREQ=MONTHLY;COUNT=6;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'], rdate: [], exdate: [] },
  },
];

const CALENDAR: CalendarFileInfo = {
  name: 'Work, mostly; Ärger',
  description: 'Line one\nLine two',
  color: '#1a2b3c',
  timeZone: 'America/New_York',
};

describe('calendar iCalendar round trip', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  const text = writeCalendarFile(CALENDAR, ROUND_TRIP_EVENTS, { now });
  const parsed = parseCalendarFile(text);

  it('gives back every event field by field, with no problems', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.events).toHaveLength(ROUND_TRIP_EVENTS.length);
    ROUND_TRIP_EVENTS.forEach((event, i) => {
      const { reminders, ...rest } = event;
      expect(parsed.events[i]).toEqual({ ...rest, ...(reminders?.length ? { reminders } : {}) });
    });
  });

  it('gives back the calendar name, description, colour and zone', () => {
    expect(parsed.calendar).toEqual(CALENDAR);
  });

  it('writes one VTIMEZONE per zone used, none for UTC, and CRLF lines of at most 75 octets', () => {
    const tzids = [...text.matchAll(/^TZID:(.*)\r$/gm)].map((m) => m[1]);
    expect(tzids).toEqual(['Asia/Tokyo', 'Australia/Sydney', 'Europe/Berlin']);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\nPRODID:.*\r\nVERSION:2\.0\r\n/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20250303T090000\r\n');
    expect(text).toContain('DTSTART:20250501T233000Z\r\n');
    expect(text).toContain('DTSTART:20250601T070000\r\n');
    expect(text).toContain('DTSTART;VALUE=DATE:20250804\r\n');
    expect(text).toContain('X-MICROSOFT-CDO-BUSYSTATUS:WORKINGELSEWHERE\r\n');
  });

  it('is stable: writing what was read gives the same text', () => {
    expect(writeCalendarFile(parsed.calendar, parsed.events, { now })).toBe(text);
    expect(text).toContain('UID:utc-call@ferry.test\r\nDTSTAMP:20250601T120000Z\r\n');
  });
});

const wrap = (body: string, head = '') =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${head}BEGIN:VEVENT\r\nUID:u1\r\nDTSTAMP:20250101T000000Z\r\n${body}END:VEVENT\r\nEND:VCALENDAR\r\n`;
const one = (body: string, head = '') => {
  const parsed = parseCalendarFile(wrap(body, head));
  return { event: parsed.events[0]!, problems: parsed.problems, calendar: parsed.calendar };
};

describe('reading iCalendar written by others', () => {
  it('turns DURATION into an end, and gives DTEND-less events their RFC 5545 length', () => {
    expect(one('DTSTART;TZID=Asia/Tokyo:20250101T233000\r\nDURATION:PT1H\r\n').event.end).toEqual({ dateTime: '2025-01-02T00:30:00', timeZone: 'Asia/Tokyo' });
    expect(one('DTSTART;VALUE=DATE:20250131\r\nDURATION:P2D\r\n').event.end).toEqual({ date: '2025-02-02' });
    expect(one('DTSTART;VALUE=DATE:20250131\r\n').event.end).toEqual({ date: '2025-02-01' });
    expect(one('DTSTART:20250131T100000Z\r\n').event.end).toEqual({ dateTime: '2025-01-31T10:00:00', timeZone: 'UTC' });
  });

  it('maps Windows and vendor-prefixed TZIDs to IANA zones', () => {
    const windows = one('DTSTART;TZID=W. Europe Standard Time:20250101T100000\r\nDTEND;TZID="Tokyo Standard Time":20250101T190000\r\n');
    expect([windows.event.start, windows.event.end]).toEqual([
      { dateTime: '2025-01-01T10:00:00', timeZone: 'Europe/Berlin' },
      { dateTime: '2025-01-01T19:00:00', timeZone: 'Asia/Tokyo' },
    ]);
    expect(one('DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20250101T100000\r\n').event.start).toEqual({
      dateTime: '2025-01-01T10:00:00',
      timeZone: 'America/New_York',
    });
    expect(one('DTSTART;TZID=Etc/UTC:20250101T100000\r\n').event.start).toEqual({ dateTime: '2025-01-01T10:00:00', timeZone: 'UTC' });
    expect(one('DTSTART:20250101T100000\r\n', 'X-WR-TIMEZONE:Pacific Standard Time\r\n').calendar.timeZone).toBe('America/Los_Angeles');
  });

  it('maps every Windows zone name to a zone this runtime knows', () => {
    for (const [windows, iana] of Object.entries(WINDOWS_TO_IANA)) expect(isZone(iana), windows).toBe(true);
  });

  it('converts times in an unknown zone to UTC with the file\'s VTIMEZONE, and says so', () => {
    const vtimezone =
      'BEGIN:VTIMEZONE\r\nTZID:Office time\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n';
    const { event, problems } = one('DTSTART;TZID=Office time:20250101T100000\r\nEXDATE;TZID=Office time:20250102T100000\r\n', vtimezone);
    expect(event.start).toEqual({ dateTime: '2025-01-01T04:30:00', timeZone: 'UTC' });
    expect(event.recurrence?.exdate).toEqual([{ dateTime: '2025-01-02T04:30:00', timeZone: 'UTC' }]);
    expect(problems).toEqual(['TZID "Office time" is not a known time zone; its times were converted to UTC with the file\'s VTIMEZONE']);
    const floating = one('DTSTART;TZID=Nowhere Standard:20250101T100000\r\n');
    expect(floating.event.start).toEqual({ dateTime: '2025-01-01T10:00:00' });
    expect(floating.problems[0]).toContain('TZID "Nowhere Standard" is neither a known time zone nor defined in the file');
  });

  it('reads busy, visibility, status and conference links the way each vendor writes them', () => {
    expect(one('DTSTART:20250101T100000Z\r\nTRANSP:TRANSPARENT\r\n').event.busy).toBe('free');
    expect(one('DTSTART:20250101T100000Z\r\nTRANSP:TRANSPARENT\r\nX-MICROSOFT-CDO-BUSYSTATUS:OOF\r\n').event.busy).toBe('oof');
    expect(one('DTSTART:20250101T100000Z\r\n').event).toMatchObject({ busy: 'busy', visibility: 'default', status: 'confirmed', attendees: [] });
    expect(one('DTSTART:20250101T100000Z\r\nCLASS:X-SECRET\r\n').event.visibility).toBe('private');
    expect(one('DTSTART:20250101T100000Z\r\nSTATUS:CANCELLED\r\n').event.status).toBe('cancelled');
    expect(one('DTSTART:20250101T100000Z\r\nX-GOOGLE-CONFERENCE:https://meet.google.com/x\r\n').event.conferenceUrl).toBe('https://meet.google.com/x');
    expect(one('DTSTART:20250101T100000Z\r\nX-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/x\r\n').event.conferenceUrl).toBe(
      'https://teams.microsoft.com/l/x',
    );
  });

  it('reads attendees with RFC 5545 defaults and drops non-mail addresses with a problem', () => {
    const { event, problems } = one(
      'DTSTART:20250101T100000Z\r\nORGANIZER:MAILTO:Org@Example.com\r\nATTENDEE:mailto:plain@example.com\r\nATTENDEE;PARTSTAT=X-MAYBE;ROLE=X-OBSERVER;CUTYPE=X-BOT:mailto:odd@example.com\r\nATTENDEE:urn:uuid:1234\r\n',
    );
    expect(event.organizer).toEqual({ email: 'Org@Example.com' });
    expect(event.attendees).toEqual([
      { email: 'plain@example.com', role: 'required', status: 'needs-action' },
      { email: 'odd@example.com', role: 'required', status: 'needs-action', kind: 'unknown' },
    ]);
    expect(problems).toEqual(['event "" (u1): ATTENDEE urn:uuid:1234 is not a mail address and was dropped']);
  });

  it('keeps relative alarms before the start and names every other one in problems', () => {
    const alarm = (action: string, trigger: string) => `BEGIN:VALARM\r\nACTION:${action}\r\n${trigger}\r\nDESCRIPTION:x\r\nEND:VALARM\r\n`;
    const { event, problems } = one(
      'DTSTART:20250101T100000Z\r\nSUMMARY:Alarms\r\n' +
        alarm('AUDIO', 'TRIGGER:-PT30M') +
        alarm('EMAIL', 'TRIGGER;RELATED=START:-P2D') +
        alarm('DISPLAY', 'TRIGGER;VALUE=DATE-TIME:20241231T090000Z') +
        alarm('DISPLAY', 'TRIGGER;RELATED=END:-PT5M') +
        alarm('DISPLAY', 'TRIGGER:PT5M') +
        alarm('PROCEDURE', 'TRIGGER:-PT5M'),
    );
    expect(event.reminders).toEqual([
      { minutesBefore: 30, method: 'display' },
      { minutesBefore: 2880, method: 'email' },
    ]);
    expect(problems).toEqual([
      'event "Alarms" (u1): alarm (DISPLAY, TRIGGER 2024-12-31T09:00:00Z) dropped: only alarms relative to the start are kept',
      'event "Alarms" (u1): alarm (DISPLAY, TRIGGER -PT5M) dropped: alarms relative to the end are not kept',
      'event "Alarms" (u1): alarm (DISPLAY, TRIGGER PT5M) dropped: alarms after the start are not kept',
      'event "Alarms" (u1): alarm (PROCEDURE, TRIGGER -PT5M) dropped: only DISPLAY, AUDIO and EMAIL alarms are kept',
    ]);
  });

  it('reads RDATE periods, THISANDFUTURE and multi-valued EXDATE with a problem for what is lost', () => {
    const { event, problems } = one(
      'DTSTART;TZID=Europe/Berlin:20250101T100000\r\nRECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20250101T100000\r\n' +
        'RRULE:FREQ=DAILY;COUNT=3\r\nRDATE;VALUE=PERIOD:20250110T090000Z/PT1H\r\nEXDATE;VALUE=DATE:20250102,20250103\r\n',
    );
    expect(event.recurrenceId).toEqual({ dateTime: '2025-01-01T10:00:00', timeZone: 'Europe/Berlin' });
    expect(event.recurrence).toEqual({
      rrule: ['FREQ=DAILY;COUNT=3'],
      rdate: [{ dateTime: '2025-01-10T09:00:00', timeZone: 'UTC' }],
      exdate: [{ date: '2025-01-02' }, { date: '2025-01-03' }],
    });
    expect(problems).toHaveLength(2);
  });

  it('gives problems, not exceptions, for broken files', () => {
    expect(parseCalendarFile('')).toEqual({ calendar: {}, events: [], problems: ['the file is empty'] });
    expect(parseCalendarFile('hello world').problems[0]).toMatch(/^not a readable iCalendar file/);
    expect(parseCalendarFile(wrap('DTSTART:20250101T100000Z\r\nRRULE:FREQ=WEEKLY;BYDAY= TU\r\n')).problems[0]).toMatch(/^not a readable iCalendar file/);
    const noStart = parseCalendarFile(wrap('SUMMARY:x\r\n'));
    expect(noStart).toMatchObject({ events: [], problems: ['event "x" (u1) has no DTSTART and was skipped'] });
    const bareDate = one('DTSTART:20250101\r\nDTEND:20250102\r\n');
    expect([bareDate.event.start, bareDate.event.end]).toEqual([{ date: '2025-01-01' }, { date: '2025-01-02' }]);
    const noUid = parseCalendarFile('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
    expect(noUid.events[0]!.uid).toMatch(/^ferry-no-uid-[0-9a-f]{8}$/);
    expect(parseCalendarFile('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n').events[0]!.uid).toBe(noUid.events[0]!.uid);
  });
});

const FIXTURES = new URL('../../../shared/fixtures/calendar', import.meta.url);
const haveFixtures = existsSync(FIXTURES);
if (!haveFixtures) console.warn(`calendar-ics: ${fileURLToPath(FIXTURES)} is absent (no ../shared); skipping the real-world fixture checks`);

describe('real-world .ics fixtures (../shared/fixtures/calendar)', () => {
  if (!haveFixtures) {
    it.skip('needs ../shared/fixtures/calendar', () => undefined);
    return;
  }
  const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ics')).sort();

  it('finds the fixtures', () => expect(files.length).toBeGreaterThan(20));

  it.each(files)('%s parses without throwing into sane events', (file) => {
    const parsed = parseCalendarFile(readFileSync(join(fileURLToPath(FIXTURES), file), 'utf8'));
    for (const problem of parsed.problems) expect(problem).toMatch(/\S/);
    for (const event of parsed.events) expectSane(event);
    if (parsed.calendar.timeZone) expect(isZone(parsed.calendar.timeZone)).toBe(true);
  });

  it('reads known fixtures as their authors meant', () => {
    const read = (file: string) => parseCalendarFile(readFileSync(join(fileURLToPath(FIXTURES), file), 'utf8'));
    const birthdays = read('ical.js/google_birthday.ics');
    expect(birthdays.events).toHaveLength(4);
    expect(birthdays.calendar.timeZone).toBe('America/Los_Angeles');
    const instances = read('ical.js/recur_instances.ics');
    expect(instances.events.filter((e) => e.recurrenceId)).toHaveLength(2);
    expect(instances.events[0]!.recurrence?.exdate).toHaveLength(3);
    const outlook = read('biweekly/outlook-2010.ics');
    expect(outlook.events[0]!.start).toEqual({ dateTime: '2013-06-10T12:00:00', timeZone: 'America/New_York' });
    expect(read('icalendar-python/issue_165_missing_event.ics').problems.length).toBeGreaterThan(0);
  });
});

function expectSane(event: CalendarEvent): void {
  expect(event.uid).toMatch(/\S/);
  expectTime(event.start);
  expectTime(event.end);
  if (event.recurrenceId) expectTime(event.recurrenceId);
  for (const t of [...(event.recurrence?.rdate ?? []), ...(event.recurrence?.exdate ?? [])]) expectTime(t);
  for (const rule of event.recurrence?.rrule ?? []) expect(rule).toMatch(/^FREQ=[A-Z]+/);
  for (const attendee of event.attendees) expect(attendee.email).toMatch(/^[^@\s]+@[^@\s]+$/);
  for (const reminder of event.reminders ?? []) expect(Number.isInteger(reminder.minutesBefore) && reminder.minutesBefore >= 0).toBe(true);
  for (const stamp of [event.created, event.updated]) if (stamp) expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
}

function expectTime(t: EventTime): void {
  if ('date' in t) return void expect(t.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(t.dateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  if (t.timeZone !== undefined) expect(isZone(t.timeZone)).toBe(true);
}

const isZone = (zone: string) => zone === 'UTC' || isIanaZone(zone);
