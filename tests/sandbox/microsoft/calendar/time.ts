/**
 * Wall-clock times in named zones. Graph takes IANA or Windows zone names
 * (https://learn.microsoft.com/graph/api/resources/datetimetimezone); Windows names are mapped to IANA
 * through CLDR's table (windows-iana) and all arithmetic runs on Intl's tz database.
 */
import { findIana } from 'windows-iana';

/** `YYYY-MM-DDTHH:mm:ss`, no offset. */
export type Wall = string;

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (iana: string): Intl.DateTimeFormat => {
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(iana, f);
  }
  return f;
};

const isIana = (name: string): boolean => {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
};

/** The IANA zone for a Graph zone name, or undefined when Graph would not know it. */
export const ianaZone = (name: string | null | undefined): string | undefined => {
  if (name === undefined || name === null || name === '' || /^(UTC|tzone:\/\/Microsoft\/Utc|Coordinated Universal Time)$/i.test(name)) return 'UTC';
  if (name.includes('/') && isIana(name)) return name;
  const mapped = findIana(name)[0];
  if (mapped && isIana(mapped)) return mapped;
  return isIana(name) ? name : undefined;
};

/** A Graph `dateTime` as a wall time, or undefined when it is not `{date}T{time}` without offset. */
export const parseWall = (text: string): Wall | undefined => {
  const m = WALL.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const wall = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  const ms = Date.parse(`${wall}Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== wall ? undefined : wall;
};

const wallAsUtcMs = (wall: Wall): number => Date.parse(`${wall}Z`);

export const utcMsToWall = (ms: number, iana: string): Wall => {
  const parts = Object.fromEntries(formatter(iana).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
};

const offsetMs = (ms: number, iana: string): number => wallAsUtcMs(utcMsToWall(ms, iana)) - Math.floor(ms / 1000) * 1000;

/** The instant a wall time names in a zone; a time skipped by a DST gap moves forward, as Exchange does. */
export const wallToUtcMs = (wall: Wall, iana: string): number => {
  const guess = wallAsUtcMs(wall);
  const first = guess - offsetMs(guess, iana);
  const second = guess - offsetMs(first, iana);
  return utcMsToWall(second, iana) === wall ? second : Math.max(first, second);
};

export const wallDiffMs = (a: Wall, b: Wall): number => wallAsUtcMs(a) - wallAsUtcMs(b);

/** Graph writes seven fractional digits: `2024-05-01T09:00:00.0000000`. */
export const graphDateTime = (wall: Wall): string => `${wall}.0000000`;

export const isMidnight = (wall: Wall): boolean => wall.endsWith('T00:00:00');

export const utcIso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
