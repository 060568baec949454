/**
 * RRULE (RFC 5545 §3.3.10) ↔ Graph patternedRecurrence. Graph expresses one rule per series from six
 * pattern types; anything else (BYHOUR, BYWEEKNO, several rules, a fifth weekday…) is reported as lost.
 * https://learn.microsoft.com/en-us/graph/api/resources/patternedrecurrence
 * ical.js parses and writes the RRULE text.
 */
import ICAL from 'ical.js';
import type { LostField } from '../../../model/adapter';
import { isAllDay, type EventTime } from '../../../model/calendar';
import type { GraphDayOfWeek, GraphPatternedRecurrence, GraphRecurrencePattern, GraphWeekIndex } from './api-types';
import { instantOf, wallTimeAt } from '../../../model/wall-time';
import { graphZoneName } from './time';

const ICAL_DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const GRAPH_DAYS: readonly GraphDayOfWeek[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const INDEXES: Record<string, GraphWeekIndex> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '-1': 'last' };
const ORDINALS: Record<GraphWeekIndex, number> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };
/** Rule parts Graph has no counterpart for. */
const UNSUPPORTED_PARTS = ['BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYYEARDAY', 'BYWEEKNO'] as const;
const KNOWN_KEYS = new Set(['parts', 'interval', 'wkst', 'until', 'count', 'freq', 'icalclass', 'icaltype', 'wrappedJSObject']);

class Inexpressible extends Error {}

/** The series start as Graph's recurrence needs it: the local date and time and the IANA zone ('UTC' when floating). */
interface SeriesStart {
  date: string;
  time: string;
  zone: string;
  allDay: boolean;
}

function seriesStart(start: EventTime): SeriesStart {
  if (isAllDay(start)) return { date: start.date, time: '00:00:00', zone: 'UTC', allDay: true };
  return { date: start.dateTime.slice(0, 10), time: start.dateTime.slice(11, 19), zone: start.timeZone ?? 'UTC', allDay: false };
}

const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The first rule as a Graph recurrence; every rule or part Graph cannot hold comes back in `lost`. */
export function recurrenceToGraph(rrules: readonly string[], start: EventTime): { recurrence?: GraphPatternedRecurrence; lost: LostField[] } {
  const [first, ...rest] = rrules;
  if (!first) return { lost: [] };
  const lost: LostField[] = rest.map((rule) => ({
    field: 'recurrence.rrule',
    reason: `Outlook keeps one repeat rule per series; the extra rule "${rule}" was not kept`,
  }));
  try {
    const recurrence = ruleToGraph(first, seriesStart(start), lost);
    return { recurrence, lost };
  } catch (error) {
    if (!(error instanceof Inexpressible)) throw error;
    lost.unshift({
      field: 'recurrence.rrule',
      reason: `Outlook cannot repeat an event by "${first}" (${error.message}); only the first occurrence was kept`,
    });
    return { lost };
  }
}

function parseRule(rule: string): ICAL.Recur {
  let recur: ICAL.Recur;
  try {
    recur = ICAL.Recur.fromString(rule);
  } catch (error) {
    throw new Inexpressible(`not a valid rule: ${(error as Error).message}`);
  }
  if (!recur.freq) throw new Inexpressible('no FREQ');
  const extra = Object.keys(recur).filter((k) => !KNOWN_KEYS.has(k));
  if (extra.length > 0) throw new Inexpressible(`${extra.join(', ').toUpperCase()} has no Outlook equivalent`);
  for (const part of UNSUPPORTED_PARTS) {
    if (recur.parts[part]?.length) throw new Inexpressible(`${part} has no Outlook equivalent`);
  }
  return recur;
}

function ruleToGraph(rule: string, start: SeriesStart, lost: LostField[]): GraphPatternedRecurrence {
  const recur = parseRule(rule);
  const pattern = patternOf(recur, start, lost);
  const range: GraphPatternedRecurrence['range'] = {
    type: 'noEnd',
    startDate: start.date,
    recurrenceTimeZone: graphZoneName(start.zone),
  };
  if (recur.count) Object.assign(range, { type: 'numbered', numberOfOccurrences: recur.count });
  else if (recur.until) Object.assign(range, { type: 'endDate', endDate: untilToEndDate(recur.until, start) });
  return { pattern, range };
}

interface Weekday {
  day: GraphDayOfWeek;
  ordinal?: number;
}

function weekdays(recur: ICAL.Recur): Weekday[] {
  return (recur.parts.BYDAY ?? []).map((value) => {
    const match = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(value);
    if (!match) throw new Inexpressible(`BYDAY=${value} is not a weekday`);
    const day = GRAPH_DAYS[ICAL_DAYS.indexOf(match[2] as (typeof ICAL_DAYS)[number])]!;
    return match[1] ? { day, ordinal: Number(match[1]) } : { day };
  });
}

