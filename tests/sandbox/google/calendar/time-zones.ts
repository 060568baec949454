/**
 * IANA time zone arithmetic from the runtime's own zone data (Intl), which ical.js does not carry:
 * the offset of a zone at an instant, wall-clock time to instant, and RFC 3339 rendering in a zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isKnownTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallTimeAt(zone: string, ms: number): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const wallAsUtc = (w: WallTime): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** Minutes east of UTC in `zone` at the instant `ms`. */
export function offsetMinutesAt(zone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return Math.round((wallAsUtc(wallTimeAt(zone, whole)) - whole) / 60_000);
}

/** The instant a wall-clock time in `zone` names; in a DST gap the time is read with the offset before it. */
export function wallTimeToInstant(zone: string, w: WallTime): number {
  const guess = wallAsUtc(w);
  const first = guess - offsetMinutesAt(zone, guess) * 60_000;
  const second = guess - offsetMinutesAt(zone, first) * 60_000;
  return Math.min(first, second);
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

export const formatWallTime = (w: WallTime): string =>
  `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;

/** RFC 3339 with the zone's offset at that instant, e.g. `2025-03-30T09:00:00+02:00`. */
export const formatInZone = (ms: number, zone: string): string =>
  `${formatWallTime(wallTimeAt(zone, ms))}${formatOffset(offsetMinutesAt(zone, ms))}`;
