/**
 * Time zones between Graph and the model. Graph names zones the Windows way ("W. Europe Standard Time")
 * and also accepts some IANA names; the model speaks IANA. The mapping is CLDR's windowsZones table
 * (through `windows-iana`); instants are computed with Intl, which carries the IANA database.
 * https://learn.microsoft.com/en-us/graph/api/resources/datetimetimezone
 */
import { findIana, findWindows } from 'windows-iana';

const UTC_NAMES = /^(utc|gmt|z|etc\/utc|etc\/gmt|etc\/uct|etc\/zulu|coordinated universal time)$/i;

/** The IANA name a Graph zone denotes, `UTC` for UTC, undefined for one Ferry cannot read (`tzone://Microsoft/Custom`). */
export function ianaZone(graphZone: string | undefined, preferred?: string): string | undefined {
  if (!graphZone) return undefined;
  if (UTC_NAMES.test(graphZone)) return 'UTC';
  const candidates = findIana(graphZone);
  if (candidates.length > 0) {
    // One Windows zone stands for many IANA zones; keep the name the event was created with when it is one of them.
    if (preferred && windowsZone(preferred) === graphZone) return preferred;
    return candidates[0];
  }
  return isIanaZone(graphZone) ? graphZone : undefined;
}

/** The zone name to send Graph for an IANA zone: its Windows name when CLDR knows one, else the IANA name. */
export function graphZoneName(iana: string): string {
  if (UTC_NAMES.test(iana)) return 'UTC';
  return windowsZone(iana) ?? iana;
}

function windowsZone(iana: string): string | undefined {
  const direct = findWindows(iana)[0];
  if (direct) return direct;
  // CLDR keys some zones by their older name (Europe/Kiev for Europe/Kyiv); Intl knows both.
  return isIanaZone(iana) ? findWindows(canonicalIana(iana))[0] : undefined;
}

export function isIanaZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

const canonicalIana = (zone: string): string => formatter(zone).resolvedOptions().timeZone;

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

/** `YYYY-MM-DDTHH:mm:ss` wall-clock time of an instant in a zone. */
export function wallTime(epochMs: number, zone: string): string {
  if (zone === 'UTC') return new Date(epochMs).toISOString().slice(0, 19);
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The instant a wall-clock time (`YYYY-MM-DDTHH:mm:ss`, fractions ignored) denotes in a zone. */
export function instantOf(dateTime: string, zone: string): number {
  const asUtc = Date.parse(`${dateTime.slice(0, 19)}Z`);
  if (Number.isNaN(asUtc)) throw new Error(`Not a date-time: "${dateTime}"`);
  if (zone === 'UTC') return asUtc;
  const offset = (t: number) => Date.parse(`${wallTime(t, zone)}Z`) - t;
  // Two passes settle the offset on both sides of a DST change (a skipped hour lands after the gap).
  const first = asUtc - offset(asUtc);
  return asUtc - offset(first);
}

/** Re-expresses a Graph date-time (any zone Graph names) as wall-clock time in an IANA zone. */
export function convertWallTime(dateTime: string, fromGraphZone: string | undefined, toIana: string): string {
  const from = ianaZone(fromGraphZone) ?? 'UTC';
  return wallTime(instantOf(dateTime, from), toIana);
}
