/**
 * The account's calendars and events, held as the JSON Google returns for them. Events of a calendar are
 * kept in creation order, which is the "unspecified, stable order" events.list uses without orderBy.
 */
import { randomBytes } from 'node:crypto';
import { GOOGLE_ACCOUNT } from '../account';
import { notFound } from '../errors';
import type { EventDateTime } from './event-times';

export interface EventReminder {
  method: string;
  minutes: number;
}

export interface EventAttendee {
  email: string;
  displayName?: string;
  organizer?: boolean;
  self?: boolean;
  resource?: boolean;
  optional?: boolean;
  responseStatus: string;
  comment?: string;
  additionalGuests?: number;
}

export interface EventResource {
  kind: 'calendar#event';
  etag: string;
  id: string;
  status: string;
  htmlLink: string;
  created: string;
  updated: string;
  summary?: string;
  description?: string;
  location?: string;
  creator: { email: string; displayName?: string; self?: boolean };
  organizer: { email: string; displayName?: string; self?: boolean };
  start: EventDateTime;
  end: EventDateTime;
  recurrence?: string[];
  recurringEventId?: string;
  originalStartTime?: EventDateTime;
  iCalUID: string;
  sequence: number;
  attendees?: EventAttendee[];
  reminders: { useDefault: boolean; overrides?: EventReminder[] };
  eventType: string;
  [field: string]: unknown;
}

export interface CalendarResource {
  kind: 'calendar#calendar';
  etag: string;
  id: string;
  summary: string;
  description?: string;
  location?: string;
  timeZone: string;
  conferenceProperties: { allowedConferenceSolutionTypes: string[] };
}

/** What only the calendar list entry holds (the user's view of a calendar). */
export interface CalendarListSettings {
  etag: string;
  colorId: string;
  backgroundColor: string;
  foregroundColor: string;
  selected: boolean;
  hidden?: boolean;
  accessRole: 'owner';
  defaultReminders: EventReminder[];
  primary?: boolean;
  summaryOverride?: string;
}

export interface CalendarRecord {
  calendar: CalendarResource;
  list: CalendarListSettings;
  events: Map<string, EventResource>;
  /** Last change to the calendar or any of its events (Events.updated). */
  updated: string;
  /** The OAuth client that created it, for the `calendar.app.created` scope. */
  createdBy?: string;
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

export const newEventId = (): string => Array.from(randomBytes(26), (b) => BASE32HEX[b % 32]).join('');

export class CalendarAccount {
  readonly calendars = new Map<string, CalendarRecord>();
  private lastStamp = 0;

  constructor(readonly now: () => number = Date.now) {
    this.reset();
  }

  /** Empties the account back to its primary calendar, as a new Google account has. */
  reset(): void {
    this.calendars.clear();
    this.addCalendar({ id: GOOGLE_ACCOUNT.email, summary: GOOGLE_ACCOUNT.email, timeZone: GOOGLE_ACCOUNT.timeZone, primary: true });
  }

  /** RFC 3339 now, with milliseconds, as Google writes `created` and `updated`. */
  timestamp(): string {
    return new Date(this.now()).toISOString();
  }

  /** A fresh etag: quoted microseconds, strictly increasing. */
  etag(): string {
    this.lastStamp = Math.max(this.now() * 1000, this.lastStamp + 1);
    return `"${this.lastStamp}"`;
  }

  addCalendar(opts: {
    id?: string;
    summary: string;
    description?: string;
    location?: string;
    timeZone?: string;
    backgroundColor?: string;
    primary?: boolean;
    createdBy?: string;
  }): CalendarRecord {
    const id = opts.id ?? `c_${newEventId()}@group.calendar.google.com`;
    const record: CalendarRecord = {
      calendar: {
        kind: 'calendar#calendar',
        etag: this.etag(),
        id,
        summary: opts.summary,
        ...(opts.description !== undefined ? { description: opts.description } : {}),
        ...(opts.location !== undefined ? { location: opts.location } : {}),
        timeZone: opts.timeZone ?? GOOGLE_ACCOUNT.timeZone,
        conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
      },
      list: {
        etag: this.etag(),
        colorId: opts.primary ? '14' : '7',
        backgroundColor: opts.backgroundColor ?? (opts.primary ? '#9fe1e7' : '#42d692'),
        foregroundColor: '#000000',
        selected: true,
        accessRole: 'owner',
        defaultReminders: opts.primary ? [{ method: 'popup', minutes: 10 }] : [],
        ...(opts.primary ? { primary: true } : {}),
      },
      events: new Map(),
      updated: this.timestamp(),
      ...(opts.createdBy ? { createdBy: opts.createdBy } : {}),
    };
    this.calendars.set(id, record);
    return record;
  }

  /** `primary` names the account's own calendar, as in every Calendar API path. */
  resolve(calendarId: string): CalendarRecord {
    const record = this.calendars.get(calendarId === 'primary' ? GOOGLE_ACCOUNT.email : calendarId);
    if (!record) throw notFound();
    return record;
  }

  touch(record: CalendarRecord): void {
    record.updated = this.timestamp();
  }

  findByICalUID(record: CalendarRecord, iCalUID: string): EventResource | undefined {
    for (const event of record.events.values()) if (event.iCalUID === iCalUID && !event.recurringEventId) return event;
    return undefined;
  }
}

/** The link Google gives to open an event in its web UI. */
export const htmlLinkFor = (eventId: string, calendarId: string): string =>
  `https://www.google.com/calendar/event?eid=${Buffer.from(`${eventId} ${calendarId}`).toString('base64url')}`;
