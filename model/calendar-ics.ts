/**
 * iCalendar files (RFC 5545) to and from model events, with ical.js doing all the parsing and writing.
 * One VEVENT is one CalendarEvent. Whatever a file holds that the model cannot (absolute alarm times,
 * RANGE=THISANDFUTURE, RDATE periods, other components) is named in `problems`, never dropped silently;
 * a file ical.js cannot read gives problems and no events, never an exception.
 * A file cannot tell "no reminders" from "the calendar's default reminders": no VALARM reads as undefined.
 */
import ICAL from 'ical.js';
import type { Attendee, BusyStatus, CalendarEvent, EventTime, Organizer, Recurrence, Reminder } from './calendar';
import { isUtcName, resolveZoneName } from './ics-time-zones';
import {
  CDO_BUSY,
  CLASS,
  COMMENT_PARAM,
  CONFERENCE_PROPERTIES,
  CUTYPE,
  PARTSTAT,
  ROLE,
  STATUS,
  declareExtensionProperties,
  formatDate,
  formatDateTime,
  fromIcal,
  mailAddress,
  type IcalComponent,
  type IcalProperty,
  type IcalTime,
} from './ics-vocabulary';

export { writeCalendarFile } from './calendar-ics-write';

/** What a file says about the calendar itself (X-WR-CALNAME, X-WR-CALDESC, X-APPLE-CALENDAR-COLOR, X-WR-TIMEZONE). */
export interface CalendarFileInfo {
  name?: string;
  description?: string;
  /** `#rrggbb` */
  color?: string;
  /** IANA zone */
  timeZone?: string;
}

export interface ParsedCalendarFile {
  calendar: CalendarFileInfo;
  events: CalendarEvent[];
  /** Human-readable notes on what could not be read or kept, one per finding. */
  problems: string[];
}

export function parseCalendarFile(text: string): ParsedCalendarFile {
  declareExtensionProperties();
  const problems: string[] = [];
  const calendars = readCalendars(text, problems);
  const events: CalendarEvent[] = [];
  for (const root of calendars) {
    const reader = new EventReader(root, problems);
    for (const vevent of root.getAllSubcomponents('vevent')) {
      const event = reader.readSafely(vevent);
      if (event) events.push(event);
    }
    const others = root.getAllSubcomponents().filter((c) => c.name !== 'vevent' && c.name !== 'vtimezone');
    for (const name of new Set(others.map((c) => c.name.toUpperCase()))) {
      problems.push(`${others.filter((c) => c.name.toUpperCase() === name).length} ${name} component(s) ignored: only events (VEVENT) are read`);
    }
  }
  return { calendar: calendars[0] ? calendarInfo(calendars[0], problems) : {}, events, problems };
}

function readCalendars(text: string, problems: string[]): IcalComponent[] {
  const clean = text.replace(/^\uFEFF/, '');
  if (clean.trim() === '') {
    problems.push('the file is empty');
    return [];
  }
  let jcal: unknown[];
  try {
    jcal = ICAL.parse(clean) as unknown[];
  } catch (error) {
    problems.push(`not a readable iCalendar file: ${(error as Error).message}`);
    return [];
  }
  const roots = (Array.isArray(jcal[0]) ? jcal : [jcal]).map((j) => new ICAL.Component(j as unknown[]));
  const calendars = roots.filter((root) => root.name === 'vcalendar');
  const looseEvents = roots.filter((root) => root.name === 'vevent');
  if (looseEvents.length) {
    const wrapper = new ICAL.Component('vcalendar');
    for (const vevent of looseEvents) wrapper.addSubcomponent(vevent);
    calendars.push(wrapper);
    problems.push(`${looseEvents.length} VEVENT(s) outside BEGIN:VCALENDAR … END:VCALENDAR read anyway`);
  }
  const others = roots.filter((root) => root.name !== 'vcalendar' && root.name !== 'vevent');
  if (others.length) problems.push(`content outside BEGIN:VCALENDAR … END:VCALENDAR ignored: ${others.map((r) => r.name.toUpperCase()).join(', ')}`);
  return calendars;
}

