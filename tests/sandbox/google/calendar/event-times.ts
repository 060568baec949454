/**
 * EventDateTime values: validation as Google applies it, and conversion between the JSON form
 * (`{date}` or `{dateTime, timeZone?}`) and instants.
 */
import { badRequest, requiredField } from '../errors';
import { formatInZone, isKnownTimeZone, wallTimeToInstant, type WallTime } from './time-zones';

export interface EventDateTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

export type Timing =
  | { allDay: true; date: string }
  | { allDay: false; ms: number; timeZone?: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/;

export const isValidDate = (date: string): boolean => {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

/** An RFC 3339 timestamp with a mandatory offset (query parameters timeMin, timeMax, updatedMin). */
export function parseTimestamp(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m || !m[8] || !isValidDate(text.slice(0, 10))) return undefined;
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return local - offsetOf(m[8]) * 60_000;
}

const offsetOf = (text: string): number =>
  /^[Zz]$/.test(text) ? 0 : (text.startsWith('-') ? -1 : 1) * (Number(text.slice(1, 3)) * 60 + Number(text.slice(4, 6)));

/**
 * Reads `start`, `end` or `originalStartTime`. `recurring`: a recurring event must name its zone, because
 * Google expands the recurrence in it (Event.start.timeZone in the discovery document).
 */
export function parseEventDateTime(value: EventDateTime | undefined | null, field: 'start' | 'end' | 'originalStart', recurring: boolean): Timing {
  const label = field === 'originalStart' ? 'original start' : field;
  if (!value || (value.date == null && value.dateTime == null)) throw requiredField(`Missing ${label} time.`);
  if (value.timeZone != null && !isKnownTimeZone(value.timeZone)) throw badRequest(`Invalid time zone definition for ${label} time.`);
  if (value.date != null) {
    if (value.dateTime != null || !isValidDate(value.date)) throw badRequest(`Invalid ${label} time.`);
    return { allDay: true, date: value.date };
  }
  const m = DATE_TIME.exec(value.dateTime ?? '');
  if (!m || !isValidDate((value.dateTime ?? '').slice(0, 10)) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 60) {
    throw badRequest(`Invalid ${label} time.`);
  }
  const zone = value.timeZone ?? undefined;
  if (!zone && (recurring || !m[8])) throw requiredField(`Missing time zone definition for ${label} time.`);
  const wall: WallTime = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Math.min(59, Number(m[6])) };
  const ms = m[8]
    ? Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - offsetOf(m[8]) * 60_000
    : wallTimeToInstant(zone as string, wall);
  return { allDay: false, ms, ...(zone ? { timeZone: zone } : {}) };
}

/** The JSON form Google returns: the dateTime carries the offset of the event's zone, else of `fallbackZone`. */
export function renderTiming(t: Timing, fallbackZone: string): EventDateTime {
  if (t.allDay) return { date: t.date };
  return { dateTime: formatInZone(t.ms, t.timeZone ?? fallbackZone), ...(t.timeZone ? { timeZone: t.timeZone } : {}) };
}

/** Start of an all-day date in `zone`, or the instant itself. */
export function instantOf(t: Timing, zone: string): number {
  if (!t.allDay) return t.ms;
  const [y, mo, d] = t.date.split('-').map(Number) as [number, number, number];
  return wallTimeToInstant(zone, { year: y, month: mo, day: d, hour: 0, minute: 0, second: 0 });
}

/** Reads a stored (already valid) EventDateTime back. */
export function timingOf(value: EventDateTime): Timing {
  if (value.date) return { allDay: true, date: value.date };
  const ms = parseTimestamp(value.dateTime ?? '');
  if (ms === undefined) throw new Error(`stored dateTime without offset: ${value.dateTime}`);
  return { allDay: false, ms, ...(value.timeZone ? { timeZone: value.timeZone } : {}) };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The suffix Google puts on an instance id: `YYYYMMDD` for all-day, else the UTC start `YYYYMMDDTHHMMSSZ`. */
export function instanceStamp(t: Timing): string {
  if (t.allDay) return t.date.replace(/-/g, '');
  const d = new Date(t.ms);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}
