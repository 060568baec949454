/**
 * One VCALENDAR file into Google Calendar events, as Google stores what it imports: UID becomes iCalUID,
 * a VEVENT with RECURRENCE-ID becomes the exception event of its series, RRULE/RDATE/EXDATE/EXRULE stay
 * as `recurrence` lines, VALARMs become reminder overrides. Times in a named zone keep the zone.
 */
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { GOOGLE_ACCOUNT } from '../account';
import { instanceStamp, renderTiming, type Timing } from './event-times';
import { resolveTzid } from './ics-zones';
import { htmlLinkFor, type EventAttendee, type EventReminder, type EventResource } from './store';
import { wallTimeToInstant, type WallTime } from './time-zones';

export interface IcsCalendar {
  name?: string;
  description?: string;
  timeZone?: string;
  color?: string;
  events: ICAL.Component[];
  /** TZID → IANA zone, from the file's VTIMEZONEs (X-LIC-LOCATION) and the names themselves. */
  zones: Map<string, string>;
}

export function readIcsFile(text: string): IcsCalendar {
  const root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const zones = new Map<string, string>();
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tzid = String(vtz.getFirstPropertyValue('tzid') ?? '');
    const zone = resolveTzid(tzid, vtz.getFirstPropertyValue('x-lic-location')?.toString());
    if (zone) zones.set(tzid, zone);
  }
  const property = (name: string): string | undefined => root.getFirstPropertyValue(name)?.toString();
  const timeZone = property('x-wr-timezone');
  return {
    name: property('x-wr-calname'),
    description: property('x-wr-caldesc'),
    timeZone: timeZone ? resolveTzid(timeZone) : undefined,
    color: property('x-apple-calendar-color'),
    events: root.getAllSubcomponents('vevent'),
    zones,
  };
}

/** Google's own ids for imported events are random; the sandbox derives them from the UID to stay repeatable. */
export const eventIdForUid = (uid: string): string =>
  Array.from(createHash('sha256').update(uid).digest().subarray(0, 26), (b) => '0123456789abcdefghijklmnopqrstuv'[b % 32]).join('');

interface ReadContext {
  calendarId: string;
  calendarName: string;
  calendarZone: string;
  zones: Map<string, string>;
  now: string;
  etag: () => string;
}

function zoneOf(prop: ICAL.Property, ctx: ReadContext): string | undefined {
  const tzid = prop.getParameter('tzid') as string | undefined;
  if (!tzid) return undefined;
  const zone = ctx.zones.get(tzid) ?? resolveTzid(tzid);
  if (!zone) throw new Error(`Unknown TZID "${tzid}": not an IANA or Windows zone name, and no VTIMEZONE with X-LIC-LOCATION names one`);
  return zone;
}

const wallOf = (t: ICAL.Time): WallTime => ({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second });
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function timingOfProp(prop: ICAL.Property, ctx: ReadContext, recurring: boolean): Timing {
  const t = prop.getFirstValue() as ICAL.Time;
  if (t.isDate) return { allDay: true, date: `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}` };
  if (t.zone?.tzid === 'UTC') return { allDay: false, ms: t.toUnixTime() * 1000, timeZone: 'UTC' };
  const zone = zoneOf(prop, ctx);
  const timeZone = zone ?? (recurring ? ctx.calendarZone : undefined);
  return { allDay: false, ms: wallTimeToInstant(zone ?? ctx.calendarZone, wallOf(t)), ...(timeZone ? { timeZone } : {}) };
}

function endTiming(vevent: ICAL.Component, start: Timing, ctx: ReadContext, recurring: boolean): Timing {
  const dtend = vevent.getFirstProperty('dtend');
  if (dtend) return timingOfProp(dtend, ctx, recurring);
  const duration = vevent.getFirstPropertyValue('duration') as ICAL.Duration | null;
  const seconds = duration ? duration.toSeconds() : start.allDay ? 86_400 : 0;
  if (start.allDay) return { allDay: true, date: new Date(Date.parse(start.date) + Math.max(1, Math.round(seconds / 86_400)) * 86_400_000).toISOString().slice(0, 10) };
  return { ...start, ms: start.ms + seconds * 1000 };
}

