/**
 * Model events to an iCalendar file (see calendar-ics.ts for the reverse), with a VTIMEZONE for every
 * zone the events use so any client reads the wall-clock times as meant.
 */
import ICAL from 'ical.js';
import type { Attendee, CalendarEvent, EventTime, Reminder } from './calendar';
import type { CalendarFileInfo } from './calendar-ics';
import { vtimezoneText } from './ics-time-zones';
import {
  CDO_BUSY,
  CLASS,
  COMMENT_PARAM,
  CUTYPE,
  PARTSTAT,
  ROLE,
  STATUS,
  declareExtensionProperties,
  type IcalComponent,
  type IcalProperty,
} from './ics-vocabulary';

const PRODID = '-//Ferry//Ferry calendar//EN';

/** `now` stamps events that carry neither `updated` nor `created` (DTSTAMP is required); default: the current time. */
export function writeCalendarFile(calendar: CalendarFileInfo, events: readonly CalendarEvent[], opts: { now?: Date } = {}): string {
  const now = (opts.now ?? new Date()).toISOString();
  declareExtensionProperties();
  const root = new ICAL.Component(['vcalendar', [], []]);
  root.addPropertyWithValue('prodid', PRODID);
  root.addPropertyWithValue('version', '2.0');
  root.addPropertyWithValue('calscale', 'GREGORIAN');
  if (calendar.name) root.addPropertyWithValue('x-wr-calname', calendar.name);
  if (calendar.description) root.addPropertyWithValue('x-wr-caldesc', calendar.description);
  if (calendar.timeZone) root.addPropertyWithValue('x-wr-timezone', calendar.timeZone);
  if (calendar.color) root.addPropertyWithValue('x-apple-calendar-color', calendar.color);
  for (const zone of zonesUsed(events)) {
    const text = vtimezoneText(zone);
    if (text) root.addSubcomponent(ICAL.Component.fromString(text));
  }
  for (const event of events) root.addSubcomponent(vevent(event, now));
  return `${root.toString()}\r\n`;
}

function zonesUsed(events: readonly CalendarEvent[]): string[] {
  const zones = new Set<string>();
  for (const e of events) {
    const times = [e.start, e.end, e.recurrenceId, ...(e.recurrence?.rdate ?? []), ...(e.recurrence?.exdate ?? [])];
    for (const t of times) if (t && 'dateTime' in t && t.timeZone && t.timeZone !== 'UTC') zones.add(t.timeZone);
  }
  return [...zones].sort();
}

function vevent(event: CalendarEvent, now: string): IcalComponent {
  const c = new ICAL.Component('vevent');
  c.addPropertyWithValue('uid', event.uid);
  c.addPropertyWithValue('dtstamp', utcTime(event.updated ?? event.created ?? now));
  addTime(c, 'dtstart', event.start);
  addTime(c, 'dtend', event.end);
  if (event.recurrenceId) addTime(c, 'recurrence-id', event.recurrenceId);
  for (const rule of event.recurrence?.rrule ?? []) c.addPropertyWithValue('rrule', ICAL.Recur.fromString(rule));
  for (const t of event.recurrence?.rdate ?? []) addTime(c, 'rdate', t);
  for (const t of event.recurrence?.exdate ?? []) addTime(c, 'exdate', t);
  c.addPropertyWithValue('summary', event.title);
  if (event.description) c.addPropertyWithValue('description', event.description);
  if (event.location) c.addPropertyWithValue('location', event.location);
  c.addPropertyWithValue('status', STATUS[event.status]);
  c.addPropertyWithValue('transp', event.busy === 'free' ? 'TRANSPARENT' : 'OPAQUE');
  c.addPropertyWithValue('x-microsoft-cdo-busystatus', CDO_BUSY[event.busy]);
  if (event.visibility !== 'default') c.addPropertyWithValue('class', CLASS[event.visibility]);
  if (event.organizer) {
    const organizer = c.addPropertyWithValue('organizer', `mailto:${event.organizer.email}`);
    if (event.organizer.name) organizer.setParameter('cn', event.organizer.name);
  }
  for (const attendee of event.attendees) addAttendee(c, attendee);
  if (event.categories?.length) {
    const categories = new ICAL.Property('categories', c);
    categories.setValues(event.categories);
    c.addProperty(categories);
  }
  if (event.url) c.addPropertyWithValue('url', event.url);
  if (event.conferenceUrl) c.addPropertyWithValue('conference', event.conferenceUrl).setParameter('value', 'URI');
  if (event.created) c.addPropertyWithValue('created', utcTime(event.created));
  if (event.updated) c.addPropertyWithValue('last-modified', utcTime(event.updated));
  if (event.sequence !== undefined) c.addPropertyWithValue('sequence', event.sequence);
  for (const reminder of event.reminders ?? []) c.addSubcomponent(valarm(reminder, event));
  return c;
}

function addTime(c: IcalComponent, name: string, t: EventTime): IcalProperty {
  if ('date' in t) return c.addPropertyWithValue(name, ICAL.Time.fromDateString(t.date));
  if (t.timeZone === 'UTC') return c.addPropertyWithValue(name, ICAL.Time.fromDateTimeString(`${t.dateTime}Z`));
  const prop = c.addPropertyWithValue(name, ICAL.Time.fromDateTimeString(t.dateTime));
  if (t.timeZone) prop.setParameter('tzid', t.timeZone);
  return prop;
}

function addAttendee(c: IcalComponent, attendee: Attendee): void {
  const prop = c.addPropertyWithValue('attendee', `mailto:${attendee.email}`);
  if (attendee.name) prop.setParameter('cn', attendee.name);
  prop.setParameter('role', ROLE[attendee.role]);
  prop.setParameter('partstat', PARTSTAT[attendee.status]);
  if (attendee.kind) prop.setParameter('cutype', CUTYPE[attendee.kind]);
  if (attendee.rsvp !== undefined) prop.setParameter('rsvp', attendee.rsvp ? 'TRUE' : 'FALSE');
  if (attendee.comment) prop.setParameter(COMMENT_PARAM, attendee.comment);
}

/** RFC 5545 §3.6.6: DISPLAY needs a DESCRIPTION; EMAIL needs DESCRIPTION, SUMMARY and an ATTENDEE to write to. */
function valarm(reminder: Reminder, event: CalendarEvent): IcalComponent {
  const alarm = new ICAL.Component('valarm');
  alarm.addPropertyWithValue('action', reminder.method === 'email' ? 'EMAIL' : 'DISPLAY');
  alarm.addPropertyWithValue('trigger', ICAL.Duration.fromSeconds(-reminder.minutesBefore * 60));
  alarm.addPropertyWithValue('description', event.title || 'Reminder');
  if (reminder.method === 'email') {
    alarm.addPropertyWithValue('summary', event.title || 'Reminder');
    if (event.organizer) alarm.addPropertyWithValue('attendee', `mailto:${event.organizer.email}`);
  }
  return alarm;
}

/** RFC 3339 UTC (`2025-01-02T10:00:00Z`, fractions allowed) as an ical.js UTC time. */
function utcTime(rfc3339: string): InstanceType<typeof ICAL.Time> {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) throw new Error(`not an RFC 3339 time: ${rfc3339}`);
  return ICAL.Time.fromDateTimeString(`${date.toISOString().slice(0, 19)}Z`);
}
