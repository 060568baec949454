/**
 * Graph event (https://learn.microsoft.com/graph/api/resources/event) ↔ model CalendarEvent.
 * Times arrive in UTC (the client's Prefer header) and are put back on the wall clock of the event's own
 * zone, originalStartTimeZone; a series is one patternedRecurrence (recurrence.ts), its removed
 * occurrences are cancelledOccurrences and its changed ones exceptionOccurrences.
 */
import { convert as htmlToText } from 'html-to-text';
import type { LostField } from '../../../model/adapter';
import {
  isAllDay,
  type Attendee,
  type AttendeeKind,
  type AttendeeRole,
  type BusyStatus,
  type CalendarEvent,
  type EventTime,
  type Organizer,
  type ParticipationStatus,
  type Reminder,
  type Visibility,
} from '../../../model/calendar';
import type { GraphAttendee, GraphDateTimeTimeZone, GraphEmailAddress, GraphEvent, GraphEventWrite, GraphResponse, GraphSensitivity, GraphShowAs } from './api-types';
import { originOf, originProperty, type FerryOrigin } from './extended-properties';
import { recurrenceFromGraph, recurrenceToGraph } from './recurrence';
import { wallTimeAt } from '../../../model/wall-time';
import { convertWallTime, graphZoneName, ianaZone } from './time';

const FROM_SHOW_AS: Record<GraphShowAs, BusyStatus> = {
  unknown: 'busy',
  free: 'free',
  tentative: 'tentative',
  busy: 'busy',
  oof: 'oof',
  workingElsewhere: 'working-elsewhere',
};
const TO_SHOW_AS: Record<BusyStatus, GraphShowAs> = {
  busy: 'busy',
  free: 'free',
  tentative: 'tentative',
  oof: 'oof',
  'working-elsewhere': 'workingElsewhere',
};
const FROM_SENSITIVITY: Record<GraphSensitivity, Visibility> = {
  normal: 'default',
  personal: 'private',
  private: 'private',
  confidential: 'confidential',
};
const TO_SENSITIVITY: Record<Visibility, GraphSensitivity> = {
  default: 'normal',
  public: 'normal',
  private: 'private',
  confidential: 'confidential',
};
const FROM_RESPONSE: Record<GraphResponse, ParticipationStatus> = {
  none: 'needs-action',
  notResponded: 'needs-action',
  organizer: 'accepted',
  accepted: 'accepted',
  tentativelyAccepted: 'tentative',
  declined: 'declined',
};

/** What the model gets from an event of a series it belongs to. */
export interface SeriesContext {
  uid: string;
  zone: string;
  start: EventTime;
}

/** Graph always sends start and end; should one be missing, the event still maps (at the epoch) rather than failing the page. */
const NO_TIME: GraphDateTimeTimeZone = { dateTime: '1970-01-01T00:00:00', timeZone: 'UTC' };

const utcStamp = (value: string | null | undefined): string | undefined =>
  value && !Number.isNaN(Date.parse(value)) ? `${new Date(Date.parse(value)).toISOString().slice(0, 19)}Z` : undefined;
const nonEmpty = (value: string | null | undefined): string | undefined => (value ? value : undefined);

/** Outlook stores bodies as HTML; the model's description is text, so formatting is dropped and links are kept as text. */
export function descriptionOf(body: GraphEvent['body']): string | undefined {
  const content = body?.content ?? '';
  if (!content.trim()) return undefined;
  const text = body?.contentType === 'html' ? htmlToText(content, HTML_TO_TEXT) : content;
  return nonEmpty(text.replace(/\r\n?/g, '\n').trim());
}

const HTML_TO_TEXT = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'p', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
  ],
};

