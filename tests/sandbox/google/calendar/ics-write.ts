/**
 * Google Calendar events back into one VCALENDAR, with ical.js: a series and its changed instances as
 * VEVENTs sharing the UID (RECURRENCE-ID on the instances), cancelled instances as EXDATEs on the series,
 * reminder overrides as VALARMs, and a VTIMEZONE for every zone a time refers to.
 */
import ICAL from 'ical.js';
import { timingOf, type EventDateTime } from './event-times';
import { vtimezoneFor } from './ics-zones';
import type { CalendarRecord, EventResource } from './store';
import { wallTimeAt } from './time-zones';

const PRODID = '-//Google Inc//Google Calendar 70.9054//EN';

export interface WrittenCalendar {
  text: string;
  /** Zones the events use for which no VTIMEZONE is known (written as TZID only). */
  zonesWithoutDefinition: string[];
}

const icalDate = (date: string): ICAL.Time => ICAL.Time.fromDateString(date);

function setTime(vevent: ICAL.Component, name: string, value: EventDateTime, zones: Set<string>): void {
  const t = timingOf(value);
  if (t.allDay) {
    vevent.addPropertyWithValue(name, icalDate(t.date));
    return;
  }
  if (!value.timeZone || value.timeZone === 'UTC') {
    vevent.addPropertyWithValue(name, ICAL.Time.fromJSDate(new Date(t.ms), true));
    return;
  }
  const w = wallTimeAt(value.timeZone, t.ms);
  const prop = vevent.addPropertyWithValue(name, ICAL.Time.fromData({ ...w, isDate: false }));
  prop.setParameter('tzid', value.timeZone);
  zones.add(value.timeZone);
}

const utcTime = (iso: string): ICAL.Time => ICAL.Time.fromJSDate(new Date(iso), true);

const PARTSTAT: Record<string, string> = { needsAction: 'NEEDS-ACTION', accepted: 'ACCEPTED', declined: 'DECLINED', tentative: 'TENTATIVE' };
const CLASS: Record<string, string> = { public: 'PUBLIC', private: 'PRIVATE', confidential: 'CONFIDENTIAL' };

/** A secondary calendar's id is no mailbox, so an event it organises itself is written without ORGANIZER. */
function addPeople(vevent: ICAL.Component, e: EventResource, calendar: CalendarRecord): void {
  if (calendar.list.primary || e.organizer.email !== calendar.calendar.id) {
    const organizer = vevent.addPropertyWithValue('organizer', `mailto:${e.organizer.email}`);
    if (e.organizer.displayName) organizer.setParameter('cn', e.organizer.displayName);
  }
  for (const a of e.attendees ?? []) {
    const p = vevent.addPropertyWithValue('attendee', `mailto:${a.email}`);
    if (a.displayName) p.setParameter('cn', a.displayName);
    p.setParameter('cutype', a.resource ? 'RESOURCE' : 'INDIVIDUAL');
    p.setParameter('role', a.optional ? 'OPT-PARTICIPANT' : 'REQ-PARTICIPANT');
    p.setParameter('partstat', PARTSTAT[a.responseStatus] ?? 'NEEDS-ACTION');
    if (a.additionalGuests) p.setParameter('x-num-guests', String(a.additionalGuests));
    if (a.comment) p.setParameter('x-response-comment', a.comment);
  }
}

function addAlarms(vevent: ICAL.Component, e: EventResource): void {
  for (const r of e.reminders.overrides ?? []) {
    const alarm = new ICAL.Component('valarm');
    alarm.addPropertyWithValue('action', r.method === 'email' ? 'EMAIL' : 'DISPLAY');
    alarm.addPropertyWithValue('description', 'This is an event reminder');
    if (r.method === 'email') {
      alarm.addPropertyWithValue('summary', 'Alarm notification');
      alarm.addPropertyWithValue('attendee', `mailto:${e.organizer.email}`);
    }
    alarm.addPropertyWithValue('trigger', ICAL.Duration.fromSeconds(-r.minutes * 60));
    vevent.addSubcomponent(alarm);
  }
}

