/**
 * The Calendar API's JSON, as far as Ferry reads or writes it (schemas of the discovery document
 * calendar-v3.json: Event, EventDateTime, EventAttendee, EventReminder, CalendarListEntry, Calendar).
 */

export interface GoogleDateTime {
  /** `yyyy-mm-dd`, for all-day events. */
  date?: string;
  /** RFC 3339; the offset may be left out only when `timeZone` is given. */
  dateTime?: string;
  /** IANA name; required for recurring events. */
  timeZone?: string;
}

export interface GoogleAttendee {
  email?: string;
  displayName?: string;
  optional?: boolean;
  resource?: boolean;
  /** `needsAction` | `declined` | `tentative` | `accepted` */
  responseStatus?: string;
  comment?: string;
  /** Read-only. */
  organizer?: boolean;
  /** Read-only. */
  self?: boolean;
}

export interface GoogleReminder {
  /** `email` | `popup` */
  method?: string;
  minutes?: number;
}

export interface GoogleEvent {
  id?: string;
  iCalUID?: string;
  /** `confirmed` | `tentative` | `cancelled` */
  status?: string;
  summary?: string;
  description?: string;
  location?: string;
  start?: GoogleDateTime;
  end?: GoogleDateTime;
  /** RRULE, EXRULE, RDATE and EXDATE lines (RFC 5545), no DTSTART. */
  recurrence?: string[];
  recurringEventId?: string;
  originalStartTime?: GoogleDateTime;
  /** `opaque` | `transparent` */
  transparency?: string;
  /** `default` | `public` | `private` | `confidential` */
  visibility?: string;
  organizer?: { email?: string; displayName?: string; self?: boolean };
  attendees?: GoogleAttendee[];
  reminders?: { useDefault?: boolean; overrides?: GoogleReminder[] };
  created?: string;
  updated?: string;
  sequence?: number;
  hangoutLink?: string;
  conferenceData?: { entryPoints?: { entryPointType?: string; uri?: string }[] };
  source?: { url?: string; title?: string };
  colorId?: string;
  /** `default` | `birthday` | `focusTime` | `fromGmail` | `outOfOffice` | `workingLocation` */
  eventType?: string;
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
}

export interface GoogleEventList {
  items?: GoogleEvent[];
  nextPageToken?: string;
  /** The calendar's zone, in which moments without their own `timeZone` are meant. */
  timeZone?: string;
}

export interface GoogleCalendarListEntry {
  id: string;
  summary?: string;
  summaryOverride?: string;
  description?: string;
  timeZone?: string;
  backgroundColor?: string;
  primary?: boolean;
  /** `freeBusyReader` | `reader` | `writer` | `owner` */
  accessRole?: string;
}

export interface GoogleCalendarList {
  items?: GoogleCalendarListEntry[];
  nextPageToken?: string;
}

export interface GoogleCalendar {
  id: string;
  summary?: string;
  description?: string;
  timeZone?: string;
}