/** A Graph time as model time in `zone` (all-day events are dates). */
function timeFromGraph(value: GraphDateTimeTimeZone, zone: string, allDay: boolean): EventTime {
  const local = convertWallTime(value.dateTime, value.timeZone ?? 'UTC', zone);
  if (!allDay) return { dateTime: local, timeZone: zone };
  // All-day events sit at midnight in their own zone; a UTC midnight is read as the date it names.
  return { date: local.endsWith('T00:00:00') ? local.slice(0, 10) : value.dateTime.slice(0, 10) };
}

/**
 * The IANA zone of an event's start or end: Graph's originalStart/EndTimeZone, spelled as Ferry wrote it
 * (or as its series is) when that is the same Windows zone.
 */
function zoneOf(graphZone: string | null | undefined, preferred: string | undefined, fallback: string | null | undefined): string {
  return ianaZone(graphZone ?? undefined, preferred) ?? ianaZone(fallback ?? undefined) ?? 'UTC';
}

function attendeeFrom(a: GraphAttendee, responseRequested: boolean | null | undefined): Attendee | undefined {
  const email = a.emailAddress?.address;
  if (!email) return undefined;
  const resource = a.type === 'resource';
  const attendee: Attendee = {
    email,
    role: resource ? 'non-participant' : a.type === 'optional' ? 'optional' : 'required',
    status: FROM_RESPONSE[a.status?.response ?? 'none'] ?? 'needs-action',
    kind: resource ? 'resource' : 'individual',
  };
  const name = nameOf(a.emailAddress);
  if (name) attendee.name = name;
  if (!resource && typeof responseRequested === 'boolean') attendee.rsvp = responseRequested;
  return attendee;
}

/** Outlook fills a missing display name with the address; that is no name. */
function nameOf(address: GraphEmailAddress | undefined): string | undefined {
  const name = address?.name?.trim();
  return name && name.toLowerCase() !== address?.address?.toLowerCase() ? name : undefined;
}

/**
 * Outlook makes the mailbox owner the organizer of every event made in it (isOrganizer); that says
 * nothing the calendar does not, so only someone else is carried as organizer.
 */
function organizerFrom(event: GraphEvent): Organizer | undefined {
  const address = event.organizer?.emailAddress;
  if (!address?.address || event.isOrganizer === true) return undefined;
  const name = nameOf(address);
  return name ? { email: address.address, name } : { email: address.address };
}

function remindersFrom(event: GraphEvent): Reminder[] | undefined {
  if (event.isReminderOn === false) return [];
  if (event.isReminderOn !== true) return undefined;
  return [{ minutesBefore: event.reminderMinutesBeforeStart ?? 15, method: 'display' }];
}

/** `OID.<master id>.<YYYY-MM-DD>`: the local date of a removed occurrence, at the series' time of day. */
function cancelledOccurrence(value: string, series: SeriesContext): EventTime | undefined {
  const date = /(\d{4}-\d{2}-\d{2})$/.exec(value)?.[1];
  if (!date) return undefined;
  if (isAllDay(series.start)) return { date };
  return { dateTime: `${date}T${series.start.dateTime.slice(11, 19)}`, timeZone: series.zone };
}

/** The recurrence id of an exception: its original slot (UTC) on the series' wall clock. */
function recurrenceIdOf(event: GraphEvent, series: SeriesContext, fallback: EventTime): EventTime {
  const original = event.originalStart ? Date.parse(event.originalStart) : Number.NaN;
  if (Number.isNaN(original)) return fallback;
  const local = wallTimeAt(original, series.zone);
  return isAllDay(series.start) ? { date: local.slice(0, 10) } : { dateTime: local, timeZone: series.zone };
}

