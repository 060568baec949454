/**
 * The canonical calendar account every calendar adapter must carry: every model field, all-day and timed
 * events in several zones, series with overrides, cancelled instances (EXDATE) and extra dates (RDATE).
 */
import type { CalendarEvent } from '../../model/calendar';

export interface SeedCalendar {
  name: string;
  /** Fills the provider's own default calendar (Google's primary, Outlook's "Calendar"). */
  isDefault?: boolean;
  timeZone?: string;
  description?: string;
  events: CalendarEvent[];
}

type Defaults = Pick<CalendarEvent, 'status' | 'busy' | 'visibility' | 'attendees'>;
const defaults = (): Defaults => ({ status: 'confirmed', busy: 'busy', visibility: 'default', attendees: [] });

const berlin = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Berlin' });
const newYork = (dateTime: string) => ({ dateTime, timeZone: 'America/New_York' });

const kickoff: CalendarEvent = {
  ...defaults(),
  uid: 'kickoff-2025@ferry.test',
  title: 'Project kickoff',
  description: 'Agenda:\n1. Goals\n2. Timeline, owners & risks',
  location: 'Room 4.12, Alexanderplatz 1, Berlin',
  start: berlin('2025-02-10T14:00:00'),
  end: berlin('2025-02-10T15:30:00'),
  organizer: { email: 'carol@example.org', name: 'Carol Organizer' },
  attendees: [
    { email: 'dave@example.org', name: 'Dave Required', role: 'required', status: 'accepted', kind: 'individual', rsvp: true },
    { email: 'erin@example.org', name: 'Erin Optional', role: 'optional', status: 'tentative', kind: 'individual', rsvp: true, comment: 'May join late' },
    { email: 'room-412@example.org', name: 'Room 4.12', role: 'non-participant', status: 'accepted', kind: 'room' },
  ],
  reminders: [
    { minutesBefore: 15, method: 'display' },
    { minutesBefore: 1440, method: 'email' },
  ],
  categories: ['Planning', 'Team'],
  url: 'https://example.org/projects/kickoff',
  conferenceUrl: 'https://meet.example.org/abc-defg-hij',
  created: '2024-11-02T10:15:00Z',
  updated: '2025-01-10T08:00:00Z',
  sequence: 2,
};

const holiday: CalendarEvent = {
  ...defaults(),
  uid: 'holiday-2025@ferry.test',
  title: 'Ski holiday',
  start: { date: '2025-02-24' },
  end: { date: '2025-03-01' },
  busy: 'oof',
  visibility: 'private',
  reminders: [],
};

const dentist: CalendarEvent = {
  ...defaults(),
  uid: 'dentist-2025@ferry.test',
  title: 'Dentist',
  location: 'Praxis Dr. Weiß',
  start: { date: '2025-04-03' },
  end: { date: '2025-04-04' },
  busy: 'free',
  visibility: 'confidential',
};

const standup: CalendarEvent = {
  ...defaults(),
  uid: 'standup-series@ferry.test',
  title: 'Team sync',
  start: berlin('2025-03-03T09:00:00'),
  end: berlin('2025-03-03T09:30:00'),
  recurrence: {
    rrule: ['FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10'],
    rdate: [],
    exdate: [berlin('2025-03-05T09:00:00')],
  },
  reminders: [{ minutesBefore: 10, method: 'display' }],
};

const standupMoved: CalendarEvent = {
  ...defaults(),
  uid: standup.uid,
  recurrenceId: berlin('2025-03-10T09:00:00'),
  title: 'Team sync (moved)',
  start: berlin('2025-03-10T10:00:00'),
  end: berlin('2025-03-10T10:45:00'),
  reminders: [{ minutesBefore: 10, method: 'display' }],
};

const standupElsewhere: CalendarEvent = {
  ...defaults(),
  uid: standup.uid,
  recurrenceId: berlin('2025-03-31T09:00:00'),
  title: 'Team sync (in Room 2)',
  location: 'Room 2',
  start: berlin('2025-03-31T09:00:00'),
  end: berlin('2025-03-31T09:30:00'),
  reminders: [{ minutesBefore: 10, method: 'display' }],
};

const birthday: CalendarEvent = {
  ...defaults(),
  uid: 'birthday-frank@ferry.test',
  title: "Frank's birthday",
  start: { date: '2025-06-14' },
  end: { date: '2025-06-15' },
  busy: 'free',
  recurrence: { rrule: ['FREQ=YEARLY'], rdate: [], exdate: [{ date: '2026-06-14' }] },
};

const utcCall: CalendarEvent = {
  ...defaults(),
  uid: 'utc-call@ferry.test',
  title: 'Call with Tokyo office',
  start: { dateTime: '2025-05-06T23:00:00', timeZone: 'UTC' },
  end: { dateTime: '2025-05-07T00:00:00', timeZone: 'UTC' },
  status: 'tentative',
  busy: 'tentative',
  visibility: 'public',
};

const bookClub: CalendarEvent = {
  ...defaults(),
  uid: 'book-club@ferry.test',
  title: 'Book club',
  location: 'Library, 5th Ave',
  start: newYork('2025-04-10T19:00:00'),
  end: newYork('2025-04-10T21:00:00'),
  recurrence: {
    rrule: ['FREQ=MONTHLY;BYDAY=2TH;COUNT=6'],
    rdate: [newYork('2025-05-22T19:00:00')],
    exdate: [newYork('2025-06-12T19:00:00')],
  },
};

const commute: CalendarEvent = {
  ...defaults(),
  uid: 'commute-series@ferry.test',
  title: 'Early shift',
  start: newYork('2025-04-01T07:30:00'),
  end: newYork('2025-04-01T08:15:00'),
  busy: 'working-elsewhere',
  recurrence: { rrule: ['FREQ=DAILY;INTERVAL=2;UNTIL=20250430T113000Z'], rdate: [], exdate: [] },
};

const review: CalendarEvent = {
  ...defaults(),
  uid: 'quarterly-review@ferry.test',
  title: 'Quarterly review',
  description: 'Numbers first, then questions.',
  start: newYork('2025-03-27T13:00:00'),
  end: newYork('2025-03-27T14:00:00'),
  attendees: [{ email: 'grace@example.org', role: 'required', status: 'needs-action', kind: 'individual', rsvp: true }],
  categories: ['Finance'],
};

export const CANONICAL_CALENDARS: readonly SeedCalendar[] = [
  {
    name: 'Alice',
    isDefault: true,
    timeZone: 'Europe/Berlin',
    events: [kickoff, holiday, dentist, standup, standupMoved, standupElsewhere, birthday, utcCall],
  },
  {
    name: 'Work',
    timeZone: 'America/New_York',
    description: 'Shifts and reviews',
    events: [bookClub, commute, review],
  },
] as SeedCalendar[];

/** A default calendar of `count` plain events, for paging. */
export function pagingCalendar(count: number): SeedCalendar {
  const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const events = Array.from({ length: count }, (_, i): CalendarEvent => ({
    ...defaults(),
    uid: `paging-${String(i).padStart(5, '0')}@ferry.test`,
    title: `Paging event ${i}`,
    start: { dateTime: `${day(i)}T12:00:00`, timeZone: 'UTC' },
    end: { dateTime: `${day(i)}T12:30:00`, timeZone: 'UTC' },
  }));
  return { name: 'Alice', isDefault: true, timeZone: 'UTC', events };
}
