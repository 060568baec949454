/**
 * Graph's patternedRecurrence (https://learn.microsoft.com/graph/api/resources/patternedrecurrence)
 * to and from iCalendar RRULEs, and expansion of a series into occurrence start times with ical.js.
 * Expansion runs on wall-clock times in the series' zone, so occurrences keep their local time across
 * DST changes, as Exchange keeps them.
 */
import ICAL from 'ical.js';
import { badRequest } from '../graph/errors';
import type { Wall } from './time';

export interface GraphPattern {
  type: string;
  interval: number;
  month: number;
  dayOfMonth: number;
  daysOfWeek: string[];
  firstDayOfWeek: string;
  index: string;
}
export interface GraphRange {
  type: string;
  startDate: string;
  endDate: string;
  recurrenceTimeZone: string;
  numberOfOccurrences: number;
}
export interface GraphRecurrence {
  pattern: GraphPattern;
  range: GraphRange;
}

const DAYS: Record<string, string> = { sunday: 'SU', monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA' };
const DAY_NAMES = Object.fromEntries(Object.entries(DAYS).map(([name, code]) => [code, name])) as Record<string, string>;
const INDEX: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };
const INDEX_NAMES = Object.fromEntries(Object.entries(INDEX).map(([name, n]) => [n, name])) as Record<number, string>;
/** Graph leaves unused numbers 0 and an unused endDate at the minimum date. */
const NO_DATE = '0001-01-01';
const EXPANSION_LIMIT = 50_000;

const invalid = (message: string) => badRequest('ErrorInvalidRequest', `Your request can't be completed. The recurrence is invalid: ${message}`);

/** Full Graph shape from a validated request value (defaults filled in), or a 400 when it cannot recur. */
export const normalizeRecurrence = (value: Record<string, unknown>, startZone: string): GraphRecurrence => {
  const p = value.pattern as Record<string, unknown> | null | undefined;
  const r = value.range as Record<string, unknown> | null | undefined;
  if (!p || !r) throw invalid("both 'pattern' and 'range' are required.");
  const pattern: GraphPattern = {
    type: (p.type as string | undefined) ?? '',
    interval: (p.interval as number | undefined) ?? 0,
    month: (p.month as number | undefined) ?? 0,
    dayOfMonth: (p.dayOfMonth as number | undefined) ?? 0,
    daysOfWeek: (p.daysOfWeek as string[] | null | undefined) ?? [],
    firstDayOfWeek: (p.firstDayOfWeek as string | null | undefined) ?? 'sunday',
    index: (p.index as string | null | undefined) ?? 'first',
  };
  const range: GraphRange = {
    type: (r.type as string | undefined) ?? '',
    startDate: (r.startDate as string | null | undefined) ?? '',
    endDate: (r.endDate as string | null | undefined) ?? NO_DATE,
    recurrenceTimeZone: (r.recurrenceTimeZone as string | null | undefined) ?? startZone,
    numberOfOccurrences: (r.numberOfOccurrences as number | undefined) ?? 0,
  };
  checkPattern(pattern);
  checkRange(range);
  return { pattern, range };
};

const checkPattern = (p: GraphPattern): void => {
  if (!p.type) throw invalid("pattern.type is required (daily, weekly, absoluteMonthly, relativeMonthly, absoluteYearly or relativeYearly).");
  if (p.interval < 1 || p.interval > 999) throw invalid('pattern.interval must be between 1 and 999.');
  const needsDays = ['weekly', 'relativeMonthly', 'relativeYearly'].includes(p.type);
  if (needsDays && p.daysOfWeek.length === 0) throw invalid(`a ${p.type} pattern needs daysOfWeek.`);
  if (['absoluteMonthly', 'absoluteYearly'].includes(p.type) && (p.dayOfMonth < 1 || p.dayOfMonth > 31)) {
    throw invalid(`a ${p.type} pattern needs dayOfMonth between 1 and 31.`);
  }
  if (['absoluteYearly', 'relativeYearly'].includes(p.type) && (p.month < 1 || p.month > 12)) {
    throw invalid(`a ${p.type} pattern needs month between 1 and 12.`);
  }
};