function vevent(e: EventResource, calendar: CalendarRecord, cancelledInstances: EventResource[], zones: Set<string>): ICAL.Component {
  const v = new ICAL.Component('vevent');
  setTime(v, 'dtstart', e.start, zones);
  setTime(v, 'dtend', e.end, zones);
  v.addPropertyWithValue('dtstamp', utcTime(e.updated));
  v.addPropertyWithValue('uid', e.iCalUID);
  if (e.originalStartTime) setTime(v, 'recurrence-id', e.originalStartTime, zones);
  for (const line of e.recurrence ?? []) {
    const prop = ICAL.Property.fromString(line);
    const tzid = prop.getParameter('tzid');
    if (typeof tzid === 'string') zones.add(tzid);
    v.addProperty(prop);
  }
  for (const c of cancelledInstances) if (c.originalStartTime) setTime(v, 'exdate', c.originalStartTime, zones);
  v.addPropertyWithValue('created', utcTime(e.created));
  v.addPropertyWithValue('last-modified', utcTime(e.updated));
  v.addPropertyWithValue('sequence', e.sequence);
  v.addPropertyWithValue('status', e.status.toUpperCase());
  if (e.summary !== undefined) v.addPropertyWithValue('summary', e.summary);
  if (e.description !== undefined) v.addPropertyWithValue('description', e.description);
  if (e.location !== undefined) v.addPropertyWithValue('location', e.location);
  v.addPropertyWithValue('transp', e.transparency === 'transparent' ? 'TRANSPARENT' : 'OPAQUE');
  const cls = CLASS[String(e.visibility ?? '')];
  if (cls) v.addPropertyWithValue('class', cls);
  addPeople(v, e, calendar);
  const source = e.source as { url?: string } | undefined;
  if (source?.url) v.addPropertyWithValue('url', source.url);
  if (typeof e.hangoutLink === 'string') v.addPropertyWithValue('x-google-conference', e.hangoutLink);
  addAlarms(v, e);
  return v;
}

export function writeCalendar(record: CalendarRecord): WrittenCalendar {
  const cal = new ICAL.Component('vcalendar');
  cal.addPropertyWithValue('prodid', PRODID);
  cal.addPropertyWithValue('version', '2.0');
  cal.addPropertyWithValue('calscale', 'GREGORIAN');
  cal.addPropertyWithValue('method', 'PUBLISH');
  cal.addPropertyWithValue('x-wr-calname', record.calendar.summary);
  cal.addPropertyWithValue('x-wr-timezone', record.calendar.timeZone);
  if (record.calendar.description !== undefined) cal.addPropertyWithValue('x-wr-caldesc', record.calendar.description);
  if (!record.list.primary) cal.addPropertyWithValue('x-apple-calendar-color', record.list.backgroundColor);

  const zones = new Set<string>();
  const events = [...record.events.values()];
  const instancesOf = (id: string) => events.filter((e) => e.recurringEventId === id);
  const vevents: ICAL.Component[] = [];
  for (const e of events) {
    if (e.recurringEventId || e.status === 'cancelled') continue;
    const instances = instancesOf(e.id);
    vevents.push(vevent(e, record, instances.filter((i) => i.status === 'cancelled'), zones));
    for (const i of instances) if (i.status !== 'cancelled') vevents.push(vevent(i, record, [], zones));
  }
  const missing: string[] = [];
  for (const zone of [...zones].sort()) {
    const text = vtimezoneFor(zone);
    if (text) cal.addSubcomponent(new ICAL.Component(ICAL.parse(text) as unknown[]));
    else missing.push(zone);
  }
  for (const v of vevents) cal.addSubcomponent(v);
  return { text: cal.toString(), zonesWithoutDefinition: missing };
}