/** A Graph event as the model sees it; an exception (changed occurrence) needs its series. */
export function fromGraphEvent(event: GraphEvent, series?: SeriesContext): CalendarEvent {
  const origin = originOf(event);
  const allDay = event.isAllDay === true;
  const startZone = zoneOf(event.originalStartTimeZone, origin?.startTimeZone ?? series?.zone, series?.zone ?? event.start?.timeZone);
  const endZone = zoneOf(event.originalEndTimeZone, origin?.endTimeZone ?? origin?.startTimeZone ?? series?.zone, startZone);
  const start = timeFromGraph(event.start ?? NO_TIME, startZone, allDay);
  const end = timeFromGraph(event.end ?? event.start ?? NO_TIME, endZone, allDay);
  const uid = series?.uid ?? origin?.uid ?? event.iCalUId ?? event.id;
  const model: CalendarEvent = {
    uid,
    title: event.subject ?? '',
    start,
    end,
    status: event.isCancelled ? 'cancelled' : 'confirmed',
    busy: FROM_SHOW_AS[event.showAs ?? 'busy'] ?? 'busy',
    visibility: FROM_SENSITIVITY[event.sensitivity ?? 'normal'] ?? 'default',
    attendees: (event.attendees ?? []).flatMap((a) => attendeeFrom(a, event.responseRequested) ?? []),
  };
  if (series) model.recurrenceId = recurrenceIdOf(event, series, start);
  const optional: Partial<CalendarEvent> = {
    description: descriptionOf(event.body),
    location: nonEmpty(event.location?.displayName),
    organizer: organizerFrom(event),
    reminders: remindersFrom(event),
    categories: event.categories?.length ? [...event.categories] : undefined,
    conferenceUrl: nonEmpty(event.onlineMeeting?.joinUrl ?? event.onlineMeetingUrl),
    created: utcStamp(event.createdDateTime),
    updated: utcStamp(event.lastModifiedDateTime),
  };
  if (event.recurrence && !series) {
    const context: SeriesContext = { uid, zone: startZone, start };
    optional.recurrence = {
      rrule: [recurrenceFromGraph(event.recurrence, start)],
      rdate: [],
      exdate: (event.cancelledOccurrences ?? []).flatMap((c) => cancelledOccurrence(c, context) ?? []),
    };
  }
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(model, { [key]: value });
  return model;
}

/** What the exceptions of a series master need from it: its UID, zone and start as the model has them. */
export function seriesOf(master: GraphEvent, mapped: CalendarEvent): SeriesContext {
  const zone = zoneOf(master.originalStartTimeZone, originOf(master)?.startTimeZone, master.start?.timeZone);
  return { uid: mapped.uid, zone, start: mapped.start };
}

function timeToGraph(time: EventTime, field: 'start' | 'end', lost: LostField[]): GraphDateTimeTimeZone {
  if (isAllDay(time)) return { dateTime: `${time.date}T00:00:00`, timeZone: 'UTC' };
  if (!time.timeZone) {
    lost.push({ field: 'start.timeZone', reason: `Outlook has no floating times; the ${field} ${time.dateTime} was kept as UTC` });
    return { dateTime: time.dateTime.slice(0, 19), timeZone: 'UTC' };
  }
  return { dateTime: time.dateTime.slice(0, 19), timeZone: graphZoneName(time.timeZone) };
}

const ROLE_TYPES: Record<AttendeeRole, GraphAttendee['type']> = {
  chair: 'required',
  required: 'required',
  optional: 'optional',
  'non-participant': 'optional',
};
const RESOURCE_KINDS: ReadonlySet<AttendeeKind> = new Set(['resource', 'room']);

function attendeeTo(attendee: Attendee, lost: LostField[]): GraphAttendee {
  const resource = RESOURCE_KINDS.has(attendee.kind ?? 'individual');
  if (attendee.role === 'non-participant' && !resource) {
    lost.push({ field: 'attendees', reason: `Outlook has no "for information only" attendees; ${attendee.email} was invited as optional` });
  }
  return {
    emailAddress: { address: attendee.email, ...(attendee.name ? { name: attendee.name } : {}) },
    type: resource ? 'resource' : ROLE_TYPES[attendee.role],
  };
}

