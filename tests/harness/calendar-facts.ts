/**
 * What a person would check in a calendar, read from .ics files with ical.js alone — independent of
 * Ferry's model, adapters and the sandboxes' own converters, so a round trip is judged by a third party.
 * Times are compared as instants (and all-day dates as dates); recurrence by its expanded occurrences,
 * so `FREQ=WEEKLY;BYDAY=MO` and `FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;WKST=SU` count as equal.
 */
import ICAL from 'ical.js';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface EventFacts {
  calendar: string;
  uid: string;
  recurrenceId?: string;
  summary: string;
  description: string;
  location: string;
  start: string;
  end: string;
  timeZone: string;
  occurrences: string[];
  attendees: string[];
  /** Each attendee's reply (PARTSTAT), apart from who they are: some destinations cannot set replies. */
  replies: string[];
  organizer: string;
  reminders: string[];
  busy: string;
  visibility: string;
  status: string;
  categories: string[];
}
export type FactName = Exclude<keyof EventFacts, 'uid' | 'recurrenceId'>;

const OCCURRENCES_COMPARED = 40;

export interface CalendarDump {
  events: Map<string, EventFacts>;
  /** Keys that occur more than once: a duplicate made by the transfer. */
  duplicates: string[];
}

/**
 * The account's own event: no ORGANIZER, or the account's own address — which differs between services
 * (alice@example.com at Google is alice@contoso.example at Microsoft) but is the same person.
 */
const SELF = '(the account itself)';

/**
 * Every VEVENT of every `calendar/*.ics` under `dir`, keyed `uid` or `uid@recurrence-id`.
 * `ownAddresses`: the account's own addresses, so "organised by me" compares equal across services.
 */
export async function readCalendarFacts(dir: string, ownAddresses: readonly string[] = []): Promise<CalendarDump> {
  const self = new Set(['', ...ownAddresses.map((a) => a.toLowerCase())]);
  const folder = path.join(dir, 'calendar');
  const facts = new Map<string, EventFacts>();
  const duplicates: string[] = [];
  for (const file of (await readdir(folder)).filter((f) => f.endsWith('.ics')).sort()) {
    const root = new ICAL.Component(ICAL.parse(await readFile(path.join(folder, file), 'utf8')));
    for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const calendar = file === 'primary.ics' ? 'primary' : String(root.getFirstPropertyValue('x-wr-calname') ?? file.replace(/\.ics$/, ''));
    for (const vevent of root.getAllSubcomponents('vevent')) {
      const event = eventFacts(calendar, vevent, self);
      const key = event.recurrenceId ? `${event.uid}@${event.recurrenceId}` : event.uid;
      if (facts.has(key)) duplicates.push(key);
      facts.set(key, event);
    }
  }
  return { events: facts, duplicates };
}

function eventFacts(calendar: string, vevent: ICAL.Component, self: ReadonlySet<string>): EventFacts {
  const event = new ICAL.Event(vevent);
  const tz = String(vevent.getFirstProperty('dtstart')?.getParameter('tzid') ?? (event.startDate.zone?.tzid === 'UTC' ? 'UTC' : ''));
  const text = (name: string): string => normaliseText(String(vevent.getFirstPropertyValue(name) ?? ''));
  const recurrenceIdProp = vevent.getFirstProperty('recurrence-id');
  return {
    calendar,
    uid: String(event.uid),
    recurrenceId: recurrenceIdProp ? instant(recurrenceIdProp.getFirstValue() as ICAL.Time, recurrenceIdProp.getParameter('tzid')) : undefined,
    summary: text('summary'),
    description: text('description'),
    location: text('location'),
    start: instant(event.startDate, tz),
    end: instant(event.endDate, String(vevent.getFirstProperty('dtend')?.getParameter('tzid') ?? tz)),
    timeZone: event.startDate.isDate ? '' : canonicalZone(tz),
    occurrences: event.isRecurring() && !recurrenceIdProp ? occurrences(event, tz) : [],
    attendees: vevent
      .getAllProperties('attendee')
      .map((p) => mailto(p.getFirstValue()))
      .sort(),
    replies: vevent
      .getAllProperties('attendee')
      .map((p) => `${mailto(p.getFirstValue())}:${String(p.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase()}`)
      .sort(),
    organizer: self.has(mailto(vevent.getFirstPropertyValue('organizer'))) ? SELF : mailto(vevent.getFirstPropertyValue('organizer')),
    reminders: vevent
      .getAllSubcomponents('valarm')
      .map((a) => `${String(a.getFirstPropertyValue('action')).toUpperCase()}:${String(a.getFirstPropertyValue('trigger'))}`)
      .sort(),
    busy: String(vevent.getFirstPropertyValue('transp') ?? 'OPAQUE').toUpperCase(),
    visibility: String(vevent.getFirstPropertyValue('class') ?? 'PUBLIC').toUpperCase(),
    status: String(vevent.getFirstPropertyValue('status') ?? 'CONFIRMED').toUpperCase(),
    categories: vevent.getAllProperties('categories').flatMap((p) => p.getValues().map(String)).sort(),
  };
}

