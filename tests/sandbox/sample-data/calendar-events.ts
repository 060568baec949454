/**
 * The kinds of event a sample calendar holds, each a function from a seeded random source to one event
 * or a recurring series (master plus overridden instances). Occurrences come from ical.js, so every
 * RECURRENCE-ID and EXDATE names a real instance of its series.
 */
import ICAL from 'ical.js';
import type { Attendee, BusyStatus, CalendarEvent, EventTime, Reminder } from '../../../model/calendar';
import { formatDate, formatDateTime } from '../../../model/ics-vocabulary';
import type { SeededRandom } from './random';

export const SAMPLE_ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Sydney', 'UTC'] as const;
type Zone = (typeof SAMPLE_ZONES)[number];

export interface EventSeed {
  rnd: SeededRandom;
  uid: string;
  /** Fixed zone for kinds that take one (the coverage pass sets it); otherwise random. */
  zone?: Zone;
}
export type EventKind = (seed: EventSeed) => CalendarEvent[];

const OWNER = { email: 'alice@example.com', name: 'Alice Example' };
const PEOPLE: readonly Omit<Attendee, 'role' | 'status'>[] = [
  { email: 'bob@example.net', name: 'Bob Builder' },
  { email: 'zoe.mueller@example.de', name: 'Zoë Müller' },
  { email: 'jose.alvarez@example.es', name: 'José Álvarez' },
  { email: 'hanako.tanaka@example.jp', name: '田中 花子' },
  { email: 'soren@example.dk', name: 'Søren Kierkegaard' },
  { email: 'team-platform@example.com', name: 'Platform team', kind: 'group' },
  { email: 'priya@example.in' },
];
const ROOM: Omit<Attendee, 'role' | 'status'> = { email: 'room-berlin-3@resource.example.com', name: 'Berlin · Room 3', kind: 'room' };
const LOCATIONS = ['Berlin office, Room 3', 'Café Einstein, Unter den Linden 42', '東京オフィス 5F', 'Sydney Opera House', 'Zoom', 'Home'];
const REMINDER_SETS: readonly (Reminder[] | undefined)[] = [
  undefined,
  [{ minutesBefore: 10, method: 'display' }],
  [
    { minutesBefore: 15, method: 'display' },
    { minutesBefore: 1440, method: 'email' },
  ],
  [{ minutesBefore: 0, method: 'display' }],
  [{ minutesBefore: 60, method: 'email' }],
];

/** Day 0 of the sample year. Times are civil (wall clock) and computed on UTC dates to stay zone-free. */
const ANCHOR = Date.UTC(2025, 8, 1);
const DAY = 86_400_000;

const civil = (ms: number) => new Date(ms);
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const dateTime = (d: Date, minutes: number) => `${ymd(d)}T${civilTime(minutes)}`;
const civilTime = (minutes: number) =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
const addDays = (d: Date, days: number) => civil(d.getTime() + days * DAY);
/** The first day on or after `d` that falls on `weekday` (0 = Sunday). */
const nextWeekday = (d: Date, weekday: number) => addDays(d, (weekday - d.getUTCDay() + 7) % 7);
const utcUntil = (d: Date) => `${ymd(d).replaceAll('-', '')}T235959Z`;

function timed(d: Date, startMinutes: number, durationMinutes: number, zone: Zone): Pick<CalendarEvent, 'start' | 'end'> {
  const end = startMinutes + durationMinutes;
  return {
    start: { dateTime: dateTime(d, startMinutes), timeZone: zone },
    end: { dateTime: dateTime(addDays(d, Math.floor(end / 1440)), end % 1440), timeZone: zone },
  };
}

function stamps(rnd: SeededRandom): Pick<CalendarEvent, 'created' | 'updated' | 'sequence'> {
  const created = ANCHOR - rnd.int(10, 200) * DAY + rnd.int(0, 86_399) * 1000;
  const updated = created + rnd.int(0, 30) * DAY + rnd.int(0, 86_399) * 1000;
  const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
  return { created: iso(created), updated: iso(updated), sequence: rnd.int(0, 3) };
}

