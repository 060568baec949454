/**
 * Google Calendar Event JSON ↔ model CalendarEvent, field by field (the table is in ../README.md).
 * Recurrence lines are read and written with ical.js.
 */
import ICAL from 'ical.js';
import type { LostField } from '../../../model/adapter';
import type {
  Attendee,
  BusyStatus,
  CalendarEvent,
  EventStatus,
  EventTime,
  ParticipationStatus,
  Recurrence,
  Reminder,
  Visibility,
} from '../../../model/calendar';
import type { GoogleAttendee, GoogleEvent, GoogleReminder } from './api-types';
import { addWallMinutes, fromGoogleTime, toGoogleTime, wallMinutesBetween } from './time';

const STATUSES: readonly EventStatus[] = ['confirmed', 'tentative', 'cancelled'];
const VISIBILITIES: readonly Visibility[] = ['default', 'public', 'private', 'confidential'];
const FROM_RESPONSE: Record<string, ParticipationStatus> = {
  needsAction: 'needs-action',
  accepted: 'accepted',
  declined: 'declined',
  tentative: 'tentative',
};
const TO_RESPONSE: Record<ParticipationStatus, string> = {
  'needs-action': 'needsAction',
  accepted: 'accepted',
  declined: 'declined',
  tentative: 'tentative',
  delegated: 'needsAction',
};
/** Google keeps reminders 0..40320 minutes (4 weeks) before the start, at most five per event (EventReminder). */
const MAX_REMINDER_MINUTES = 40_320;
const MAX_REMINDERS = 5;

/* ---------- Google → model ---------- */

function timeOfIcal(value: ICAL.Time, tzid: string | undefined): EventTime {
  const text = value.toString();
  if (value.isDate) return { date: text };
  if (value.zone?.tzid === 'UTC') return { dateTime: text.slice(0, 19), timeZone: 'UTC' };
  return tzid ? { dateTime: text, timeZone: tzid } : { dateTime: text };
}

/** RRULE/RDATE/EXDATE lines → model recurrence; EXRULE has no place in the model (RFC 5545 deprecates it). */
export function parseRecurrence(lines: readonly string[]): Recurrence {
  const recurrence: Recurrence = { rrule: [], rdate: [], exdate: [] };
  for (const line of lines) {
    const property = ICAL.Property.fromString(line);
    const tzid = property.getParameter('tzid') as string | undefined;
    if (property.name === 'rrule') {
      // The rule text is kept as written: ical.js would reorder its parts.
      recurrence.rrule.push(line.slice(line.indexOf(':') + 1));
    } else if (property.name === 'rdate' || property.name === 'exdate') {
      const times = property.getValues().map((v) => (v instanceof ICAL.Period ? v.start : (v as ICAL.Time)));
      recurrence[property.name].push(...times.map((t) => timeOfIcal(t, tzid)));
    }
  }
  return recurrence;
}

function busyOf(event: GoogleEvent): BusyStatus {
  if (event.eventType === 'outOfOffice') return 'oof';
  if (event.eventType === 'workingLocation') return 'working-elsewhere';
  return event.transparency === 'transparent' ? 'free' : 'busy';
}

function attendeeOf(a: GoogleAttendee): Attendee | undefined {
  if (!a.email) return undefined;
  const attendee: Attendee = {
    email: a.email,
    role: a.organizer ? 'chair' : a.optional ? 'optional' : 'required',
    status: FROM_RESPONSE[a.responseStatus ?? 'needsAction'] ?? 'needs-action',
  };
  if (a.displayName) attendee.name = a.displayName;
  if (a.resource) attendee.kind = 'resource';
  if (a.comment) attendee.comment = a.comment;
  return attendee;
}

function remindersOf(event: GoogleEvent): Reminder[] | undefined {
  if (!event.reminders || event.reminders.useDefault) return undefined;
  return (event.reminders.overrides ?? []).map((r) => ({
    minutesBefore: r.minutes ?? 0,
    method: r.method === 'email' ? 'email' : 'display',
  }));
}

function conferenceUrlOf(event: GoogleEvent): string | undefined {
  const video = event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video' && e.uri);
  return video?.uri ?? event.hangoutLink;
}

/** RFC 3339 → UTC `YYYY-MM-DDTHH:mm:ssZ` (milliseconds kept only when not zero). */
const utcStamp = (value: string | undefined): string | undefined =>
  value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString().replace('.000Z', 'Z') : undefined;

/**
 * A Google event as a model event. `calendarZone` is the calendar's zone (for moments without their own);
 * `master` is the series of an instance, which fills in what a cancelled instance leaves out (Google only
 * guarantees id, recurringEventId and originalStartTime on those).
 */