function calendarInfo(root: IcalComponent, problems: string[]): CalendarFileInfo {
  const info: CalendarFileInfo = {};
  // RFC 7986 NAME, DESCRIPTION and COLOR say the same as the older vendor properties.
  const name = textValue(root, 'x-wr-calname') ?? textValue(root, 'name');
  const description = textValue(root, 'x-wr-caldesc') ?? textValue(root, 'description');
  const colorText = textValue(root, 'x-apple-calendar-color') ?? textValue(root, 'color');
  const color = colorText?.match(/^#?([0-9a-f]{6})(?:[0-9a-f]{2})?$/i)?.[1];
  if (colorText && !color) problems.push(`calendar colour "${colorText}" is not #rrggbb and was not kept`);
  const zone = textValue(root, 'x-wr-timezone');
  if (name) info.name = name;
  if (description) info.description = description;
  if (color) info.color = `#${color.toLowerCase()}`;
  if (zone) {
    const resolved = resolveZoneName(zone);
    if (resolved) info.timeZone = resolved;
    else problems.push(`X-WR-TIMEZONE "${zone}" is not a known time zone; the calendar's zone is left unset`);
  }
  return info;
}

/** Reads the VEVENTs of one VCALENDAR, whose VTIMEZONEs give meaning to non-IANA TZIDs. */
class EventReader {
  private readonly zones = new Map<string, string | undefined>();
  private readonly reported = new Set<string>();
  private label = '';

  constructor(
    private readonly root: IcalComponent,
    private readonly problems: string[],
  ) {}

  /** One event, or undefined with the reason in problems when ical.js cannot read one of its values. */
  readSafely(vevent: IcalComponent): CalendarEvent | undefined {
    try {
      return this.read(vevent);
    } catch (error) {
      return this.problem(`${this.label} skipped: ${(error as Error).message}`);
    }
  }

  private read(vevent: IcalComponent): CalendarEvent | undefined {
    const uid = textValue(vevent, 'uid');
    const title = textValue(vevent, 'summary') ?? '';
    this.label = `event "${title}" (${uid ?? 'no UID'})`;
    const startProp = vevent.getFirstProperty('dtstart');
    if (!startProp) {
      this.problem(`${this.label} has no DTSTART and was skipped`);
      return undefined;
    }
    const event: CalendarEvent = {
      uid: uid ?? this.substituteUid(vevent),
      title,
      start: this.time(startProp),
      end: this.end(vevent, startProp),
      status: this.status(vevent),
      busy: busyStatus(vevent),
      visibility: fromIcal(CLASS, textValue(vevent, 'class')) ?? (vevent.hasProperty('class') ? 'private' : 'default'),
      attendees: vevent.getAllProperties('attendee').flatMap((p) => this.attendee(p) ?? []),
    };
    this.optionalFields(vevent, event);
    return event;
  }

  private optionalFields(vevent: IcalComponent, event: CalendarEvent): void {
    const recurrenceId = vevent.getFirstProperty('recurrence-id');
    if (recurrenceId) {
      event.recurrenceId = this.time(recurrenceId);
      if (String(recurrenceId.getFirstParameter('range')).toUpperCase() === 'THISANDFUTURE') {
        this.problem(`${this.label}: RANGE=THISANDFUTURE is read as a change to this one instance only`);
      }
    }
    const recurrence = this.recurrence(vevent);
    if (recurrence) event.recurrence = recurrence;
    for (const [field, name] of [['description', 'description'], ['location', 'location'], ['url', 'url']] as const) {
      const value = textValue(vevent, name);
      if (value) event[field] = value;
    }
    const conference = CONFERENCE_PROPERTIES.map((name) => textValue(vevent, name)).find(Boolean);
    if (conference) event.conferenceUrl = conference;
    const organizer = this.organizer(vevent);
    if (organizer) event.organizer = organizer;
    const reminders = this.reminders(vevent);
    if (reminders) event.reminders = reminders;
    const categories = vevent.getAllProperties('categories').flatMap((p) => p.getValues().map(String)).filter(Boolean);
    if (categories.length) event.categories = categories;
    const created = this.utcStamp(vevent, 'created');
    if (created) event.created = created;
    const updated = this.utcStamp(vevent, 'last-modified');
    if (updated) event.updated = updated;
    const sequence = vevent.getFirstPropertyValue('sequence');
    if (typeof sequence === 'number' && Number.isInteger(sequence)) event.sequence = sequence;
  }

  private end(vevent: IcalComponent, startProp: IcalProperty): EventTime {
    const endProp = vevent.getFirstProperty('dtend');
    if (endProp) return this.time(endProp);
    const start = this.timeValues(startProp)[0] as IcalTime;
    const duration = vevent.getFirstPropertyValue('duration');
    const end = start.clone();
    // RFC 5545 §3.6.1: without DTEND or DURATION an all-day event lasts one day, a timed one no time at all.
    if (duration instanceof ICAL.Duration) end.addDuration(duration);
    else if (start.isDate) end.adjust(1, 0, 0, 0);
    return this.timeValue(end, startProp.getFirstParameter('tzid'));
  }

  private status(vevent: IcalComponent): CalendarEvent['status'] {
    const value = textValue(vevent, 'status');
    const status = fromIcal(STATUS, value);
    if (value && !status) this.problem(`${this.label}: STATUS ${value} is not an event status; read as confirmed`);
    return status ?? 'confirmed';
  }

  private recurrence(vevent: IcalComponent): Recurrence | undefined {
    const rrule = vevent.getAllProperties('rrule').flatMap((p) => this.rrule(p) ?? []);
    const rdate = vevent.getAllProperties('rdate').flatMap((p) => this.times(p));
    const exdate = vevent.getAllProperties('exdate').flatMap((p) => this.times(p));
    return rrule.length || rdate.length || exdate.length ? { rrule, rdate, exdate } : undefined;
  }

  private rrule(prop: IcalProperty): string | undefined {
    const recur = prop.getFirstValue();
    if (recur instanceof ICAL.Recur && recur.freq) return recur.toString();
    return this.problem(`${this.label}: an RRULE without FREQ was ignored`);
  }

  /** Every value of a multi-valued date property (RDATE, EXDATE); a PERIOD keeps only its start. */
  private times(prop: IcalProperty): EventTime[] {
    const tzid = prop.getFirstParameter('tzid');
    return this.timeValues(prop).map((value) => {
      if (value instanceof ICAL.Period) {
        this.problem(`${this.label}: ${prop.name.toUpperCase()} period ${value.toString()} kept as its start only`);
        return this.timeValue(value.start, tzid);
      }
      return this.timeValue(value as IcalTime, tzid);
    });
  }

  private time(prop: IcalProperty): EventTime {
    return this.timeValue(this.timeValues(prop)[0] as IcalTime, prop.getFirstParameter('tzid'));
  }

  /**
   * The values of a date property. A bare date where a date-time is expected (`DTSTART:20180110` without
   * VALUE=DATE) is invalid, but common enough that it is read as the all-day date it obviously is.
   */
  private timeValues(prop: IcalProperty): unknown[] {
    try {
      return prop.getValues();
    } catch (error) {
      const raw = (prop.toJSON() as unknown[]).slice(3);
      const dates = raw.map((v) => (typeof v === 'string' ? /^(\d{4}-\d{2}-\d{2})T::$/.exec(v)?.[1] : undefined));
      if (raw.length === 0 || !dates.every(Boolean)) throw error;
      const name = prop.name.toUpperCase();
      this.problemOnce(`${this.label} ${name}`, `${this.label}: ${name} holds a date without VALUE=DATE; read as an all-day date`);
      return dates.map((date) => ICAL.Time.fromDateString(date!));
    }
  }

  private timeValue(time: IcalTime, tzid: string | undefined): EventTime {
    if (time.isDate) return { date: formatDate(time) };
    if (time.zone === ICAL.Timezone.utcTimezone) return { dateTime: formatDateTime(time), timeZone: 'UTC' };
    if (!tzid) return { dateTime: formatDateTime(time) };
    const zone = this.zoneName(tzid);
    if (zone) return { dateTime: formatDateTime(time), timeZone: zone };
    if (time.zone && time.zone !== ICAL.Timezone.localTimezone) {
      this.problemOnce(tzid, `TZID "${tzid}" is not a known time zone; its times were converted to UTC with the file's VTIMEZONE`);
      return { dateTime: formatDateTime(time.convertToZone(ICAL.Timezone.utcTimezone)), timeZone: 'UTC' };
    }
    this.problemOnce(tzid, `TZID "${tzid}" is neither a known time zone nor defined in the file; its times are kept as floating`);
    return { dateTime: formatDateTime(time) };
  }

  private zoneName(tzid: string): string | undefined {
    if (!this.zones.has(tzid)) {
      const vtimezone = this.root.getAllSubcomponents('vtimezone').find((z) => z.getFirstPropertyValue('tzid') === tzid);
      const location = vtimezone ? textValue(vtimezone, 'x-lic-location') : undefined;
      this.zones.set(tzid, isUtcName(tzid) ? 'UTC' : resolveZoneName(tzid, location));
    }
    return this.zones.get(tzid);
  }

  private organizer(vevent: IcalComponent): Organizer | undefined {
    const prop = vevent.getFirstProperty('organizer');
    if (!prop) return undefined;
    const email = mailAddress(prop.getFirstValue());
    if (!email) {
      this.problem(`${this.label}: ORGANIZER ${String(prop.getFirstValue())} is not a mail address and was dropped`);
      return undefined;
    }
    const name = param(prop, 'cn');
    return name ? { email, name } : { email };
  }

  private attendee(prop: IcalProperty): Attendee | undefined {
    const email = mailAddress(prop.getFirstValue());
    if (!email) {
      this.problem(`${this.label}: ATTENDEE ${String(prop.getFirstValue())} is not a mail address and was dropped`);
      return undefined;
    }
    const attendee: Attendee = {
      email,
      // RFC 5545 §3.2.16, §3.2.12, §3.2.3: unknown values count as REQ-PARTICIPANT, NEEDS-ACTION, UNKNOWN.
      role: fromIcal(ROLE, param(prop, 'role')) ?? 'required',
      status: fromIcal(PARTSTAT, param(prop, 'partstat')) ?? 'needs-action',
    };
    const name = param(prop, 'cn');
    const kind = param(prop, 'cutype');
    const rsvp = param(prop, 'rsvp');
    const comment = param(prop, COMMENT_PARAM);
    if (name) attendee.name = name;
    if (kind) attendee.kind = fromIcal(CUTYPE, kind) ?? 'unknown';
    if (rsvp) attendee.rsvp = rsvp.toUpperCase() === 'TRUE';
    if (comment) attendee.comment = comment;
    return attendee;
  }

  private reminders(vevent: IcalComponent): Reminder[] | undefined {
    const alarms = vevent.getAllSubcomponents('valarm');
    if (alarms.length === 0) return undefined;
    return alarms.flatMap((alarm) => this.reminder(alarm) ?? []);
  }

  private reminder(alarm: IcalComponent): Reminder | undefined {
    const action = (textValue(alarm, 'action') ?? '').toUpperCase();
    const method = action === 'EMAIL' ? 'email' : action === 'DISPLAY' || action === 'AUDIO' ? 'display' : undefined;
    const trigger = alarm.getFirstProperty('trigger');
    const value = trigger?.getFirstValue();
    const dropped = `${this.label}: alarm (${action || 'no ACTION'}, TRIGGER ${value?.toString() ?? 'missing'}) dropped`;
    if (!method) return this.problem(`${dropped}: only DISPLAY, AUDIO and EMAIL alarms are kept`);
    if (!(value instanceof ICAL.Duration)) return this.problem(`${dropped}: only alarms relative to the start are kept`);
    if (String(trigger?.getFirstParameter('related') ?? 'START').toUpperCase() === 'END') {
      return this.problem(`${dropped}: alarms relative to the end are not kept`);
    }
    if (value.toSeconds() > 0) return this.problem(`${dropped}: alarms after the start are not kept`);
    return { minutesBefore: Math.round(Math.abs(value.toSeconds()) / 60), method };
  }

  /** CREATED and LAST-MODIFIED must be UTC (RFC 5545 §3.8.7); a zoned one is converted, a floating one read as UTC. */
  private utcStamp(vevent: IcalComponent, name: string): string | undefined {
    const value = vevent.getFirstPropertyValue(name);
    if (!(value instanceof ICAL.Time)) return undefined;
    const utc = value.zone && value.zone !== ICAL.Timezone.localTimezone ? value.convertToZone(ICAL.Timezone.utcTimezone) : value;
    return `${formatDateTime(utc)}Z`;
  }

  private substituteUid(vevent: IcalComponent): string {
    const uid = `ferry-no-uid-${fnv1a(vevent.toString())}`;
    this.problem(`${this.label} has no UID; it was given ${uid}`);
    return uid;
  }

  private problemOnce(key: string, message: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problem(message);
  }

  private problem(message: string): undefined {
    this.problems.push(message);
    return undefined;
  }
}

function busyStatus(vevent: IcalComponent): BusyStatus {
  const cdo = fromIcal(CDO_BUSY, textValue(vevent, 'x-microsoft-cdo-busystatus'));
  if (cdo) return cdo;
  return (textValue(vevent, 'transp') ?? '').toUpperCase() === 'TRANSPARENT' ? 'free' : 'busy';
}

function textValue(component: IcalComponent, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name);
  if (value === null || value === undefined) return undefined;
  const text = String(value);
  return text === '' ? undefined : text;
}

function param(prop: IcalProperty, name: string): string | undefined {
  const value = prop.getFirstParameter(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A stable short hash (FNV-1a, 32 bit), so a file without UIDs gives the same substitutes every time. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
