/**
 * A calendar resource (RFC 4791 §4.1: one UID per resource, a series' master and its overrides together)
 * ↔ model events. iCalendar is the model's own format, so the codecs in model/ do all reading and writing.
 */
import type { LostField } from '../../../model/adapter';
import type { CalendarEvent, EventTime } from '../../../model/calendar';
import { parseCalendarFile, writeCalendarFile } from '../../../model/calendar-ics';

/** The events of one resource, with what could not be read (named, never dropped silently). */
export function eventsOfResource(text: string): { events: CalendarEvent[]; problems: string[] } {
  const { events, problems } = parseCalendarFile(text);
  return { events, problems };
}

/** The resource text for one series (or one single event): a VCALENDAR with its VTIMEZONEs. */
export const resourceText = (events: readonly CalendarEvent[]): string => writeCalendarFile({}, events);

/** An instance's identity inside its series: the original start, zone included. */
export const recurrenceKey = (time: EventTime): string => ('date' in time ? time.date : `${time.dateTime}${time.timeZone ? `[${time.timeZone}]` : ''}`);

const sameInstant = (a: EventTime, b: EventTime): boolean => recurrenceKey(a) === recurrenceKey(b);

/**
 * The series with this override in it, replacing an earlier version of the same instance. A cancelled
 * instance is an EXDATE on the master (the model's own spelling), when the master is there.
 */
export function withOverride(series: readonly CalendarEvent[], override: CalendarEvent): CalendarEvent[] {
  const rid = override.recurrenceId!;
  const others = series.filter((e) => !(e.recurrenceId && sameInstant(e.recurrenceId, rid)));
  const master = others.find((e) => !e.recurrenceId);
  if (override.status !== 'cancelled' || !master) return [...others, override];
  const recurrence = master.recurrence ?? { rrule: [], rdate: [], exdate: [] };
  if (recurrence.exdate.some((t) => sameInstant(t, rid))) return others;
  const cancelled: CalendarEvent = { ...master, recurrence: { ...recurrence, exdate: [...recurrence.exdate, rid] } };
  return others.map((e) => (e === master ? cancelled : e));
}

/** Whether the series already holds this override as given (or, cancelled, its EXDATE). */
export function holdsOverride(series: readonly CalendarEvent[], override: CalendarEvent): boolean {
  const rid = override.recurrenceId!;
  if (override.status === 'cancelled') {
    const master = series.find((e) => !e.recurrenceId);
    if (master?.recurrence?.exdate.some((t) => sameInstant(t, rid))) return true;
  }
  return series.some((e) => e.recurrenceId && sameInstant(e.recurrenceId, rid));
}

/**
 * An override as a series holds it: one occurrence, so without a recurrence of its own (some files carry the
 * series' RRULE on it too, which servers such as Radicale refuse: "Overwritten recurrence with RRULESET").
 */
export function asOverride(event: CalendarEvent): { event: CalendarEvent; lost: LostField[] } {
  if (!event.recurrence) return { event, lost: [] };
  const { recurrence, ...occurrence } = event;
  const lost: LostField[] = [];
  const reason = 'a changed occurrence does not repeat on its own: its series says how the events repeat';
  if (recurrence.rrule.length) lost.push({ field: 'recurrence.rrule', reason });
  if (recurrence.rdate.length) lost.push({ field: 'recurrence.rdate', reason });
  if (recurrence.exdate.length) lost.push({ field: 'recurrence.exdate', reason });
  return { event: occurrence, lost };
}

const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * RFC 5545 §3.6.1: DTEND has the value type of DTSTART. Some files mix a date with a date-time (servers such as
 * Radicale then refuse the event); the end is then given the start's type, covering the same days.
 */
export function withMatchingEnd(event: CalendarEvent): { event: CalendarEvent; lost: LostField[] } {
  const { start, end } = event;
  if ('date' in start === 'date' in end) return { event, lost: [] };
  const reason = 'iCalendar needs the end to be of the same kind as the start (a date, or a date and time)';
  if ('date' in start && 'dateTime' in end) {
    const [day, time] = end.dateTime.split('T') as [string, string];
    const date = time === '00:00:00' ? day : nextDay(day);
    return { event: { ...event, end: { date: date > start.date ? date : nextDay(start.date) } }, lost: [{ field: 'end', reason }] };
  }
  const date = (end as { date: string }).date;
  const timed = start as { dateTime: string; timeZone?: string };
  const moved = { ...timed, dateTime: `${date}T00:00:00` };
  return { event: { ...event, end: moved.dateTime > timed.dateTime ? moved : timed }, lost: [{ field: 'end', reason }] };
}