function single(values: number[] | undefined, part: string): number | undefined {
  if (!values?.length) return undefined;
  if (values.length > 1) throw new Inexpressible(`Outlook takes one ${part} value, not ${values.join(',')}`);
  return values[0];
}

function patternOf(recur: ICAL.Recur, start: SeriesStart, lost: LostField[]): GraphRecurrencePattern {
  const interval = recur.interval || 1;
  const days = weekdays(recur);
  const { BYMONTH, BYMONTHDAY, BYSETPOS } = recur.parts;
  const startDay = Number(start.date.slice(8, 10));
  const startMonth = Number(start.date.slice(5, 7));
  switch (recur.freq) {
    case 'DAILY':
      if (BYMONTH?.length || BYMONTHDAY?.length || BYSETPOS?.length) throw new Inexpressible('a daily rule with BYMONTH, BYMONTHDAY or BYSETPOS');
      if (days.length === 0) return { type: 'daily', interval };
      // FREQ=DAILY;BYDAY=… with interval 1 is the same series as FREQ=WEEKLY;BYDAY=….
      if (interval !== 1 || days.some((d) => d.ordinal !== undefined)) throw new Inexpressible('a daily rule limited to weekdays');
      return weekly(recur, 1, days);
    case 'WEEKLY':
      if (BYMONTH?.length || BYMONTHDAY?.length || BYSETPOS?.length) throw new Inexpressible('a weekly rule with BYMONTH, BYMONTHDAY or BYSETPOS');
      if (days.some((d) => d.ordinal !== undefined)) throw new Inexpressible('a weekly rule with numbered weekdays');
      return weekly(recur, interval, days.length ? days : [{ day: GRAPH_DAYS[weekdayOf(start.date)]! }]);
    case 'MONTHLY':
      if (BYMONTH?.length) throw new Inexpressible('a monthly rule limited to some months');
      return monthly(interval, days, single(BYMONTHDAY, 'BYMONTHDAY'), single(BYSETPOS, 'BYSETPOS'), startDay, lost);
    case 'YEARLY': {
      const month = single(BYMONTH, 'BYMONTH') ?? startMonth;
      // Without BYMONTH, BYDAY and BYMONTHDAY expand over every month of the year (RFC 5545 §3.3.10).
      if ((days.length > 0 || BYMONTHDAY?.length) && !BYMONTH?.length) throw new Inexpressible('days of every month of the year');
      const monthlyPart = monthly(interval, days, single(BYMONTHDAY, 'BYMONTHDAY'), single(BYSETPOS, 'BYSETPOS'), startDay, lost);
      return { ...monthlyPart, type: monthlyPart.type === 'absoluteMonthly' ? 'absoluteYearly' : 'relativeYearly', month };
    }
    default:
      throw new Inexpressible(`Outlook repeats daily at most, not ${String(recur.freq).toLowerCase()}`);
  }
}

function weekly(recur: ICAL.Recur, interval: number, days: Weekday[]): GraphRecurrencePattern {
  const wkst = recur.wkst ? ICAL.Recur.numericDayToIcalDay(recur.wkst) : 'MO';
  const firstDayOfWeek = GRAPH_DAYS[ICAL_DAYS.indexOf(wkst as (typeof ICAL_DAYS)[number])] ?? 'monday';
  return { type: 'weekly', interval, daysOfWeek: days.map((d) => d.day), firstDayOfWeek };
}

function monthly(
  interval: number,
  days: Weekday[],
  monthDay: number | undefined,
  setPos: number | undefined,
  startDay: number,
  lost: LostField[],
): GraphRecurrencePattern {
  if (days.length === 0) {
    if (setPos !== undefined) throw new Inexpressible('BYSETPOS without weekdays');
    const dayOfMonth = monthDay ?? startDay;
    if (dayOfMonth < 1) throw new Inexpressible(`counting days from the month's end (BYMONTHDAY=${dayOfMonth})`);
    if (dayOfMonth > 28) {
      lost.push({
        field: 'recurrence.rrule',
        reason: `Outlook moves day ${dayOfMonth} to the last day of shorter months, where the original rule skips those months`,
      });
    }
    return { type: 'absoluteMonthly', interval, dayOfMonth };
  }
  if (monthDay !== undefined) throw new Inexpressible('BYMONTHDAY together with BYDAY');
  const ordinals = new Set(days.map((d) => d.ordinal));
  if (ordinals.size > 1) throw new Inexpressible('weekdays with different positions in the month');
  const ordinal = days[0]!.ordinal ?? setPos;
  if (ordinal === undefined) throw new Inexpressible('every matching weekday of the month');
  if (days[0]!.ordinal !== undefined && setPos !== undefined) throw new Inexpressible('numbered weekdays together with BYSETPOS');
  if (days.length > 1 && days[0]!.ordinal !== undefined) throw new Inexpressible('several numbered weekdays');
  const index = INDEXES[String(ordinal)];
  if (!index) throw new Inexpressible(`position ${ordinal} in the month (Outlook knows first to fourth and last)`);
  return { type: 'relativeMonthly', interval, daysOfWeek: days.map((d) => d.day), index };
}

