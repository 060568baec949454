/**
 * iCalendar ⇄ Graph events for seeding and dumping the sandbox account, written for the sandbox alone
 * (it must not share code with the adapters it tests). ical.js parses and writes all iCalendar text.
 * RRULE ⇄ patternedRecurrence, EXDATE ⇄ cancelled occurrences, RECURRENCE-ID ⇄ exceptions,
 * VALARM ⇄ reminder, TRANSP/X-MICROSOFT-CDO-BUSYSTATUS ⇄ showAs, CLASS ⇄ sensitivity, UID ⇄ iCalUId.
 */
import ICAL from 'ical.js';
import { defaultProps } from './event-input';
import { newICalUId, occurrenceId } from './ids';
import { occurrenceUtc } from './instances';
import { recurrenceFromRRule } from './recurrence';
import { newEventShell, type CalendarStore, type EventProps, type EventTime, type StoredCalendar, type StoredEvent } from './store';
import { ianaZone, utcMsToWall, wallToUtcMs, type Wall } from './time';
import { eventToVevent } from './ics-write';

const BUSY: Record<string, string> = { FREE: 'free', TENTATIVE: 'tentative', BUSY: 'busy', OOF: 'oof', WORKINGELSEWHERE: 'workingElsewhere' };
const CLASS: Record<string, string> = { PUBLIC: 'normal', PRIVATE: 'private', CONFIDENTIAL: 'confidential' };
const PARTSTAT: Record<string, string> = { ACCEPTED: 'accepted', DECLINED: 'declined', TENTATIVE: 'tentativelyAccepted', 'NEEDS-ACTION': 'notResponded' };

interface TimeRead {
  time: EventTime;
  isDate: boolean;
}

/** A zone for a TZID: IANA or Windows names as they are, or an IANA name at the end of a vendor path. */
const zoneFor = (tzid: string): string | undefined => {
  if (ianaZone(tzid)) return tzid;
  const tail = tzid.split('/').slice(-2).join('/');
  return ianaZone(tail) ? tail : undefined;
};

const readTime = (event: ICAL.Component, name: string, warn: (w: string) => void): TimeRead | undefined => {
  const prop = event.getFirstProperty(name);
  const value = prop?.getFirstValue() as ICAL.Time | undefined;
  if (!prop || !value) return undefined;
  if (value.isDate) return { time: { dateTime: `${value.toString().slice(0, 10)}T00:00:00`, timeZone: 'UTC' }, isDate: true };
  const wall = value.toString().slice(0, 19);
  const tzid = prop.getParameter('tzid') as string | undefined;
  if (tzid) {
    const zone = zoneFor(tzid);
    if (zone) return { time: { dateTime: wall, timeZone: zone }, isDate: false };
    warn(`unknown TZID '${tzid}' read as UTC`);
  }
  return { time: { dateTime: wall, timeZone: 'UTC' }, isDate: false };
};

const address = (value: string): string => value.replace(/^mailto:/i, '');

