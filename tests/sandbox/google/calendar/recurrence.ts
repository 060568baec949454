/**
 * Recurrence of an event as Google reads its `recurrence` lines (RFC 5545 RRULE, EXRULE, RDATE, EXDATE):
 * expanded with ical.js in the wall-clock time of the event's zone (Event.start.timeZone), then turned into
 * instants with that zone's rules.
 */
import ICAL from 'ical.js';
import { badRequest } from '../errors';
import { instanceStamp, instantOf, timingOf, type Timing } from './event-times';
import type { EventResource } from './store';
import { wallTimeAt, wallTimeToInstant, type WallTime } from './time-zones';

export interface Occurrence {
  start: Timing;
  end: Timing;
  /** The instance id suffix (`YYYYMMDD` or `YYYYMMDDTHHMMSSZ`) of its original start. */
  stamp: string;
}

export interface Window {
  from?: number;
  to?: number;
}

/** Series without an end are expanded this far at most, as a listing without timeMax must end somewhere. */
export const MAX_INSTANCES = 1000;
/** Iterations of one rule before giving up, so a rule that never matches cannot hang the sandbox. */
const MAX_STEPS = 200_000;
const DAY = 86_400_000;

const LINE = /^(RRULE|EXRULE|RDATE|EXDATE)[:;]/i;

function parseLine(line: string): ICAL.Property {
  if (!LINE.test(line)) throw badRequest(`Invalid recurrence rule: ${line}`);
  try {
    const prop = ICAL.Property.fromString(line);
    prop.getValues();
    return prop;
  } catch {
    throw badRequest(`Invalid recurrence rule: ${line}`);
  }
}

export function validateRecurrence(lines: readonly string[]): void {
  lines.forEach(parseLine);
}

const toIcalTime = (t: Timing, zone: string): ICAL.Time => {
  if (t.allDay) return ICAL.Time.fromDateString(t.date);
  const w = wallTimeAt(zone, t.ms);
  return ICAL.Time.fromData({ year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second, isDate: false });
};

const wallOf = (t: ICAL.Time): WallTime => ({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second });

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const dateOf = (t: ICAL.Time): string => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;

/** An RDATE/EXDATE value as an instant (timed) or a date (all-day). */
function valueKey(v: ICAL.Time, tzid: string | undefined, zone: string, allDay: boolean): string {
  if (allDay || v.isDate) return dateOf(v);
  if (v.zone?.tzid === 'UTC') return String(v.toUnixTime() * 1000);
  return String(wallTimeToInstant(tzid ?? zone, wallOf(v)));
}

export function expandSeries(master: EventResource, calendarZone: string, window: Window = {}): Occurrence[] {
  const start = timingOf(master.start);
  const end = timingOf(master.end);
  const zone = (!start.allDay && start.timeZone) || calendarZone;
  const props = (master.recurrence ?? []).map(parseLine);
  const dtstart = toIcalTime(start, zone);
  const keyOf = (t: ICAL.Time): string => (start.allDay ? dateOf(t) : String(wallTimeToInstant(zone, wallOf(t))));

  const reach = instantOf(end, calendarZone) - instantOf(start, calendarZone) + DAY;
  const generate = (name: 'rrule' | 'exrule'): Map<string, ICAL.Time> => {
    const out = new Map<string, ICAL.Time>();
    for (const prop of props.filter((p) => p.name === name)) {
      const rule = prop.getFirstValue() as ICAL.Recur;
      if (rule.until && rule.until.zone?.tzid === 'UTC' && !start.allDay) {
        const w = wallTimeAt(zone, rule.until.toUnixTime() * 1000);
        rule.until = ICAL.Time.fromData({ ...w, isDate: false });
      }
      const it = rule.iterator(dtstart);
      for (let next = it.next(), steps = 0; next && steps < MAX_STEPS; next = it.next(), steps += 1) {
        const at = instantOf(timingFor(next), calendarZone);
        if (window.to !== undefined && at >= window.to) break;
        if (window.from !== undefined && at + reach <= window.from) continue;
        out.set(keyOf(next), next.clone());
        if (out.size >= MAX_INSTANCES) break;
      }
    }
    return out;
  };
  const timingFor = (t: ICAL.Time): Timing =>
    start.allDay ? { allDay: true, date: dateOf(t) } : { allDay: false, ms: wallTimeToInstant(zone, wallOf(t)), ...(start.timeZone ? { timeZone: start.timeZone } : {}) };

  const included = generate('rrule');
  included.set(keyOf(dtstart), dtstart);
  for (const prop of props.filter((p) => p.name === 'rdate')) {
    for (const v of prop.getValues() as ICAL.Time[]) {
      if (!(v instanceof ICAL.Time)) continue;
      included.set(valueKey(v, prop.getParameter('tzid') as string | undefined, zone, start.allDay), v);
    }
  }
  const excluded = new Set(generate('exrule').keys());
  for (const prop of props.filter((p) => p.name === 'exdate')) {
    for (const v of prop.getValues() as ICAL.Time[]) excluded.add(valueKey(v, prop.getParameter('tzid') as string | undefined, zone, start.allDay));
  }

  const starts = [...included.entries()]
    .filter(([key]) => !excluded.has(key))
    .map(([, t]) => timingFor(t))
    .sort((a, b) => instantOf(a, calendarZone) - instantOf(b, calendarZone));

  return starts
    .map((s) => ({ start: s, end: shiftEnd(start, end, s, zone), stamp: instanceStamp(s) }))
    .filter((o) => (window.from === undefined || instantOf(o.end, calendarZone) > window.from) && (window.to === undefined || instantOf(o.start, calendarZone) < window.to))
    .slice(0, MAX_INSTANCES);
}

/** The end of an occurrence keeps the series' wall-clock duration, across DST changes too. */
function shiftEnd(seriesStart: Timing, seriesEnd: Timing, occurrenceStart: Timing, zone: string): Timing {
  if (seriesStart.allDay || seriesEnd.allDay || occurrenceStart.allDay) {
    const days = seriesStart.allDay && seriesEnd.allDay ? (Date.parse(seriesEnd.date) - Date.parse(seriesStart.date)) / 86_400_000 : 1;
    const date = occurrenceStart.allDay ? occurrenceStart.date : new Date(occurrenceStart.ms).toISOString().slice(0, 10);
    return { allDay: true, date: new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10) };
  }
  const wallStart = Date.UTC(...wallArgs(wallTimeAt(zone, seriesStart.ms)));
  const wallEnd = Date.UTC(...wallArgs(wallTimeAt(seriesEnd.timeZone ?? zone, seriesEnd.ms)));
  const occWall = wallTimeAt(zone, occurrenceStart.ms);
  const endWall = new Date(Date.UTC(...wallArgs(occWall)) + (wallEnd - wallStart));
  const ms = wallTimeToInstant(zone, {
    year: endWall.getUTCFullYear(),
    month: endWall.getUTCMonth() + 1,
    day: endWall.getUTCDate(),
    hour: endWall.getUTCHours(),
    minute: endWall.getUTCMinutes(),
    second: endWall.getUTCSeconds(),
  });
  return { allDay: false, ms, ...(seriesEnd.timeZone ? { timeZone: seriesEnd.timeZone } : {}) };
}

const wallArgs = (w: WallTime): [number, number, number, number, number, number] => [w.year, w.month - 1, w.day, w.hour, w.minute, w.second];