function attendees(rnd: SeededRandom, count: number, withRoom = false): Attendee[] {
  const people: Attendee[] = rnd.sample(PEOPLE, count).map((person, i) => {
    const status = rnd.pick(['accepted', 'accepted', 'declined', 'tentative', 'needs-action'] as const);
    return {
      ...person,
      role: i === 0 && rnd.chance(0.2) ? 'chair' : rnd.chance(0.25) ? 'optional' : 'required',
      status,
      rsvp: status === 'needs-action',
    };
  });
  return withRoom ? [...people, { ...ROOM, role: 'non-participant', status: 'accepted' }] : people;
}

function meetingLink(rnd: SeededRandom): string {
  const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + rnd.int(0, 25))).join('');
  return rnd.chance(0.5)
    ? `https://meet.google.com/${letters(3)}-${letters(4)}-${letters(3)}`
    : `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${letters(16)}%40thread.v2/0`;
}

function base(seed: EventSeed, title: string, busy: BusyStatus = 'busy'): Omit<CalendarEvent, 'start' | 'end'> {
  const { rnd } = seed;
  const tentative = rnd.chance(0.1);
  return {
    uid: seed.uid,
    title,
    status: tentative ? 'tentative' : 'confirmed',
    busy: tentative && busy === 'busy' ? 'tentative' : busy,
    visibility: rnd.pick(['default', 'default', 'default', 'private', 'public', 'confidential'] as const),
    attendees: [],
    ...stamps(rnd),
    ...optional('reminders', rnd.pick(REMINDER_SETS)),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** Instances of a series, as ical.js expands them, in the zone (or as dates) of `start`. */
function occurrences(start: EventTime, rrule: string, limit: number): EventTime[] {
  const dtstart = 'date' in start ? ICAL.Time.fromDateString(start.date) : ICAL.Time.fromDateTimeString(start.dateTime);
  const iterator = ICAL.Recur.fromString(rrule).iterator(dtstart);
  const out: EventTime[] = [];
  for (let next = iterator.next(); next && out.length < limit; next = iterator.next()) {
    out.push('date' in start ? { date: formatDate(next) } : { dateTime: formatDateTime(next), timeZone: start.timeZone! });
  }
  return out;
}

/** `t` moved by wall-clock minutes (whole days for a date). */
const shift = (t: EventTime, minutes: number): EventTime => {
  const moved = new Date(instant(t) + minutes * 60_000).toISOString();
  return 'date' in t ? { date: moved.slice(0, 10) } : { dateTime: moved.slice(0, 19), timeZone: t.timeZone! };
};

/**
 * A series with `exdates` cancelled instances and `overrides` changed ones (new time, title or location),
 * chosen among the first instances so they lie well before any UNTIL. A moved instance stays before the
 * next one: Graph refuses to move an occurrence past its neighbour (ErrorOccurrenceCrossingBoundary).
 */
function series(seed: EventSeed, master: CalendarEvent, counts: { exdates: number; overrides: number }): CalendarEvent[] {
  const { rnd } = seed;
  const rule = master.recurrence!.rrule[0]!;
  const picked = rnd.sample(occurrences(master.start, rule, 10).slice(1), counts.exdates + counts.overrides);
  master.recurrence!.exdate = picked.slice(0, counts.exdates);
  const moves = rule.startsWith('FREQ=DAILY') ? [60, -60] : [60, 120, -60, 1440];
  const { recurrence: _series, ...fields } = master;
  const overrides = picked.slice(counts.exdates).map((instance, i): CalendarEvent => {
    const start = 'date' in instance ? instance : shift(instance, rnd.pick(moves));
    return {
      ...fields,
      recurrenceId: instance,
      start,
      end: shift(start, minutesBetween(master.start, master.end)),
      title: i % 2 === 0 ? `${master.title} (moved)` : master.title,
      ...(i % 2 === 1 ? { location: rnd.pick(LOCATIONS) } : {}),
      sequence: (master.sequence ?? 0) + 1,
    };
  });
  return [master, ...overrides];
}

const instant = (t: EventTime): number => Date.parse('date' in t ? `${t.date}T00:00:00Z` : `${t.dateTime}Z`);
const minutesBetween = (a: EventTime, b: EventTime): number => (instant(b) - instant(a)) / 60_000;

const zoneOf = (seed: EventSeed): Zone => seed.zone ?? seed.rnd.pick(SAMPLE_ZONES);
const someDay = (rnd: SeededRandom, spread = 360) => addDays(civil(ANCHOR), rnd.int(0, spread));

export const meeting: EventKind = (seed) => {
  const { rnd } = seed;
  const d = someDay(rnd);
  const topic = rnd.pick(['Design review', 'Quarterly planning', 'Budget sync', 'Interview: backend', 'Customer call — Müller GmbH']);
  return [
    {
      ...base(seed, topic),
      ...timed(d, rnd.int(8, 17) * 60 + rnd.pick([0, 15, 30, 45]), rnd.pick([30, 45, 60, 90]), zoneOf(seed)),
      description: `Agenda:\n• Status\n• Risks & next steps\n\nNotes: https://example.com/notes/${rnd.int(100, 999)}`,
      location: rnd.pick(LOCATIONS),
      organizer: rnd.chance(0.7) ? OWNER : { ...rnd.pick(PEOPLE) },
      attendees: attendees(rnd, rnd.int(1, 4), rnd.chance(0.2)),
      categories: ['Meetings'],
      conferenceUrl: meetingLink(rnd),
    },
  ];
};

export const appointment: EventKind = (seed) => {
  const { rnd } = seed;
  const what = rnd.pick(['Dentist', 'Haircut', 'Yoga', 'Call with Mum', 'Piano lesson', 'Car service']);
  return [
    {
      ...base(seed, what),
      ...timed(someDay(rnd), rnd.int(7, 19) * 60 + rnd.pick([0, 30]), rnd.pick([30, 60, 120]), zoneOf(seed)),
      ...optional('location', rnd.chance(0.6) ? rnd.pick(LOCATIONS) : undefined),
      ...optional('url', rnd.chance(0.3) ? `https://booking.example.com/a/${rnd.int(1000, 9999)}` : undefined),
    },
  ];
};

export const flight: EventKind = (seed) => {
  const d = someDay(seed.rnd);
  return [
    {
      ...base(seed, 'Flight LH 716 Frankfurt → Tokyo Haneda'),
      start: { dateTime: dateTime(d, 13 * 60 + 25), timeZone: 'Europe/Berlin' },
      end: { dateTime: dateTime(addDays(d, 1), 8 * 60 + 20), timeZone: 'Asia/Tokyo' },
      location: 'Frankfurt Airport (FRA), Terminal 1',
      description: 'Booking reference: XK7Q2P\nSeat 34K · Gepäck: 1 × 23 kg',
      categories: ['Travel'],
      url: 'https://www.lufthansa.com/',
    },
  ];
};

export const allDay: EventKind = (seed) => {
  const d = someDay(seed.rnd);
  const title = seed.rnd.pick(['Bin day 🗑️', 'Public holiday', 'Deadline: tax return', 'Pay rent', 'Conference day 1']);
  return [{ ...base(seed, title, 'free'), start: { date: ymd(d) }, end: { date: ymd(addDays(d, 1)) } }];
};

export const multiDay: EventKind = (seed) => {
  const { rnd } = seed;
  const d = someDay(rnd);
  const [title, busy] = rnd.pick([
    ['Vacation in Lisbon 🌴', 'oof'],
    ['Working from the Sydney office', 'working-elsewhere'],
    ['Kids at grandma’s', 'free'],
    ['Offsite — Schloss Elmau', 'busy'],
  ] as const);
  return [
    {
      ...base(seed, title, busy),
      start: { date: ymd(d) },
      end: { date: ymd(addDays(d, rnd.int(2, 7))) },
      description: 'Out of office.\nFür Dringendes: bob@example.net',
      categories: ['Travel', 'Personal'],
    },
  ];
};

export const dailyCount: EventKind = (seed) => {
  const { rnd } = seed;
  const master: CalendarEvent = {
    ...base(seed, rnd.pick(['Morning run', 'Medication', 'Duolingo: 日本語'])),
    ...timed(someDay(rnd, 300), rnd.int(6, 8) * 60, 30, zoneOf(seed)),
    recurrence: { rrule: [`FREQ=DAILY;COUNT=${rnd.int(10, 30)}`], rdate: [], exdate: [] },
  };
  return series(seed, master, { exdates: 1, overrides: rnd.int(0, 1) });
};

export const weeklyStandup: EventKind = (seed) => {
  const { rnd } = seed;
  const monday = nextWeekday(someDay(rnd, 240), 1);
  const master: CalendarEvent = {
    ...base(seed, 'Team stand-up'),
    ...timed(monday, 9 * 60 + 30, 15, zoneOf(seed)),
    recurrence: { rrule: [`FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=${utcUntil(addDays(monday, 7 * rnd.int(8, 16)))}`], rdate: [], exdate: [] },
    location: 'Berlin office, Room 3',
    organizer: OWNER,
    attendees: attendees(rnd, 3),
    conferenceUrl: meetingLink(rnd),
    categories: ['Meetings'],
  };
  return series(seed, master, { exdates: 2, overrides: 2 });
};

export const biweeklyOneOnOne: EventKind = (seed) => {
  const { rnd } = seed;
  const thursday = nextWeekday(someDay(rnd, 240), 4);
  const master: CalendarEvent = {
    ...base(seed, '1:1 Alice / Bob'),
    ...timed(thursday, 14 * 60, 30, zoneOf(seed)),
    recurrence: { rrule: ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=12'], rdate: [], exdate: [] },
    organizer: OWNER,
    attendees: [{ ...PEOPLE[0]!, role: 'required', status: 'accepted' }],
  };
  return series(seed, master, { exdates: 1, overrides: 1 });
};

export const monthlyByMonthDay: EventKind = (seed) => {
  const d = someDay(seed.rnd, 200);
  const fifteenth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 15));
  const master: CalendarEvent = {
    ...base(seed, 'Pay credit card', 'free'),
    ...timed(fifteenth, 18 * 60, 15, zoneOf(seed)),
    recurrence: { rrule: ['FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12'], rdate: [], exdate: [] },
    url: 'https://bank.example.com/cards',
  };
  return series(seed, master, { exdates: 1, overrides: 0 });
};

export const monthEndReview: EventKind = (seed) => {
  const { rnd } = seed;
  const d = someDay(rnd, 200);
  let last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  while (last.getUTCDay() === 0 || last.getUTCDay() === 6) last = addDays(last, -1);
  const master: CalendarEvent = {
    ...base(seed, 'Month-end review'),
    ...timed(last, 16 * 60, 60, zoneOf(seed)),
    recurrence: {
      rrule: [`FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;UNTIL=${utcUntil(addDays(last, 300))}`],
      rdate: [],
      exdate: [],
    },
    organizer: OWNER,
    attendees: attendees(rnd, 2),
    description: 'Close the books.\nChecklist: https://example.com/month-end',
  };
  return series(seed, master, { exdates: 1, overrides: 1 });
};

export const yearlyBirthday: EventKind = (seed) => {
  const { rnd } = seed;
  const d = someDay(rnd);
  const person = rnd.pick(PEOPLE.filter((p) => p.name && !p.kind));
  return [
    {
      ...base(seed, `🎂 ${person.name}’s birthday`, 'free'),
      start: { date: ymd(d) },
      end: { date: ymd(addDays(d, 1)) },
      recurrence: { rrule: ['FREQ=YEARLY'], rdate: [], exdate: [] },
      visibility: 'private',
      categories: ['Birthdays'],
      reminders: [{ minutesBefore: 1440, method: 'email' }],
    },
  ];
};

export const yearlyUntil: EventKind = (seed) => {
  const d = someDay(seed.rnd);
  const master: CalendarEvent = {
    ...base(seed, 'School summer fête', 'free'),
    start: { date: ymd(d) },
    end: { date: ymd(addDays(d, 1)) },
    recurrence: { rrule: [`FREQ=YEARLY;UNTIL=${ymd(addDays(d, 365 * 12)).replaceAll('-', '')}`], rdate: [], exdate: [] },
    location: 'Grundschule am Park',
    categories: ['School'],
  };
  return series(seed, master, { exdates: 1, overrides: 1 });
};