export function fromGoogleEvent(event: GoogleEvent, calendarZone: string, master?: GoogleEvent): CalendarEvent {
  const seriesZone = master?.start?.timeZone ?? calendarZone;
  const recurrenceId = event.originalStartTime
    ? fromGoogleTime({ timeZone: event.start?.timeZone ?? seriesZone, ...event.originalStartTime }, calendarZone)
    : undefined;
  const start = event.start ? fromGoogleTime(event.start, calendarZone) : recurrenceId!;
  const model: CalendarEvent = {
    uid: event.iCalUID ?? master?.iCalUID ?? event.id ?? '',
    title: event.summary ?? (event.status === 'cancelled' ? (master?.summary ?? '') : ''),
    start,
    end: event.end ? fromGoogleTime(event.end, calendarZone) : endFromSeries(start, master, calendarZone),
    status: STATUSES.find((s) => s === event.status) ?? 'confirmed',
    busy: busyOf(event),
    visibility: VISIBILITIES.find((v) => v === event.visibility) ?? 'default',
    attendees: (event.attendees ?? []).map(attendeeOf).filter((a): a is Attendee => a !== undefined),
  };
  if (recurrenceId) model.recurrenceId = recurrenceId;
  if (event.description) model.description = event.description;
  if (event.location) model.location = event.location;
  if (event.recurrence?.length) model.recurrence = parseRecurrence(event.recurrence);
  // Google makes the calendar itself organizer of every event made in it (`self`: the person, or a secondary
  // calendar's own address, which is nobody's mailbox); any destination does the same for its owner.
  if (event.organizer?.email && !event.organizer.self) {
    model.organizer = { email: event.organizer.email };
    if (event.organizer.displayName) model.organizer.name = event.organizer.displayName;
  }
  const reminders = remindersOf(event);
  if (reminders) model.reminders = reminders;
  if (event.source?.url) model.url = event.source.url;
  const conferenceUrl = conferenceUrlOf(event);
  if (conferenceUrl) model.conferenceUrl = conferenceUrl;
  const created = utcStamp(event.created);
  if (created) model.created = created;
  const updated = utcStamp(event.updated);
  if (updated) model.updated = updated;
  // SEQUENCE 0 is iCalendar's default (RFC 5545 §3.8.7.4), which Google writes on every event.
  if (event.sequence) model.sequence = event.sequence;
  return model;
}

/** A cancelled instance without its own end lasts as long as its series; without a series, no time at all. */
function endFromSeries(start: EventTime, master: GoogleEvent | undefined, calendarZone: string): EventTime {
  if (!master?.start || !master.end) return start;
  const length = wallMinutesBetween(fromGoogleTime(master.start, calendarZone), fromGoogleTime(master.end, calendarZone));
  return addWallMinutes(start, length);
}

/* ---------- model → Google ---------- */

function icalTimeOf(time: EventTime): ICAL.Time {
  if ('date' in time) return ICAL.Time.fromDateString(time.date);
  return ICAL.Time.fromDateTimeString(time.timeZone === 'UTC' ? `${time.dateTime}Z` : time.dateTime);
}

function dateLine(name: 'rdate' | 'exdate', time: EventTime, calendarZone: string): string {
  const property = new ICAL.Property(name);
  if ('date' in time) property.resetType('date');
  else if (time.timeZone !== 'UTC') property.setParameter('tzid', time.timeZone ?? calendarZone);
  property.setValue(icalTimeOf(time));
  return property.toICALString();
}

/** ical.js checks the rule (it throws on a bad part); the text is kept as given, ical.js would reorder it. */
function checkedRule(rule: string): string {
  if (!ICAL.Recur.fromString(rule).freq) throw new Error(`"${rule}" is not a recurrence rule: it has no FREQ`);
  return rule;
}

/**
 * Model recurrence → Google's recurrence lines, one RDATE/EXDATE line per date as in Google's examples.
 * Floating dates are pinned to `calendarZone` and reported in `lost`.
 */
export function recurrenceLines(recurrence: Recurrence, calendarZone: string, lost: LostField[] = []): string[] {
  const rules = recurrence.rrule.map((rule) => `RRULE:${checkedRule(rule)}`);
  const dates = (name: 'rdate' | 'exdate') =>
    recurrence[name].map((time) => {
      if (!('date' in time) && time.timeZone === undefined) {
        lost.push({ field: `recurrence.${name}`, reason: `a floating date has no zone at Google; it is pinned to ${calendarZone}` });
      }
      return dateLine(name, time, calendarZone);
    });
  return [...rules, ...dates('rdate'), ...dates('exdate')];
}