/** Graph's endDate is the last local date an occurrence may start on; UNTIL is the last instant (RFC 5545). */
function untilToEndDate(until: ICAL.Time, start: SeriesStart): string {
  const date = (t: ICAL.Time) => t.toString().slice(0, 10);
  if (until.isDate) return date(until);
  const isUtc = until.zone?.tzid === 'UTC';
  const local = isUtc ? wallTimeAt(Date.parse(`${until.toString().slice(0, 19)}Z`), start.allDay ? 'UTC' : start.zone) : until.toString().slice(0, 19);
  const endDate = local.slice(0, 10);
  if (start.allDay || local.slice(11, 19) >= start.time) return endDate;
  const previous = new Date(`${endDate}T00:00:00Z`);
  previous.setUTCDate(previous.getUTCDate() - 1);
  return previous.toISOString().slice(0, 10);
}

/** A Graph recurrence as one RRULE value, spelled the way ical.js writes it. */
export function recurrenceFromGraph(recurrence: GraphPatternedRecurrence, start: EventTime): string {
  const { pattern, range } = recurrence;
  const series = seriesStart(start);
  const data: Parameters<typeof ICAL.Recur.fromData>[0] = { freq: FREQS[pattern.type] };
  if (pattern.interval > 1) data.interval = pattern.interval;
  if (range.type === 'numbered' && range.numberOfOccurrences) data.count = range.numberOfOccurrences;
  if (range.type === 'endDate' && range.endDate) data.until = endDateToUntil(range.endDate, series);
  const days = (pattern.daysOfWeek ?? []).map((d) => ICAL_DAYS[GRAPH_DAYS.indexOf(d)]!);
  switch (pattern.type) {
    case 'weekly':
      data.byday = days;
      if (pattern.firstDayOfWeek && pattern.firstDayOfWeek !== 'monday') {
        data.wkst = ICAL.Recur.icalDayToNumericDay(ICAL_DAYS[GRAPH_DAYS.indexOf(pattern.firstDayOfWeek)]!);
      }
      break;
    case 'absoluteYearly':
      if (pattern.month && pattern.month !== Number(series.date.slice(5, 7))) data.bymonth = [pattern.month];
    // falls through: the day of the month works alike
    case 'absoluteMonthly':
      if (pattern.dayOfMonth && (pattern.dayOfMonth !== Number(series.date.slice(8, 10)) || data.bymonth)) data.bymonthday = [pattern.dayOfMonth];
      break;
    case 'relativeYearly':
      data.bymonth = [pattern.month ?? Number(series.date.slice(5, 7))];
    // falls through: the weekday position works alike
    case 'relativeMonthly': {
      const ordinal = ORDINALS[pattern.index ?? 'first'];
      if (days.length === 1) data.byday = [`${ordinal}${days[0]}`];
      else Object.assign(data, { byday: days, bysetpos: [ordinal] });
      break;
    }
  }
  return ICAL.Recur.fromData(data).toString();
}

const FREQS = {
  daily: 'DAILY',
  weekly: 'WEEKLY',
  absoluteMonthly: 'MONTHLY',
  relativeMonthly: 'MONTHLY',
  absoluteYearly: 'YEARLY',
  relativeYearly: 'YEARLY',
} as const;

function endDateToUntil(endDate: string, start: SeriesStart): ICAL.Time {
  const [year, month, day] = endDate.split('-').map(Number) as [number, number, number];
  if (start.allDay) return ICAL.Time.fromData({ year, month, day, isDate: true });
  // The last occurrence starts on endDate at the series' time of day; UNTIL names that instant in UTC.
  const utc = new Date(instantOf(`${endDate}T${start.time}`, start.zone));
  return ICAL.Time.fromData(
    {
      year: utc.getUTCFullYear(),
      month: utc.getUTCMonth() + 1,
      day: utc.getUTCDate(),
      hour: utc.getUTCHours(),
      minute: utc.getUTCMinutes(),
      second: utc.getUTCSeconds(),
    },
    ICAL.Timezone.utcTimezone,
  );
}