function occurrences(event: ICAL.Event, tz: string): string[] {
  const it = event.iterator();
  const out: string[] = [];
  for (let next = it.next(); next && out.length < OCCURRENCES_COMPARED; next = it.next()) out.push(instant(next, tz));
  return out;
}

const normaliseText = (s: string): string => s.replace(/\r\n?/g, '\n').trim();
const mailto = (v: unknown): string => String(v ?? '').replace(/^mailto:/i, '').toLowerCase();

/** Zone names providers spell differently for the same zone. */
function canonicalZone(tz: string): string {
  if (/^(utc|gmt|etc\/utc|etc\/gmt|z)$/i.test(tz)) return 'UTC';
  return tz;
}

/** An all-day date as `YYYY-MM-DD`, anything else as the UTC instant it denotes. */
export function instant(time: ICAL.Time, tzid?: string | string[]): string {
  if (time.isDate) return time.toString().slice(0, 10);
  const zone = Array.isArray(tzid) ? tzid[0] : tzid;
  if (time.zone?.tzid === 'UTC' || !zone || canonicalZone(zone) === 'UTC') {
    if (time.zone?.tzid === 'UTC' || (zone && canonicalZone(zone) === 'UTC')) {
      return new Date(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second)).toISOString();
    }
    return `floating:${time.toString()}`;
  }
  if (isIanaZone(zone)) return new Date(zonedToUtc(time, zone)).toISOString();
  const registered = ICAL.TimezoneService.get(zone);
  if (registered) return new Date(ICAL.Time.fromData({ ...time.toJSON(), isDate: false }, registered).toUnixTime() * 1000).toISOString();
  throw new Error(`unknown time zone "${zone}" (neither IANA nor defined by a VTIMEZONE in the file)`);
}

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function zonedToUtc(time: ICAL.Time, zone: string): number {
  const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  const first = wall - offsetAt(wall, zone);
  const second = wall - offsetAt(first, zone);
  return second;
}

function offsetAt(utc: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(utc));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - utc;
}

/**
 * The same events keyed by what a person sees (calendar, title, place, description, start and end; an
 * overridden instance by the instance it replaces), for destinations that assign their own UID (Graph's iCalUId is read-only).
 */
export function keyedByContent(dump: CalendarDump): CalendarDump {
  const events = new Map<string, EventFacts>();
  const duplicates: string[] = [];
  for (const event of dump.events.values()) {
    const what = `${event.calendar} | ${event.summary} | ${event.location} | ${event.description.slice(0, 60)}`;
    const key = event.recurrenceId ? `${what} | instance of ${event.recurrenceId}` : `${what} | ${event.start} | ${event.end}`;
    if (events.has(key)) duplicates.push(key);
    events.set(key, event);
  }
  return { events, duplicates: [...dump.duplicates, ...duplicates] };
}

/**
 * Every difference between what left and what arrived, as readable lines. `lost` names the facts the
 * destination is known not to hold (they must then be reported per item by Ferry instead).
 */
export function diffCalendars(
  source: Map<string, EventFacts>,
  destination: Map<string, EventFacts>,
  lost: ReadonlySet<FactName> = new Set(),
): string[] {
  const problems: string[] = [];
  for (const [key, want] of source) {
    const got = destination.get(key);
    if (!got) {
      problems.push(`${key} (${want.summary}): missing at the destination`);
      continue;
    }
    for (const fact of Object.keys(want) as (keyof EventFacts)[]) {
      if (fact === 'uid' || fact === 'recurrenceId' || lost.has(fact as FactName)) continue;
      const a = JSON.stringify(want[fact]);
      const b = JSON.stringify(got[fact]);
      if (a !== b) problems.push(`${key} (${want.summary}): ${fact} was ${a}, arrived as ${b}`);
    }
  }
  for (const key of destination.keys()) if (!source.has(key)) problems.push(`${key}: at the destination but not in the source`);
  return problems;
}