function googleAttendee(attendee: Attendee, organizerEmail: string | undefined, lost: LostField[]): GoogleAttendee {
  const out: GoogleAttendee = { email: attendee.email, responseStatus: TO_RESPONSE[attendee.status] };
  if (attendee.name) out.displayName = attendee.name;
  if (attendee.role === 'optional' || attendee.role === 'non-participant') out.optional = true;
  if (attendee.kind === 'resource' || attendee.kind === 'room') out.resource = true;
  if (attendee.comment) out.comment = attendee.comment;
  const who = attendee.name ?? attendee.email;
  if (attendee.status === 'delegated') {
    lost.push({ field: 'attendees.status', reason: `Google has no "delegated" reply; ${who} is shown as not yet replied` });
  }
  if (attendee.role === 'non-participant') {
    lost.push({ field: 'attendees', reason: `Google has no non-participant role; ${who} is an optional guest` });
  }
  if (attendee.role === 'chair' && attendee.email !== organizerEmail) {
    lost.push({ field: 'attendees', reason: `Google marks only the organizer as chair; ${who} is a guest` });
  }
  if (attendee.kind === 'group') lost.push({ field: 'attendees', reason: `Google does not mark ${who} as a group` });
  if (attendee.rsvp === false) {
    lost.push({ field: 'attendees', reason: `Google asks every guest for a reply, ${who} included` });
  }
  return out;
}

function googleReminders(reminders: Reminder[] | undefined, lost: LostField[]): GoogleEvent['reminders'] {
  if (reminders === undefined) return { useDefault: true };
  const kept = reminders.filter((r) => r.minutesBefore >= 0 && r.minutesBefore <= MAX_REMINDER_MINUTES);
  if (kept.length < reminders.length) {
    lost.push({ field: 'reminders', reason: 'Google keeps reminders up to 4 weeks before the start only' });
  }
  if (kept.length > MAX_REMINDERS) {
    lost.push({ field: 'reminders', reason: `Google keeps at most ${MAX_REMINDERS} reminders per event` });
  }
  const overrides: GoogleReminder[] = kept
    .slice(0, MAX_REMINDERS)
    .map((r) => ({ method: r.method === 'email' ? 'email' : 'popup', minutes: r.minutesBefore }));
  return { useDefault: false, overrides };
}

const BUSY_NAMES: Partial<Record<BusyStatus, string>> = {
  tentative: 'tentative',
  oof: 'out of office',
  'working-elsewhere': 'working elsewhere',
};

export interface GoogleBody {
  body: GoogleEvent;
  lost: LostField[];
}

/**
 * A model event as the body of events.import (`kind: 'series'`: iCalUID, organizer, recurrence and
 * sequence included) or of events.update on one instance of a series (`kind: 'instance'`, where those
 * belong to the series). Floating times are pinned to `calendarZone`.
 */
export function toGoogleEvent(event: CalendarEvent, calendarZone: string, kind: 'series' | 'instance'): GoogleBody {
  const lost: LostField[] = [];
  const time = (value: EventTime, field: string) => {
    const { time: out, pinned } = toGoogleTime(value, calendarZone);
    if (pinned) lost.push({ field, reason: `a floating time has no zone at Google; it is pinned to ${calendarZone}` });
    return out;
  };
  const body: GoogleEvent = {
    summary: event.title,
    start: time(event.start, 'start.timeZone'),
    end: time(event.end, 'end.timeZone'),
    status: event.status,
    transparency: event.busy === 'free' ? 'transparent' : 'opaque',
    visibility: event.visibility,
    attendees: event.attendees.map((a) => googleAttendee(a, event.organizer?.email, lost)),
    reminders: googleReminders(event.reminders, lost),
  };
  const busyName = BUSY_NAMES[event.busy];
  if (busyName) lost.push({ field: 'busy', reason: `Google has only busy and free; "${busyName}" is kept as busy` });
  if (event.description) body.description = event.description;
  if (event.location) body.location = event.location;
  if (event.url && /^https?:\/\//i.test(event.url)) body.source = { title: event.title, url: event.url };
  else if (event.url) lost.push({ field: 'url', reason: 'Google keeps only http and https links as an event source' });
  if (kind === 'instance') return { body, lost };
  body.iCalUID = event.uid;
  if (event.organizer) {
    body.organizer = { email: event.organizer.email };
    if (event.organizer.name) body.organizer.displayName = event.organizer.name;
  }
  if (event.recurrence) body.recurrence = recurrenceLines(event.recurrence, calendarZone, lost);
  if (event.sequence !== undefined) body.sequence = event.sequence;
  return { body, lost };
}

/** Whether the event holds a moment without a zone (then the importer needs the calendar's zone). */
export function hasFloatingTime(event: CalendarEvent): boolean {
  const times = [event.start, event.end, event.recurrenceId, ...(event.recurrence?.rdate ?? []), ...(event.recurrence?.exdate ?? [])];
  return times.some((t) => t !== undefined && !('date' in t) && t.timeZone === undefined);
}
