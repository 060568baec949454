/**
 * A deterministic sample account's calendars in the archive layout: `<dir>/calendar/primary.ics` (the
 * provider's default calendar), `Work.ics` and `Family.ics`, written with ical.js through the model.
 * Same seed, same bytes. Run alone: `npx tsx tests/sandbox/sample-data/calendar.ts OUTDIR [EVENTS] [SEED]`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CalendarEvent } from '../../../model/calendar';
import { writeCalendarFile, type CalendarFileInfo } from '../../../model/calendar-ics';
import * as kinds from './calendar-events';
import { SAMPLE_ZONES, type EventKind, type EventSeed } from './calendar-events';
import { SeededRandom } from './random';

type SampleCalendar = 'primary' | 'Work' | 'Family';

const CALENDARS: Record<SampleCalendar, CalendarFileInfo> = {
  primary: { name: 'Calendar', description: 'Alice’s own calendar', timeZone: 'America/New_York', color: '#4285f4' },
  Work: { name: 'Work', description: 'Meetings, reviews and travel — Büro Berlin', timeZone: 'Europe/Berlin', color: '#0b8043' },
  Family: { name: 'Family', description: 'Birthdays, school and holidays 👨‍👩‍👧', timeZone: 'Australia/Sydney', color: '#e67c73' },
};

/** Which kinds each calendar draws from at random, after the coverage pass. */
const MIX: Record<SampleCalendar, EventKind[]> = {
  primary: [kinds.appointment, kinds.appointment, kinds.meeting, kinds.allDay, kinds.multiDay, kinds.dailyCount, kinds.monthlyByMonthDay],
  Work: [kinds.meeting, kinds.meeting, kinds.meeting, kinds.weeklyStandup, kinds.biweeklyOneOnOne, kinds.monthEndReview, kinds.flight],
  Family: [kinds.appointment, kinds.allDay, kinds.multiDay, kinds.yearlyBirthday, kinds.yearlyUntil],
};
const SHARE: [SampleCalendar, number][] = [
  ['primary', 0.45],
  ['Work', 0.35],
  ['Family', 0.2],
];

/** One of every kind first (timed events once per zone), so even a small account covers every feature. */
const COVERAGE: [SampleCalendar, EventKind, Partial<EventSeed>?][] = [
  ...SAMPLE_ZONES.map((zone): [SampleCalendar, EventKind, Partial<EventSeed>] => ['primary', kinds.appointment, { zone }]),
  ['Work', kinds.meeting, { zone: 'Europe/Berlin' }],
  ['Work', kinds.weeklyStandup, { zone: 'Europe/Berlin' }],
  ['Work', kinds.biweeklyOneOnOne, { zone: 'America/New_York' }],
  ['Work', kinds.monthEndReview, { zone: 'Asia/Tokyo' }],
  ['Work', kinds.flight],
  ['primary', kinds.allDay],
  ['primary', kinds.multiDay],
  ['primary', kinds.dailyCount, { zone: 'Australia/Sydney' }],
  ['primary', kinds.monthlyByMonthDay, { zone: 'UTC' }],
  ['Family', kinds.yearlyBirthday],
  ['Family', kinds.yearlyUntil],
];

export interface SampleCalendarOptions {
  /** VEVENTs to write in all (masters, overridden instances and single events); default 320. */
  events?: number;
  seed?: number;
}

export async function writeSampleCalendars(dir: string, opts: SampleCalendarOptions = {}): Promise<{ files: string[]; eventCount: number }> {
  const byCalendar = sampleEvents(opts.events ?? 320, opts.seed ?? 1);
  const folder = join(resolve(dir), 'calendar');
  await mkdir(folder, { recursive: true });
  const files: string[] = [];
  for (const [calendar, events] of Object.entries(byCalendar) as [SampleCalendar, CalendarEvent[]][]) {
    const file = join(folder, `${calendar}.ics`);
    await writeFile(file, writeCalendarFile(CALENDARS[calendar], events), 'utf8');
    files.push(file);
  }
  return { files, eventCount: Object.values(byCalendar).reduce((n, events) => n + events.length, 0) };
}

/** The sample events by calendar: exactly `total` VEVENTs (a series never overflows it; a single event fills in). */
export function sampleEvents(total: number, seed: number): Record<SampleCalendar, CalendarEvent[]> {
  const rnd = new SeededRandom(seed);
  const byCalendar: Record<SampleCalendar, CalendarEvent[]> = { primary: [], Work: [], Family: [] };
  let count = 0;
  // Twins (same calendar, title and start) are re-drawn: a round trip to a provider that assigns its
  // own UIDs is checked by what a person sees, and twins would be indistinguishable there.
  const seen = new Set<string>();
  const looks = (calendar: SampleCalendar, e: CalendarEvent) =>
    `${calendar}|${e.title}|${JSON.stringify(e.recurrenceId ?? e.start)}|${e.recurrenceId ? 'instance' : ''}`;
  const add = (calendar: SampleCalendar, kind: EventKind, extra: Partial<EventSeed> = {}) => {
    const uid = `sample-${seed}-${String(count).padStart(4, '0')}@ferry.example`;
    let events = kind({ rnd, uid, ...extra });
    for (let redraw = 0; redraw < 20 && events.some((e) => seen.has(looks(calendar, e))); redraw++) {
      events = kind({ rnd, uid, ...extra });
    }
    if (events.length > total - count) events = kinds.appointment({ rnd, uid });
    for (const e of events) seen.add(looks(calendar, e));
    byCalendar[calendar].push(...events);
    count += events.length;
  };
  for (const [calendar, kind, extra] of COVERAGE) if (count < total) add(calendar, kind, extra);
  while (count < total) {
    const calendar = pickCalendar(rnd);
    add(calendar, rnd.pick(MIX[calendar]));
  }
  return byCalendar;
}

function pickCalendar(rnd: SeededRandom): SampleCalendar {
  let roll = rnd.next();
  for (const [calendar, share] of SHARE) if ((roll -= share) < 0) return calendar;
  return 'primary';
}

async function main(argv: string[]): Promise<void> {
  const [dir, events, seed] = argv;
  if (!dir) throw new Error('usage: npx tsx tests/sandbox/sample-data/calendar.ts OUTDIR [EVENTS] [SEED]');
  const result = await writeSampleCalendars(dir, {
    ...(events ? { events: Number(events) } : {}),
    ...(seed ? { seed: Number(seed) } : {}),
  });
  console.log(`${result.eventCount} events in ${result.files.join(', ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