const RECURRENCE_PROPS = ['rrule', 'exrule', 'rdate', 'exdate'];

/** Recurrence lines as Google keeps them, with every TZID rewritten to the IANA zone it means. */
function recurrenceLines(vevent: ICAL.Component, ctx: ReadContext): string[] {
  return vevent.getAllProperties().filter((p) => RECURRENCE_PROPS.includes(p.name)).map((p) => {
    const zone = zoneOf(p, ctx);
    if (zone) p.setParameter('tzid', zone);
    return p.toICALString();
  });
}

const PARTSTAT: Record<string, string> = { ACCEPTED: 'accepted', DECLINED: 'declined', TENTATIVE: 'tentative' };
const mailto = (value: unknown): string => String(value ?? '').replace(/^mailto:/i, '');

function attendeesOf(vevent: ICAL.Component, organizerEmail: string, owner: string): EventAttendee[] {
  return vevent.getAllProperties('attendee').map((p) => {
    const email = mailto(p.getFirstValue());
    const cn = p.getParameter('cn') as string | undefined;
    const cutype = String(p.getParameter('cutype') ?? '').toUpperCase();
    const guests = Number(p.getParameter('x-num-guests') ?? 0);
    const comment = p.getParameter('x-response-comment') as string | undefined;
    const same = (x: string): boolean => x.toLowerCase() === email.toLowerCase();
    return {
      email,
      ...(cn ? { displayName: cn } : {}),
      ...(same(organizerEmail) ? { organizer: true } : {}),
      ...(same(owner) ? { self: true } : {}),
      ...(cutype === 'RESOURCE' || cutype === 'ROOM' ? { resource: true } : {}),
      ...(String(p.getParameter('role') ?? '').toUpperCase() === 'OPT-PARTICIPANT' ? { optional: true } : {}),
      responseStatus: PARTSTAT[String(p.getParameter('partstat') ?? '').toUpperCase()] ?? 'needsAction',
      ...(comment ? { comment } : {}),
      ...(guests > 0 ? { additionalGuests: guests } : {}),
    };
  });
}

const MAX_REMINDER_MINUTES = 40320;

function remindersOf(vevent: ICAL.Component): EventResource['reminders'] {
  const overrides: EventReminder[] = [];
  for (const alarm of vevent.getAllSubcomponents('valarm')) {
    const trigger = alarm.getFirstPropertyValue('trigger');
    if (!(trigger instanceof ICAL.Duration)) continue;
    const minutes = Math.min(MAX_REMINDER_MINUTES, Math.max(0, Math.round(-trigger.toSeconds() / 60)));
    overrides.push({ method: String(alarm.getFirstPropertyValue('action') ?? '').toUpperCase() === 'EMAIL' ? 'email' : 'popup', minutes });
  }
  return overrides.length > 0 ? { useDefault: false, overrides: overrides.slice(0, 5) } : { useDefault: true };
}

const isoOf = (vevent: ICAL.Component, name: string): string | undefined => {
  const t = vevent.getFirstPropertyValue(name) as ICAL.Time | null;
  return t ? new Date(t.toUnixTime() * 1000).toISOString() : undefined;
};

const STATUS: Record<string, string> = { CONFIRMED: 'confirmed', TENTATIVE: 'tentative', CANCELLED: 'cancelled' };
const CLASS: Record<string, string> = { PUBLIC: 'public', PRIVATE: 'private', CONFIDENTIAL: 'confidential' };