const checkRange = (r: GraphRange): void => {
  if (!r.type) throw invalid('range.type is required (endDate, noEnd or numbered).');
  if (!r.startDate) throw invalid('range.startDate is required.');
  if (r.type === 'endDate' && (r.endDate === NO_DATE || r.endDate < r.startDate)) {
    throw invalid('an endDate range needs endDate on or after startDate.');
  }
  if (r.type === 'numbered' && r.numberOfOccurrences < 1) throw invalid('a numbered range needs numberOfOccurrences of at least 1.');
};

/** The RRULE's rule part, without COUNT/UNTIL (the range is applied while expanding or writing). */
export const patternToRecur = (p: GraphPattern): ICAL.Recur => {
  const byday = p.daysOfWeek.map((d) => DAYS[d] as string);
  const setpos = INDEX[p.index] ?? 1;
  const data: Record<string, unknown> = { interval: p.interval, wkst: ICAL.Recur.icalDayToNumericDay(DAYS[p.firstDayOfWeek] ?? 'SU') };
  switch (p.type) {
    case 'daily':
      Object.assign(data, { freq: 'DAILY' });
      break;
    case 'weekly':
      Object.assign(data, { freq: 'WEEKLY', byday });
      break;
    case 'absoluteMonthly':
      Object.assign(data, { freq: 'MONTHLY', bymonthday: [p.dayOfMonth] });
      break;
    case 'relativeMonthly':
      Object.assign(data, { freq: 'MONTHLY', byday, bysetpos: [setpos] });
      break;
    case 'absoluteYearly':
      Object.assign(data, { freq: 'YEARLY', bymonth: [p.month], bymonthday: [p.dayOfMonth] });
      break;
    case 'relativeYearly':
      Object.assign(data, { freq: 'YEARLY', bymonth: [p.month], byday, bysetpos: [setpos] });
      break;
  }
  return ICAL.Recur.fromData(data as Parameters<typeof ICAL.Recur.fromData>[0]);
};

/**
 * Occurrence start times (wall clock in the series' zone) in order, from the range's startDate at the
 * series' time of day, until the range ends or `stopAfter` is passed.
 */
export function* expandStarts(rec: GraphRecurrence, startWall: Wall, stopAfter?: Wall): Generator<Wall> {
  const recur = patternToRecur(rec.pattern);
  const dtstart = ICAL.Time.fromDateTimeString(`${rec.range.startDate}${startWall.slice(10)}`);
  const iterator = recur.iterator(dtstart);
  let produced = 0;
  for (let i = 0; i < EXPANSION_LIMIT; i++) {
    const next = iterator.next();
    if (!next) return;
    const wall = next.toString().slice(0, 19);
    if (rec.range.type === 'endDate' && wall.slice(0, 10) > rec.range.endDate) return;
    if (stopAfter !== undefined && wall > stopAfter) return;
    yield wall;
    produced++;
    if (rec.range.type === 'numbered' && produced >= rec.range.numberOfOccurrences) return;
  }
}

export type RecurrenceFromRRule = { ok: true; recurrence: GraphRecurrence } | { ok: false; reason: string };

const plainDays = (byday: string[]): string[] | undefined =>
  byday.every((d) => /^[A-Z]{2}$/.test(d)) ? byday.map((d) => DAY_NAMES[d] as string) : undefined;

const weekdayOf = (wall: Wall): string => ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][new Date(`${wall.slice(0, 10)}T00:00:00Z`).getUTCDay()] as string;