const readProps = (event: ICAL.Component, warn: (w: string) => void): { props: EventProps; start: TimeRead } | undefined => {
  const start = readTime(event, 'dtstart', warn);
  if (!start) {
    warn(`VEVENT ${String(event.getFirstPropertyValue('uid'))} has no DTSTART; skipped`);
    return undefined;
  }
  let end = readTime(event, 'dtend', warn)?.time;
  if (!end) {
    const duration = event.getFirstPropertyValue('duration') as ICAL.Duration | null;
    const ms = duration ? duration.toSeconds() * 1000 : start.isDate ? 86_400_000 : 0;
    end = { ...start.time, dateTime: new Date(Date.parse(`${start.time.dateTime}Z`) + ms).toISOString().slice(0, 19) };
  }
  const props = defaultProps(start.time, end, start.isDate);
  const text = (name: string) => event.getFirstPropertyValue(name) as string | null;
  props.subject = text('summary') ?? '';
  const html = event.getAllProperties('x-alt-desc').find((p) => /text\/html/i.test(String(p.getParameter('fmttype'))));
  props.body = html ? { contentType: 'html', content: String(html.getFirstValue()) } : { contentType: 'text', content: text('description') ?? '' };
  const location = text('location');
  const geo = event.getFirstPropertyValue('geo') as [number, number] | null;
  if (location || geo) {
    props.location = { ...props.location, displayName: location ?? '', ...(geo && { coordinates: { latitude: geo[0], longitude: geo[1] } }) };
    props.locations = [props.location];
  }
  props.categories = event.getAllProperties('categories').flatMap((p) => p.getValues().map(String));
  props.sensitivity = CLASS[(text('class') ?? 'PUBLIC').toUpperCase()] ?? 'private';
  const busy = text('x-microsoft-cdo-busystatus')?.toUpperCase();
  props.showAs = (busy && BUSY[busy]) ?? ((text('transp') ?? 'OPAQUE').toUpperCase() === 'TRANSPARENT' ? 'free' : 'busy');
  const priority = Number(event.getFirstPropertyValue('priority') ?? 0);
  props.importance = priority >= 1 && priority <= 4 ? 'high' : priority >= 6 ? 'low' : 'normal';
  props.isCancelled = (text('status') ?? '').toUpperCase() === 'CANCELLED';
  const alarm = event.getAllSubcomponents('valarm').map((a) => a.getFirstPropertyValue('trigger')).find((t): t is ICAL.Duration => t instanceof ICAL.Duration && t.toSeconds() <= 0);
  props.isReminderOn = !!alarm;
  props.reminderMinutesBeforeStart = alarm ? Math.round(alarm.toSeconds() / -60) : 0;
  const organizer = event.getFirstProperty('organizer');
  if (organizer) {
    props.organizer = { emailAddress: { address: address(String(organizer.getFirstValue())), name: String(organizer.getParameter('cn') ?? '') } };
  }
  props.attendees = event.getAllProperties('attendee').map((a) => {
    const role = String(a.getParameter('role') ?? 'REQ-PARTICIPANT').toUpperCase();
    const cutype = String(a.getParameter('cutype') ?? '').toUpperCase();
    const partstat = String(a.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase();
    return {
      type: cutype === 'RESOURCE' || cutype === 'ROOM' ? 'resource' : role === 'REQ-PARTICIPANT' || role === 'CHAIR' ? 'required' : 'optional',
      status: { response: PARTSTAT[partstat] ?? 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: { name: String(a.getParameter('cn') ?? ''), address: address(String(a.getFirstValue())) },
    };
  });
  props.responseRequested = props.attendees.length === 0 || event.getAllProperties('attendee').some((a) => String(a.getParameter('rsvp')).toUpperCase() === 'TRUE');
  return { props, start };
};

const graphTimestamp = (event: ICAL.Component, name: string, fallback: string): string => {
  const t = event.getFirstPropertyValue(name) as ICAL.Time | null;
  return t ? `${t.toJSDate().toISOString().slice(0, 19)}.0000000Z` : fallback;
};

const untilDateOf = (recur: ICAL.Recur, zone: string): string | undefined => {
  if (!recur.until) return undefined;
  if (recur.until.isDate) return recur.until.toString().slice(0, 10);
  const wall = recur.until.toString().slice(0, 19);
  return recur.until.zone === ICAL.Timezone.utcTimezone ? utcMsToWall(Date.parse(`${wall}Z`), ianaZone(zone) ?? 'UTC').slice(0, 10) : wall.slice(0, 10);
};

const importMaster = (calendarId: string, event: ICAL.Component, warn: (w: string) => void): StoredEvent | undefined => {
  const read = readProps(event, warn);
  if (!read) return undefined;
  const uid = String(event.getFirstPropertyValue('uid') ?? '');
  const rrules = event.getAllProperties('rrule');
  if (rrules.length > 1 || event.getFirstProperty('rdate')) {
    warn(`event ${uid} uses ${rrules.length > 1 ? 'several RRULEs' : 'RDATE'}, which Graph cannot express; skipped`);
    return undefined;
  }
  const rrule = rrules[0]?.getFirstValue() as ICAL.Recur | undefined;
  if (rrule) {
    const zone = read.props.start.timeZone;
    const converted = recurrenceFromRRule(rrule, read.props.start.dateTime, zone, untilDateOf(rrule, zone));
    if (!converted.ok) {
      warn(`event ${uid}: ${converted.reason}; skipped`);
      return undefined;
    }
    read.props.recurrence = converted.recurrence;
  }
  const now = `${new Date().toISOString().slice(0, 19)}.0000000Z`;
  const stored = newEventShell(calendarId, read.props, graphTimestamp(event, 'created', graphTimestamp(event, 'dtstamp', now)), uid || newICalUId());
  stored.lastModifiedDateTime = graphTimestamp(event, 'last-modified', stored.createdDateTime);
  if (rrule) {
    const zone = ianaZone(read.props.start.timeZone) ?? 'UTC';
    for (const exdate of event.getAllProperties('exdate')) {
      for (const value of exdate.getValues() as ICAL.Time[]) {
        const tzid = exdate.getParameter('tzid') as string | undefined;
        const wall = value.isDate ? `${value.toString()}${read.props.start.dateTime.slice(10)}` : value.toString().slice(0, 19);
        const inZone = value.zone === ICAL.Timezone.utcTimezone ? utcMsToWall(Date.parse(`${wall}Z`), zone) : tzid && zoneFor(tzid) ? utcMsToWall(wallToUtcMs(wall, ianaZone(zoneFor(tzid)) ?? zone), zone) : wall;
        stored.cancelled.push(inZone);
      }
    }
  }
  return stored;
};

const importOverride = (store: CalendarStore, master: StoredEvent, event: ICAL.Component, warn: (w: string) => void): void => {
  const read = readProps(event, warn);
  const rid = readTime(event, 'recurrence-id', warn);
  if (!read || !rid) return;
  const zone = ianaZone(master.props.start.timeZone) ?? 'UTC';
  const originalWall: Wall = rid.isDate ? `${rid.time.dateTime.slice(0, 10)}${master.props.start.dateTime.slice(10)}` : utcMsToWall(wallToUtcMs(rid.time.dateTime, ianaZone(rid.time.timeZone) ?? 'UTC'), zone);
  const originalStartUtc = occurrenceUtc(master, originalWall);
  const exception: StoredEvent = {
    ...newEventShell(master.calendarId, read.props, graphTimestamp(event, 'created', master.createdDateTime), master.iCalUId),
    id: occurrenceId(master.id, originalStartUtc),
    type: 'exception',
    seriesMasterId: master.id,
    originalStartUtc,
  };
  exception.lastModifiedDateTime = graphTimestamp(event, 'last-modified', exception.createdDateTime);
  store.events.set(exception.id, exception);
};

/** Adds a file's events to the default calendar (no name) or to the calendar it names; returns warnings. */
export const importIcs = (store: CalendarStore, text: string, fileName: string | undefined): string[] => {
  const warnings: string[] = [];
  const warn = (w: string) => warnings.push(w);
  const root = new ICAL.Component(ICAL.parse(text));
  const color = root.getFirstPropertyValue('x-apple-calendar-color');
  const hex = typeof color === 'string' && /^#[0-9a-f]{6}/i.test(color) ? color.slice(0, 7).toLowerCase() : '';
  let calendar = store.defaultCalendar;
  if (fileName === undefined) calendar.hexColor ||= hex;
  else {
    const name = String(root.getFirstPropertyValue('x-wr-calname') ?? fileName);
    calendar = store.calendarByName(name) ?? store.addCalendar(name, 'auto', hex);
  }
  const vevents = root.getAllSubcomponents('vevent');
  const masters = new Map<string, StoredEvent>();
  for (const event of vevents.filter((e) => !e.hasProperty('recurrence-id'))) {
    const stored = importMaster(calendar.id, event, warn);
    if (!stored) continue;
    store.events.set(stored.id, stored);
    masters.set(stored.iCalUId, stored);
  }
  for (const event of vevents.filter((e) => e.hasProperty('recurrence-id'))) {
    const uid = String(event.getFirstPropertyValue('uid'));
    const master = masters.get(uid);
    if (master?.type === 'seriesMaster') importOverride(store, master, event, warn);
    else warn(`override of ${uid} has no series in this file; skipped`);
  }
  return warnings;
};

export const calendarToIcs = (store: CalendarStore, calendar: StoredCalendar): string => {
  const root = new ICAL.Component('vcalendar');
  root.addPropertyWithValue('prodid', '-//Ferry//Microsoft Graph sandbox//EN');
  root.addPropertyWithValue('version', '2.0');
  root.addPropertyWithValue('calscale', 'GREGORIAN');
  root.addPropertyWithValue('x-wr-calname', calendar.name);
  if (calendar.hexColor) root.addPropertyWithValue('x-apple-calendar-color', calendar.hexColor);
  for (const event of store.eventsIn(calendar.id).filter((e) => e.type !== 'exception')) {
    root.addSubcomponent(eventToVevent(event));
    for (const exception of store.exceptionsOf(event.id)) root.addSubcomponent(eventToVevent(exception, event));
  }
  return root.toString();
};