/** The Google event for a VEVENT; `series` is the stored master when the VEVENT overrides one instance. */
export function eventFromVevent(vevent: ICAL.Component, ctx: ReadContext, series?: EventResource): EventResource {
  const uid = String(vevent.getFirstPropertyValue('uid') ?? eventIdForUid(vevent.toString()));
  const recurrence = series ? [] : recurrenceLines(vevent, ctx);
  const recurring = recurrence.length > 0 || series !== undefined;
  const dtstart = vevent.getFirstProperty('dtstart');
  if (!dtstart) throw new Error(`VEVENT ${uid} has no DTSTART`);
  const start = timingOfProp(dtstart, ctx, recurring);
  const end = endTiming(vevent, start, ctx, recurring);
  const recurrenceIdProp = vevent.getFirstProperty('recurrence-id');
  const originalStart = series && recurrenceIdProp ? timingOfProp(recurrenceIdProp, ctx, true) : undefined;
  const id = series && originalStart ? `${series.id}_${instanceStamp(originalStart)}` : eventIdForUid(uid);
  const organizerProp = vevent.getFirstProperty('organizer');
  const organizerEmail = organizerProp ? mailto(organizerProp.getFirstValue()) : ctx.calendarId;
  const secondaryItself = !organizerProp && ctx.calendarId !== GOOGLE_ACCOUNT.email;
  const organizerName = (organizerProp?.getParameter('cn') as string | undefined) ?? (secondaryItself ? ctx.calendarName : undefined);
  const text = (name: string): string | undefined => vevent.getFirstPropertyValue(name)?.toString();
  const attendees = attendeesOf(vevent, organizerEmail, ctx.calendarId);
  const url = text('url');
  const conference = text('x-google-conference');
  const event: EventResource = {
    kind: 'calendar#event',
    etag: ctx.etag(),
    id,
    status: STATUS[String(text('status') ?? '').toUpperCase()] ?? 'confirmed',
    htmlLink: htmlLinkFor(id, ctx.calendarId),
    created: isoOf(vevent, 'created') ?? isoOf(vevent, 'dtstamp') ?? ctx.now,
    updated: isoOf(vevent, 'last-modified') ?? isoOf(vevent, 'dtstamp') ?? ctx.now,
    ...(text('summary') !== undefined ? { summary: text('summary') } : {}),
    ...(text('description') !== undefined ? { description: text('description') } : {}),
    ...(text('location') !== undefined ? { location: text('location') } : {}),
    creator: { email: GOOGLE_ACCOUNT.email, ...(ctx.calendarId === GOOGLE_ACCOUNT.email ? { self: true } : {}) },
    organizer: { email: organizerEmail, ...(organizerName ? { displayName: organizerName } : {}), ...(organizerEmail === ctx.calendarId ? { self: true } : {}) },
    start: renderTiming(start, ctx.calendarZone),
    end: renderTiming(end, ctx.calendarZone),
    ...(recurrence.length > 0 ? { recurrence } : {}),
    ...(series && originalStart ? { recurringEventId: series.id, originalStartTime: renderTiming(originalStart, ctx.calendarZone) } : {}),
    ...(String(text('transp') ?? '').toUpperCase() === 'TRANSPARENT' ? { transparency: 'transparent' } : {}),
    ...(CLASS[String(text('class') ?? '').toUpperCase()] ? { visibility: CLASS[String(text('class')).toUpperCase()] } : {}),
    iCalUID: uid,
    sequence: Number(vevent.getFirstPropertyValue('sequence') ?? 0),
    ...(attendees.length > 0 ? { attendees } : {}),
    reminders: remindersOf(vevent),
    ...(url ? { source: { title: text('summary') ?? url, url } } : {}),
    ...(conference ? meetConference(conference) : {}),
    eventType: 'default',
  };
  return event;
}

function meetConference(uri: string): Partial<EventResource> {
  const code = uri.replace(/^https:\/\/meet\.google\.com\//, '');
  return {
    hangoutLink: uri,
    conferenceData: {
      entryPoints: [{ entryPointType: 'video', uri, label: uri.replace(/^https:\/\//, '') }],
      conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
      conferenceId: code,
    },
  };
}