/** A Graph pattern for an RRULE, where Graph can express it. `untilDate` is UNTIL as a date in the event's zone. */
export const recurrenceFromRRule = (
  recur: ICAL.Recur,
  startWall: Wall,
  zone: string,
  untilDate: string | undefined,
): RecurrenceFromRRule => {
  const fail = (why: string): RecurrenceFromRRule => ({ ok: false, reason: `RRULE:${recur.toString()} cannot be expressed as a Graph patternedRecurrence: ${why}` });
  const parts = recur.parts;
  const extra = Object.keys(parts).filter((k) => !['BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS'].includes(k) && (parts as Record<string, unknown[]>)[k]?.length);
  if (extra.length) return fail(`${extra.join(', ')} is not supported.`);
  const byday = parts.BYDAY ?? [];
  const bymonthday = parts.BYMONTHDAY ?? [];
  const bymonth = parts.BYMONTH ?? [];
  const bysetpos = parts.BYSETPOS ?? [];
  const base: GraphPattern = {
    type: '',
    interval: recur.interval || 1,
    month: 0,
    dayOfMonth: 0,
    daysOfWeek: [],
    firstDayOfWeek: DAY_NAMES[ICAL.Recur.numericDayToIcalDay(recur.wkst ?? ICAL.Time.SUNDAY)] ?? 'sunday',
    index: 'first',
  };
  const startDay = Number(startWall.slice(8, 10));
  const startMonth = Number(startWall.slice(5, 7));
  const relative = (): { days: string[]; index: string } | undefined => {
    const numbered = byday.map((d) => /^([+-]?\d)?([A-Z]{2})$/.exec(d));
    if (numbered.some((m) => !m)) return undefined;
    const prefixes = new Set(numbered.map((m) => m?.[1] ?? ''));
    const days = numbered.map((m) => DAY_NAMES[m?.[2] ?? ''] as string);
    if (prefixes.size === 1 && !prefixes.has('') && bysetpos.length === 0) {
      const index = INDEX_NAMES[Number([...prefixes][0])];
      return index ? { days, index } : undefined;
    }
    if (prefixes.size === 1 && prefixes.has('') && bysetpos.length === 1) {
      const index = INDEX_NAMES[bysetpos[0] as number];
      return index ? { days, index } : undefined;
    }
    return undefined;
  };
  let pattern: GraphPattern | undefined;
  switch (recur.freq) {
    case 'DAILY':
      if (!byday.length && !bymonthday.length && !bymonth.length && !bysetpos.length) pattern = { ...base, type: 'daily' };
      else if (recur.interval === 1 && plainDays(byday) && !bymonthday.length && !bymonth.length && !bysetpos.length) {
        pattern = { ...base, type: 'weekly', daysOfWeek: plainDays(byday) as string[] };
      }
      break;
    case 'WEEKLY':
      if (!bymonthday.length && !bymonth.length && !bysetpos.length) {
        const days = byday.length ? plainDays(byday) : [weekdayOf(startWall)];
        if (days) pattern = { ...base, type: 'weekly', daysOfWeek: days };
      }
      break;
    case 'MONTHLY':
      if (bymonth.length) break;
      if (!byday.length && bymonthday.length <= 1 && !bysetpos.length) {
        const day = bymonthday[0] ?? startDay;
        if (day > 0) pattern = { ...base, type: 'absoluteMonthly', dayOfMonth: day };
      } else if (!bymonthday.length) {
        const rel = relative();
        if (rel) pattern = { ...base, type: 'relativeMonthly', daysOfWeek: rel.days, index: rel.index };
      }
      break;
    case 'YEARLY': {
      if (bymonth.length > 1) break;
      const month = bymonth[0] ?? startMonth;
      if (!byday.length && bymonthday.length <= 1 && !bysetpos.length) {
        const day = bymonthday[0] ?? startDay;
        if (day > 0) pattern = { ...base, type: 'absoluteYearly', month, dayOfMonth: day };
      } else if (!bymonthday.length && bymonth.length === 1) {
        const rel = relative();
        if (rel) pattern = { ...base, type: 'relativeYearly', month, daysOfWeek: rel.days, index: rel.index };
      }
      break;
    }
  }
  if (!pattern) return fail(`FREQ=${recur.freq} with these BY-parts has no Graph pattern.`);
  const range: GraphRange = {
    type: recur.count ? 'numbered' : untilDate ? 'endDate' : 'noEnd',
    startDate: startWall.slice(0, 10),
    endDate: untilDate ?? NO_DATE,
    recurrenceTimeZone: zone,
    numberOfOccurrences: recur.count ?? 0,
  };
  return { ok: true, recurrence: { pattern, range } };
};
