import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarEvent, EventTime } from '../../../model/calendar';
import { parseCalendarFile, type ParsedCalendarFile } from '../../../model/calendar-ics';
import { writeSampleCalendars } from './calendar';

let dir: string;
let files: Record<string, ParsedCalendarFile>;
let events: CalendarEvent[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-sample-test-'));
  const result = await writeSampleCalendars(dir);
  expect(result.eventCount).toBe(320);
  expect(result.files.map((f) => f.slice(dir.length))).toEqual(['/calendar/primary.ics', '/calendar/Work.ics', '/calendar/Family.ics']);
  files = {};
  for (const file of result.files) files[file.split('/').pop()!] = parseCalendarFile(await readFile(file, 'utf8'));
  events = Object.values(files).flatMap((f) => f.events);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const timeZoneOf = (t: EventTime) => ('dateTime' in t ? t.timeZone : undefined);

describe('sample calendars', () => {
  it('are three calendars of 320 events that read back without a problem', () => {
    expect(events).toHaveLength(320);
    for (const parsed of Object.values(files)) expect(parsed.problems).toEqual([]);
    expect(files['primary.ics']!.calendar).toEqual({ name: 'Calendar', description: 'Alice’s own calendar', timeZone: 'America/New_York', color: '#4285f4' });
    expect(files['Work.ics']!.calendar).toMatchObject({ name: 'Work', timeZone: 'Europe/Berlin', color: '#0b8043' });
    expect(files['Family.ics']!.calendar).toMatchObject({ name: 'Family', timeZone: 'Australia/Sydney', color: '#e67c73' });
    for (const parsed of Object.values(files)) expect(parsed.events.length).toBeGreaterThan(20);
  });

  it('are the same bytes for the same seed and other UIDs for another seed', async () => {
    const again = await mkdtemp(join(tmpdir(), 'ferry-sample-test-'));
    const other = await mkdtemp(join(tmpdir(), 'ferry-sample-test-'));
    try {
      await writeSampleCalendars(again);
      await writeSampleCalendars(other, { seed: 2 });
      for (const name of ['primary', 'Work', 'Family']) {
        expect(await readFile(join(again, 'calendar', `${name}.ics`), 'utf8')).toBe(await readFile(join(dir, 'calendar', `${name}.ics`), 'utf8'));
      }
      const otherUids = parseCalendarFile(await readFile(join(other, 'calendar', 'Work.ics'), 'utf8')).events.map((e) => e.uid);
      expect(otherUids.every((uid) => uid.startsWith('sample-2-'))).toBe(true);
    } finally {
      await rm(again, { recursive: true, force: true });
      await rm(other, { recursive: true, force: true });
    }
  });

  it('write exactly the number of events asked for, even a small one', async () => {
    const small = await mkdtemp(join(tmpdir(), 'ferry-sample-test-'));
    try {
      for (const count of [1, 7, 40]) expect((await writeSampleCalendars(small, { events: count, seed: 9 })).eventCount).toBe(count);
    } finally {
      await rm(small, { recursive: true, force: true });
    }
  });

  it('cover timed events in five zones, all-day single and multi-day events', () => {
    const zones = new Set(events.filter((e) => !e.recurrenceId).map((e) => timeZoneOf(e.start)));
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Sydney', 'UTC']) expect(zones).toContain(zone);
    const allDay = events.filter((e) => 'date' in e.start && 'date' in e.end && !e.recurrence);
    const days = allDay.map((e) => (Date.parse((e.end as { date: string }).date) - Date.parse((e.start as { date: string }).date)) / 86_400_000);
    expect(days).toContain(1);
    expect(days.some((d) => d > 1)).toBe(true);
    expect(events.some((e) => timeZoneOf(e.start) !== timeZoneOf(e.end))).toBe(true);
  });

  it('cover every kind of recurrence, with EXDATEs and overridden instances', () => {
    const rules = events.flatMap((e) => e.recurrence?.rrule ?? []);
    for (const pattern of [/FREQ=DAILY;COUNT=/, /FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=\d{8}T\d{6}Z/, /INTERVAL=2/, /BYMONTHDAY=15/, /BYSETPOS=-1/, /^FREQ=YEARLY$/, /FREQ=YEARLY;UNTIL=\d{8}$/]) {
      expect(rules.some((rule) => pattern.test(rule)), String(pattern)).toBe(true);
    }
    expect(events.some((e) => e.recurrence?.exdate.length)).toBe(true);
    const overrides = events.filter((e) => e.recurrenceId);
    expect(overrides.length).toBeGreaterThan(10);
    for (const override of overrides) {
      const master = events.find((e) => e.uid === override.uid && e.recurrence)!;
      expect(master, override.uid).toBeDefined();
      const instances = expand(master);
      expect(instances, override.uid).toContainEqual(override.recurrenceId);
      expect(master.recurrence!.exdate).not.toContainEqual(override.recurrenceId);
      const changed = override.title !== master.title || override.location !== master.location || JSON.stringify(override.start) !== JSON.stringify(override.recurrenceId);
      expect(changed, override.uid).toBe(true);
    }
    for (const master of events.filter((e) => e.recurrence?.exdate.length)) {
      for (const exdate of master.recurrence!.exdate) expect(expand(master)).toContainEqual(exdate);
    }
  });

  it('cover people, reminders and the other fields of the model', () => {
    const attendees = events.flatMap((e) => e.attendees);
    expect(new Set(attendees.map((a) => a.status))).toEqual(new Set(['accepted', 'declined', 'tentative', 'needs-action']));
    expect(new Set(attendees.map((a) => a.role))).toEqual(new Set(['chair', 'required', 'optional', 'non-participant']));
    expect(attendees.some((a) => a.rsvp === true) && attendees.some((a) => a.name && /[^\x00-\x7f]/.test(a.name))).toBe(true);
    expect(events.some((e) => e.organizer?.email === 'alice@example.com') && events.some((e) => e.organizer && e.organizer.email !== 'alice@example.com')).toBe(true);
    const reminders = events.flatMap((e) => e.reminders ?? []);
    expect(new Set(reminders.map((r) => r.method))).toEqual(new Set(['display', 'email']));
    expect(events.some((e) => e.reminders === undefined)).toBe(true);
    expect(new Set(events.map((e) => e.busy))).toEqual(new Set(['busy', 'free', 'tentative', 'oof', 'working-elsewhere']));
    expect(new Set(events.map((e) => e.visibility))).toEqual(new Set(['default', 'public', 'private', 'confidential']));
    expect(new Set(events.map((e) => e.status))).toEqual(new Set(['confirmed', 'tentative']));
    expect(events.some((e) => e.description?.includes('\n') && /[^\x00-\x7f]/.test(e.description))).toBe(true);
    for (const field of ['location', 'categories', 'url', 'conferenceUrl', 'created', 'updated'] as const) {
      expect(events.some((e) => e[field] !== undefined), field).toBe(true);
    }
    expect(events.every((e) => e.sequence !== undefined && e.updated! >= e.created!)).toBe(true);
  });
});

/** The first instances of a series, as ical.js expands them. */
function expand(master: CalendarEvent): EventTime[] {
  const start = master.start;
  const dtstart = 'date' in start ? ICAL.Time.fromDateString(start.date) : ICAL.Time.fromDateTimeString(start.dateTime);
  const iterator = ICAL.Recur.fromString(master.recurrence!.rrule[0]!).iterator(dtstart);
  const out: EventTime[] = [];
  for (let next = iterator.next(); next && out.length < 12; next = iterator.next()) {
    const text = next.toString();
    out.push('date' in start ? { date: text } : { dateTime: text, timeZone: start.timeZone! });
  }
  return out;
}