function remindersTo(
  reminders: Reminder[] | undefined,
  kind: 'series' | 'instance',
  lost: LostField[],
): Pick<GraphEventWrite, 'isReminderOn' | 'reminderMinutesBeforeStart'> {
  if (reminders === undefined) {
    // An occurrence without reminders of its own keeps the series' reminder, which is what the model means.
    if (kind === 'instance') return {};
    lost.push({ field: 'reminders', reason: "Outlook has no per-calendar default reminders; the event takes the mailbox's default reminder" });
    return {};
  }
  if (reminders.length === 0) return { isReminderOn: false };
  const kept = reminders.find((r) => r.method === 'display') ?? reminders[0]!;
  for (const other of reminders.filter((r) => r !== kept)) {
    lost.push({ field: 'reminders', reason: `Outlook keeps one reminder per event; the ${other.method} reminder ${other.minutesBefore} minutes before was not kept` });
  }
  if (kept.method !== 'display') {
    lost.push({ field: 'reminders', reason: `Outlook reminders are pop-ups; the email reminder ${kept.minutesBefore} minutes before became a pop-up` });
  }
  return { isReminderOn: true, reminderMinutesBeforeStart: kept.minutesBefore };
}

function statusLoss(event: CalendarEvent, lost: LostField[]): void {
  if (event.status === 'tentative') {
    lost.push({ field: 'status', reason: 'Outlook has no tentative event status; the event was saved as confirmed' });
  } else if (event.status === 'cancelled') {
    lost.push({ field: 'status', reason: 'Outlook cannot create a cancelled event; the event was saved as confirmed' });
  }
}

export interface GraphBody {
  body: GraphEventWrite;
  lost: LostField[];
}

/**
 * Model → Graph. `series` is a whole event (single or a series master) to create; `instance` is the
 * change to one occurrence, sent in full so nothing of the master's values stays behind.
 */
export function toGraphEvent(event: CalendarEvent, kind: 'series' | 'instance'): GraphBody {
  const lost: LostField[] = [];
  const body: GraphEventWrite = {
    subject: event.title,
    start: timeToGraph(event.start, 'start', lost),
    end: timeToGraph(event.end, 'end', lost),
    isAllDay: isAllDay(event.start),
    showAs: TO_SHOW_AS[event.busy],
    sensitivity: TO_SENSITIVITY[event.visibility],
    attendees: event.attendees.map((a) => attendeeTo(a, lost)),
    ...remindersTo(event.reminders, kind, lost),
  };
  if (event.visibility === 'public') {
    lost.push({ field: 'visibility', reason: 'Outlook has no explicit public visibility; the event uses the normal (default) sensitivity' });
  }
  statusLoss(event, lost);
  if (event.description !== undefined || kind === 'instance') body.body = { contentType: 'text', content: event.description ?? '' };
  if (event.location !== undefined || kind === 'instance') body.location = { displayName: event.location ?? '' };
  if (event.categories !== undefined || kind === 'instance') body.categories = event.categories ?? [];
  if (event.organizer) body.organizer = { emailAddress: { address: event.organizer.email, ...(event.organizer.name ? { name: event.organizer.name } : {}) } };
  const rsvp = event.attendees.map((a) => a.rsvp).filter((r): r is boolean => r !== undefined);
  if (rsvp.length) body.responseRequested = rsvp.some(Boolean);
  if (kind === 'series') {
    if (event.recurrence?.rrule.length) {
      const { recurrence, lost: ruleLoss } = recurrenceToGraph(event.recurrence.rrule, event.start);
      if (recurrence) body.recurrence = recurrence;
      lost.push(...ruleLoss);
    }
    body.singleValueExtendedProperties = [originProperty(originFor(event))];
  }
  return { body, lost };
}

function originFor(event: CalendarEvent): FerryOrigin {
  const zone = (t: EventTime) => (isAllDay(t) ? undefined : t.timeZone);
  const origin: FerryOrigin = { uid: event.uid };
  if (zone(event.start)) origin.startTimeZone = zone(event.start);
  if (zone(event.end) && zone(event.end) !== zone(event.start)) origin.endTimeZone = zone(event.end);
  return origin;
}
