/**
 * Wall-clock times (`YYYY-MM-DDTHH:mm:ss`) in named IANA zones and the instants they denote, with Intl's
 * time-zone database, which answers the same in the service worker and in Node.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The clock on the wall in `zone` at `instantMs`. */
export function wallTimeAt(instantMs: number, zone: string): string {
  if (zone === 'UTC') return new Date(instantMs).toISOString().slice(0, 19);
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(new Date(instantMs)).map((p) => [p.type, p.value]));
  return `${String(parts.year).padStart(4, '0')}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The instant (ms) a wall time in `zone` denotes (fractions ignored); in a DST gap, the moment after the gap. */
export function instantOf(wall: string, zone: string): number {
  const guess = Date.parse(`${wall.slice(0, 19)}Z`);
  if (Number.isNaN(guess)) throw new Error(`Not a date-time: "${wall}"`);
  if (zone === 'UTC') return guess;
  const offsetAt = (t: number) => Date.parse(`${wallTimeAt(t, zone)}Z`) - t;
  const first = guess - offsetAt(guess);
  const second = guess - offsetAt(first);
  return Math.max(first, second);
}
