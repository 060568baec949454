import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeSampleCalendars } from '../sample-data/calendar';
import { graphClient, json, makeSandbox, signIn } from './test-kit';

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-ms-sandbox-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  vi.restoreAllMocks();
});

const PRIMARY = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Fixture//EN
X-WR-CALNAME:Alice
X-APPLE-CALENDAR-COLOR:#4285F4FF
BEGIN:VEVENT
UID:single-1@example.com
DTSTAMP:20250101T000000Z
CREATED:20250102T030405Z
LAST-MODIFIED:20250103T030405Z
DTSTART;TZID=Europe/Berlin:20250310T090000
DTEND;TZID=Europe/Berlin:20250310T103000
SUMMARY:Planning
DESCRIPTION:Agenda\\nline two
LOCATION:Room 1
GEO:52.52;13.405
CATEGORIES:Work,Important
CLASS:CONFIDENTIAL
TRANSP:OPAQUE
X-MICROSOFT-CDO-BUSYSTATUS:OOF
PRIORITY:1
ORGANIZER;CN=Alice Example:mailto:alice@contoso.example
ATTENDEE;CN=Bob;ROLE=OPT-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:bob@example.com
ATTENDEE;CUTYPE=ROOM;CN=Room 1;PARTSTAT=NEEDS-ACTION:mailto:room1@example.com
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Reminder
TRIGGER:-PT30M
END:VALARM
END:VEVENT
BEGIN:VEVENT
UID:allday-1@example.com
DTSTAMP:20250101T000000Z
DTSTART;VALUE=DATE:20250501
DTEND;VALUE=DATE:20250503
SUMMARY:Holiday
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
UID:series-1@example.com
DTSTAMP:20250101T000000Z
DTSTART;TZID=America/New_York:20250303T100000
DTEND;TZID=America/New_York:20250303T110000
SUMMARY:Standup
RRULE:FREQ=WEEKLY;COUNT=8;BYDAY=MO,WE;WKST=SU
EXDATE;TZID=America/New_York:20250310T100000
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Reminder
TRIGGER:-PT5M
END:VALARM
END:VEVENT
BEGIN:VEVENT
UID:series-1@example.com
DTSTAMP:20250101T000000Z
RECURRENCE-ID;TZID=America/New_York:20250312T100000
DTSTART;TZID=America/New_York:20250312T140000
DTEND;TZID=America/New_York:20250312T150000
SUMMARY:Standup (afternoon)
END:VEVENT
BEGIN:VEVENT
UID:monthly-1@example.com
DTSTAMP:20250101T000000Z
DTSTART:20250131T150000Z
DTEND:20250131T160000Z
SUMMARY:Month end
RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20251231T235959Z
END:VEVENT
BEGIN:VEVENT
UID:hourly-1@example.com
DTSTAMP:20250101T000000Z
DTSTART:20250131T150000Z
DTEND:20250131T151500Z
SUMMARY:Every hour
RRULE:FREQ=HOURLY;COUNT=3
END:VEVENT
END:VCALENDAR
`.replace(/\n/g, '\r\n');

const WORK = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Fixture//EN
X-WR-CALNAME:Work & Travel
X-APPLE-CALENDAR-COLOR:#0B8043
BEGIN:VEVENT
UID:flight-1@example.com
DTSTAMP:20250101T000000Z
DTSTART;TZID=Europe/Berlin:20250401T080000
DTEND;TZID=America/New_York:20250401T110000
SUMMARY:Flight BER–JFK
END:VEVENT
END:VCALENDAR
`.replace(/\n/g, '\r\n');

const writeArchive = async (files: Record<string, string>) => {
  const dir = await tempDir();
  await mkdir(join(dir, 'calendar'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'calendar', name), text);
  return dir;
};

type Snapshot = { calendars: Record<string, any>[]; events: Record<string, Record<string, any>[]> };

