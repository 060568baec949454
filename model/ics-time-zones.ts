/**
 * Time zone names as iCalendar files carry them (TZID, X-WR-TIMEZONE) turned into the IANA names the
 * model uses, and VTIMEZONE definitions for writing. VTIMEZONE data comes from timezones-ical-library
 * (IANA tzdata compiled by vzic); ical.js cannot make VTIMEZONEs by itself.
 */
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { ianaFromWindows } from './windows-time-zones';

const UTC_ALIASES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'zulu', 'etc/zulu', 'universal', 'etc/universal', 'uct', 'etc/uct']);

export const isUtcName = (name: string): boolean => UTC_ALIASES.has(name.trim().toLowerCase());

/** True for names Intl knows as IANA zones (aliases included); offsets like `+01:00` are not zones here. */
export function isIanaZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The IANA zone (or 'UTC') a TZID means: an IANA name as is, a Windows name through CLDR's table, a
 * vendor-prefixed path such as `/mozilla.org/20050126_1/America/New_York` by its trailing IANA part, or the
 * VTIMEZONE's X-LIC-LOCATION. Undefined when none of these names a zone.
 */
export function resolveZoneName(tzid: string, licLocation?: string): string | undefined {
  const name = tzid.trim().replace(/^"|"$/g, '');
  if (isUtcName(name)) return 'UTC';
  if (isIanaZone(name)) return name;
  const windows = ianaFromWindows(name);
  if (windows) return windows;
  const parts = name.split('/').filter(Boolean);
  for (const take of [3, 2]) {
    const tail = parts.slice(-take).join('/');
    if (parts.length >= take && isIanaZone(tail) && tail.includes('/')) return tail;
  }
  return licLocation && licLocation !== tzid ? resolveZoneName(licLocation) : undefined;
}

/** The VTIMEZONE text for an IANA zone, or undefined when the library does not know it. */
export function vtimezoneText(zone: string): string | undefined {
  try {
    const block = tzlib_get_ical_block(zone);
    const text = Array.isArray(block) ? block[0] : undefined;
    if (!text?.startsWith('BEGIN:VTIMEZONE')) return undefined;
    // The library answers an alias (US/Eastern) with its canonical zone; events refer to the name they use.
    return text.replace(/^TZID:[^\r\n]*/m, `TZID:${zone}`);
  } catch {
    return undefined;
  }
}
