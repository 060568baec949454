/**
 * Calendar events, on iCalendar (RFC 5545): one model event is one VEVENT. A recurring series is its
 * master (with RRULE/RDATE/EXDATE) plus one event per overridden instance carrying `recurrenceId`;
 * a cancelled instance of a series is an EXDATE on the master, not an event (an override with status
 * 'cancelled', as Google reports one, means the same and is allowed too).
 * ical.js does all parsing and writing of iCalendar text (see calendar-ics.ts).
 */

/** All-day: a calendar date. */
export interface DateValue {
  date: string; // YYYY-MM-DD
}
/**
 * A moment as wall-clock time in a named zone. `timeZone` is an IANA name, or 'UTC'; absent means a
 * floating time (no zone, RFC 5545 §3.3.5 form 1).
 */
export interface DateTimeValue {
  dateTime: string; // YYYY-MM-DDTHH:mm:ss, no offset
  timeZone?: string;
}
export type EventTime = DateValue | DateTimeValue;

export const isAllDay = (t: EventTime): t is DateValue => 'date' in t;

export type ParticipationStatus = 'needs-action' | 'accepted' | 'declined' | 'tentative' | 'delegated';
export type AttendeeRole = 'chair' | 'required' | 'optional' | 'non-participant';
export type AttendeeKind = 'individual' | 'group' | 'resource' | 'room' | 'unknown';

export interface Attendee {
  email: string;
  name?: string;
  role: AttendeeRole;
  status: ParticipationStatus;
  kind?: AttendeeKind;
  rsvp?: boolean;
  comment?: string;
}

export interface Organizer {
  email: string;
  name?: string;
}

export interface Reminder {
  /** Minutes before the start (VALARM TRIGGER -PTnM). */
  minutesBefore: number;
  method: 'display' | 'email';
}

/** Free/busy as the person sees it: TRANSP plus Microsoft's richer X-MICROSOFT-CDO-BUSYSTATUS. */
export type BusyStatus = 'busy' | 'free' | 'tentative' | 'oof' | 'working-elsewhere';
export type Visibility = 'default' | 'public' | 'private' | 'confidential';
export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';

export interface Recurrence {
  /** RRULE values without the `RRULE:` prefix, e.g. `FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20250101T000000Z`. */
  rrule: string[];
  rdate: EventTime[];
  exdate: EventTime[];
}

export interface CalendarEvent {
  /** iCalendar UID, kept across every provider: the stable key for reconciliation. */
  uid: string;
  /** For an overridden instance: the original start of the instance it replaces. */
  recurrenceId?: EventTime;
  title: string;
  description?: string;
  location?: string;
  start: EventTime;
  /** Exclusive end (DTEND); DURATION is converted to an end on import. */
  end: EventTime;
  recurrence?: Recurrence;
  status: EventStatus;
  busy: BusyStatus;
  visibility: Visibility;
  organizer?: Organizer;
  attendees: Attendee[];
  /** undefined: the calendar's default reminders; []: explicitly none. */
  reminders?: Reminder[];
  categories?: string[];
  url?: string;
  /** Online meeting link (Google Meet, Teams). */
  conferenceUrl?: string;
  /** RFC 3339 UTC. */
  created?: string;
  updated?: string;
  sequence?: number;
}

/**
 * Field paths an importer can declare in `fields`, and which the engine checks on each item
 * (a path counts as present when its value is set and not empty).
 */
export const CALENDAR_FIELDS = [
  'uid',
  'recurrenceId',
  'title',
  'description',
  'location',
  'start',
  'end',
  'start.timeZone',
  'recurrence.rrule',
  'recurrence.rdate',
  'recurrence.exdate',
  'status',
  'busy',
  'visibility',
  'organizer',
  'attendees',
  'attendees.status',
  'attendees.comment',
  'reminders',
  'categories',
  'url',
  'conferenceUrl',
  'created',
  'updated',
  'sequence',
] as const;
export type CalendarField = (typeof CALENDAR_FIELDS)[number];