/** The snapshot without what a fresh import must change: ids, change keys and the ids built from them. */
const comparable = (snap: Snapshot) =>
  snap.calendars.map((c) => ({
    name: c.name,
    hexColor: c.hexColor,
    isDefaultCalendar: c.isDefaultCalendar,
    events: (snap.events[c.id] ?? [])
      .map(({ id, changeKey, '@odata.etag': etag, webLink, seriesMasterId, cancelledOccurrences, ...rest }): Record<string, any> => ({
        ...rest,
        isException: seriesMasterId !== null,
        cancelledDates: (cancelledOccurrences as string[]).map((o) => o.slice(-10)),
      }))
      .sort((a, b) => `${a.iCalUId}${a.originalStart ?? ''}`.localeCompare(`${b.iCalUId}${b.originalStart ?? ''}`)),
  }));

describe('seed and dump', () => {
  it('seeds Graph events from iCalendar, field by field', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { sandbox } = makeSandbox();
    await sandbox.seed(await writeArchive({ 'primary.ics': PRIMARY, 'work.ics': WORK }));
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[microsoft sandbox seed\] primary\.ics: event hourly-1@example\.com: RRULE:FREQ=HOURLY;COUNT=3 cannot be expressed as a Graph patternedRecurrence/));
    const snap = sandbox.snapshot() as Snapshot;
    expect(snap.calendars.map((c) => [c.name, c.hexColor, c.isDefaultCalendar])).toEqual([['Calendar', '#4285f4', true], ['Work & Travel', '#0b8043', false]]);
    const primary = snap.events[snap.calendars[0]?.id] as Record<string, any>[];
    const byUid = (uid: string) => primary.filter((e) => e.iCalUId === uid);
    expect(primary.map((e) => e.iCalUId)).not.toContain('hourly-1@example.com');
    expect(byUid('single-1@example.com')[0]).toMatchObject({
      type: 'singleInstance', subject: 'Planning', body: { contentType: 'text', content: 'Agenda\nline two' },
      start: { dateTime: '2025-03-10T09:00:00.0000000', timeZone: 'Europe/Berlin' }, end: { dateTime: '2025-03-10T10:30:00.0000000', timeZone: 'Europe/Berlin' },
      location: { displayName: 'Room 1', coordinates: { latitude: 52.52, longitude: 13.405 } }, categories: ['Work', 'Important'],
      sensitivity: 'confidential', showAs: 'oof', importance: 'high', isReminderOn: true, reminderMinutesBeforeStart: 30,
      createdDateTime: '2025-01-02T03:04:05.0000000Z', lastModifiedDateTime: '2025-01-03T03:04:05.0000000Z',
      organizer: { emailAddress: { address: 'alice@contoso.example', name: 'Alice Example' } }, responseRequested: true,
    });
    expect(byUid('single-1@example.com')[0]?.attendees).toEqual([
      { type: 'optional', status: { response: 'accepted', time: '0001-01-01T00:00:00Z' }, emailAddress: { name: 'Bob', address: 'bob@example.com' } },
      { type: 'resource', status: { response: 'notResponded', time: '0001-01-01T00:00:00Z' }, emailAddress: { name: 'Room 1', address: 'room1@example.com' } },
    ]);
    expect(byUid('allday-1@example.com')[0]).toMatchObject({ isAllDay: true, showAs: 'free', isReminderOn: false, start: { dateTime: '2025-05-01T00:00:00.0000000' }, end: { dateTime: '2025-05-03T00:00:00.0000000' } });
    const [master, exception] = byUid('series-1@example.com');
    expect(master).toMatchObject({
      type: 'seriesMaster', reminderMinutesBeforeStart: 5,
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday'], firstDayOfWeek: 'sunday' },
        range: { type: 'numbered', numberOfOccurrences: 8, startDate: '2025-03-03', recurrenceTimeZone: 'America/New_York' },
      },
    });
    expect(master?.cancelledOccurrences).toEqual([`OID.${master?.id}.2025-03-10`]);
    expect(exception).toMatchObject({ type: 'exception', seriesMasterId: master?.id, originalStart: '2025-03-12T14:00:00Z', subject: 'Standup (afternoon)', start: { dateTime: '2025-03-12T14:00:00.0000000' } });
    expect(byUid('monthly-1@example.com')[0]?.recurrence).toMatchObject({
      pattern: { type: 'relativeMonthly', daysOfWeek: ['friday'], index: 'last' }, range: { type: 'endDate', endDate: '2025-12-31' },
    });
    const work = snap.events[snap.calendars[1]?.id] as Record<string, any>[];
    expect(work[0]).toMatchObject({ originalStartTimeZone: 'Europe/Berlin', originalEndTimeZone: 'America/New_York' });
  });

  it('serves seeded series through the API: instances skip the EXDATE and show the override', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { sandbox } = makeSandbox();
    await sandbox.seed(await writeArchive({ 'primary.ics': PRIMARY }));
    const graph = graphClient(sandbox, (await signIn(sandbox)).access_token);
    const master = json(await graph('GET', `/me/events?$filter=${encodeURIComponent("iCalUId eq 'series-1@example.com'")}`)).value[0];
    const list = json(await graph('GET', `/me/events/${master.id}/instances?startDateTime=2025-03-01T00:00:00Z&endDateTime=2025-04-01T00:00:00Z`, undefined, { prefer: 'outlook.timezone="Eastern Standard Time"' }));
    expect(list.value.map((i: { start: { dateTime: string }; type: string }) => [i.start.dateTime.slice(0, 16), i.type])).toEqual([
      ['2025-03-03T10:00', 'occurrence'], ['2025-03-05T10:00', 'occurrence'], ['2025-03-12T14:00', 'exception'],
      ['2025-03-17T10:00', 'occurrence'], ['2025-03-19T10:00', 'occurrence'], ['2025-03-24T10:00', 'occurrence'], ['2025-03-26T10:00', 'occurrence'],
    ]);
  });

  it('dumps the account back to the archive layout, which seeds the same account again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const first = makeSandbox().sandbox;
    await first.seed(await writeArchive({ 'primary.ics': PRIMARY, 'work.ics': WORK }));
    const out = await tempDir();
    await first.dump(out);
    const primaryText = await readFile(join(out, 'calendar', 'primary.ics'), 'utf8');
    const workText = await readFile(join(out, 'calendar', 'Work & Travel.ics'), 'utf8');
    const vevents = new ICAL.Component(ICAL.parse(primaryText)).getAllSubcomponents('vevent');
    const series = vevents.filter((v) => v.getFirstPropertyValue('uid') === 'series-1@example.com');
    expect(series).toHaveLength(2);
    expect(String(series[0]?.getFirstPropertyValue('rrule'))).toBe('FREQ=WEEKLY;COUNT=8;BYDAY=MO,WE;WKST=SU');
    expect(series[0]?.getFirstProperty('exdate')?.getParameter('tzid')).toBe('America/New_York');
    expect(String(series[0]?.getFirstPropertyValue('exdate'))).toBe('2025-03-10T10:00:00');
    expect(String(series[1]?.getFirstPropertyValue('recurrence-id'))).toBe('2025-03-12T10:00:00');
    expect(primaryText).toContain('X-MICROSOFT-CDO-BUSYSTATUS:OOF');
    expect(primaryText).toContain('TRIGGER:-PT30M');
    expect(workText).toContain('X-WR-CALNAME:Work & Travel');
    const second = makeSandbox().sandbox;
    await second.seed(out);
    expect(comparable(second.snapshot() as Snapshot)).toEqual(comparable(first.snapshot() as Snapshot));
  });

  it('round-trips the shared sample account', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const source = await tempDir();
    await writeSampleCalendars(source, { events: 150, seed: 7 });
    const first = makeSandbox().sandbox;
    await first.seed(source);
    expect(warn).not.toHaveBeenCalled();
    const snap = first.snapshot() as Snapshot;
    expect(Object.values(snap.events).flat().length).toBe(150);
    const out = await tempDir();
    await first.dump(out);
    const second = makeSandbox().sandbox;
    await second.seed(out);
    expect(comparable(second.snapshot() as Snapshot)).toEqual(comparable(snap));
  });

  it('reset() empties the account back to its default calendar', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { sandbox } = makeSandbox();
    await sandbox.seed(await writeArchive({ 'primary.ics': PRIMARY, 'work.ics': WORK }));
    sandbox.reset();
    const snap = sandbox.snapshot() as Snapshot;
    expect(snap.calendars.map((c) => c.name)).toEqual(['Calendar']);
    expect(Object.values(snap.events).flat()).toEqual([]);
  });
});
