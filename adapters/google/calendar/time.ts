/**
 * Moments between Google's RFC 3339 instants and the model's wall-clock time in a named zone.
 * Google answers `dateTime` with an offset (in the calendar's zone unless the `timeZone` query says
 * otherwise) and `timeZone` naming the event's own zone, so the wall time must be recomputed in that
 * zone; Intl's IANA database does it the same in the service worker and in Node.
 */
import type { EventTime } from '../../../model/calendar';
import { instantOf, wallTimeAt } from '../../../model/wall-time';
import type { GoogleDateTime } from './api-types';

const wallAsUtc = (wall: string): number => Date.parse(`${wall.slice(0, 19)}Z`);

const hasOffset = (dateTime: string): boolean => /(Z|[+-]\d\d:?\d\d)$/i.test(dateTime);

/** Google's start/end/originalStartTime → model time; a moment without `timeZone` is in the calendar's zone. */
export function fromGoogleTime(value: GoogleDateTime, calendarZone: string): EventTime {
  if (value.date) return { date: value.date };
  const dateTime = value.dateTime ?? '';
  const zone = value.timeZone ?? calendarZone;
  if (!hasOffset(dateTime)) return { dateTime: dateTime.slice(0, 19), timeZone: zone };
  return { dateTime: wallTimeAt(Date.parse(dateTime), zone), timeZone: zone };
}

/**
 * Model time → Google's. Google needs a zone or an offset on every moment, so a floating time is pinned
 * to the calendar's zone; `pinned` tells the caller so it can report it.
 */
export function toGoogleTime(value: EventTime, calendarZone: string): { time: GoogleDateTime; pinned: boolean } {
  if ('date' in value) return { time: { date: value.date }, pinned: false };
  const timeZone = value.timeZone ?? calendarZone;
  return { time: { dateTime: value.dateTime.slice(0, 19), timeZone }, pinned: value.timeZone === undefined };
}

/** Minutes between two model times of the same kind (days × 1440 for dates), ignoring zone changes. */
export function wallMinutesBetween(start: EventTime, end: EventTime): number {
  const at = (t: EventTime) => ('date' in t ? Date.parse(`${t.date}T00:00:00Z`) : wallAsUtc(t.dateTime));
  return Math.round((at(end) - at(start)) / 60_000);
}

/** `time` moved by `minutes` of wall-clock time, keeping its kind and zone. */
export function addWallMinutes(time: EventTime, minutes: number): EventTime {
  if ('date' in time) {
    const day = new Date(Date.parse(`${time.date}T00:00:00Z`) + Math.round(minutes / 1440) * 86_400_000);
    return { date: day.toISOString().slice(0, 10) };
  }
  const moved = new Date(wallAsUtc(time.dateTime) + minutes * 60_000).toISOString().slice(0, 19);
  return time.timeZone === undefined ? { dateTime: moved } : { dateTime: moved, timeZone: time.timeZone };
}

/**
 * The suffix Google gives an instance of a recurring event in its id, `<series id>_<suffix>`:
 * the original start as a UTC basic date-time (`20250317T080000Z`), or the date for all-day series.
 */
export function instanceIdSuffix(originalStart: EventTime, calendarZone: string): string {
  if ('date' in originalStart) return originalStart.date.replaceAll('-', '');
  const zone = originalStart.timeZone ?? calendarZone;
  const utc = new Date(instantOf(originalStart.dateTime, zone)).toISOString();
  return `${utc.slice(0, 19).replace(/[-:]/g, '')}Z`;
}
