/**
 * A calendar resource (RFC 4791 §4.1: one UID per resource, a series' master and its overrides together)
 * ↔ model events. iCalendar is the model's own format, so the codecs in model/ do all reading and writing.
 */
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
