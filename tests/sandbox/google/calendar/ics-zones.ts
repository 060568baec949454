/**
 * Time zones in iCalendar files: which IANA zone a TZID means (IANA names, Windows names as Outlook writes
 * them, vendor-prefixed paths, a VTIMEZONE's X-LIC-LOCATION), and VTIMEZONE blocks for writing, from
 * timezones-ical-library (IANA tzdata compiled by vzic) because ical.js cannot make them.
 */
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { findIana } from 'windows-iana';
import { isKnownTimeZone } from './time-zones';

const UTC_NAMES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'zulu', 'universal', 'etc/universal']);

export function resolveTzid(tzid: string, licLocation?: string): string | undefined {
  const name = tzid.trim().replace(/^"|"$/g, '');
  if (UTC_NAMES.has(name.toLowerCase())) return 'UTC';
  if (name.includes('/') && isKnownTimeZone(name)) return name;
  const windows = findIana(name)[0];
  if (windows) return windows;
  const parts = name.split('/').filter(Boolean);
  for (const take of [3, 2]) {
    const tail = parts.slice(-take).join('/');
    if (parts.length >= take && isKnownTimeZone(tail)) return tail;
  }
  return licLocation && licLocation !== tzid ? resolveTzid(licLocation) : undefined;
}

/** The VTIMEZONE for an IANA zone, with the TZID the events use; undefined when the library lacks it. */
export function vtimezoneFor(zone: string): string | undefined {
  try {
    const block = tzlib_get_ical_block(zone);
    const text = Array.isArray(block) ? block[0] : undefined;
    return text?.startsWith('BEGIN:VTIMEZONE') ? text.replace(/^TZID:[^\r\n]*/m, `TZID:${zone}`) : undefined;
  } catch {
    return undefined;
  }
}
