/**
 * Time zones between Graph and the model. Graph names zones the Windows way ("W. Europe Standard Time")
 * and also accepts some IANA names; the model speaks IANA. The mapping is CLDR's windowsZones table
 * (through `windows-iana`); instants are computed with Intl, which carries the IANA database.
 * https://learn.microsoft.com/en-us/graph/api/resources/datetimetimezone
 */
import { findIana, findWindows } from 'windows-iana';
import { instantOf, wallTimeAt } from '../../../model/wall-time';

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
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const canonicalIana = (zone: string): string => new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;

/** Re-expresses a Graph date-time (any zone Graph names) as wall-clock time in an IANA zone. */
export function convertWallTime(dateTime: string, fromGraphZone: string | undefined, toIana: string): string {
  const from = ianaZone(fromGraphZone) ?? 'UTC';
  return wallTimeAt(instantOf(dateTime, from), toIana);
}
