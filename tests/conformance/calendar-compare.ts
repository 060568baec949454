/**
 * How the calendar suite compares two events: field by field on one canonical spelling, so that only
 * differences of meaning fail (attendee order, `INTERVAL=1`, a zone expressed differently do not).
 */
import { CALENDAR_FIELDS, isAllDay, type CalendarEvent, type EventTime } from '../../model/calendar';
import { valueAtPath } from '../../entrypoints/background/engine/fidelity';

/**
 * The value compared for a field path: a top-level field as it is (so `reminders: []`, "explicitly none",
 * differs from absent, "the calendar's defaults"), a dotted path through valueAtPath.
 */
export function fieldValue(event: CalendarEvent, path: string): unknown {
  return path.includes('.') ? valueAtPath(event, path) : (event as unknown as Record<string, unknown>)[path];
}

export { valueAtPath };

/** Paths compared on every event: the model's declared field paths. */
export const comparableFields = (): readonly string[] => CALENDAR_FIELDS;

/** A key that pairs an event with its counterpart: UID (or title) plus the instance it overrides. */
export function matchKey(event: CalendarEvent, byTitle: boolean): string {
  const instance = event.recurrenceId ? `/${instantKey(event.recurrenceId)}` : '';
  return `${byTitle ? event.title : event.uid}${instance}`;
}

export const eventLabel = (event: CalendarEvent) =>
  `"${event.title}"${event.recurrenceId ? ` (instance ${instantKey(event.recurrenceId)})` : ''}`;

/**
 * The canonical spelling of an event. `losses` removes sub-fields a provider cannot keep (`attendees.comment`,
 * `attendees.rsvp`); when `start.timeZone` is lost, every time is compared as the UTC instant it names.
 */
export function normalizeEvent(
  event: CalendarEvent,
  losses: Partial<Record<string, string>>,
  normalize: (event: CalendarEvent) => CalendarEvent = (e) => e,
): CalendarEvent {
  const e: CalendarEvent = normalize(structuredClone(event));
  const time = losses['start.timeZone'] ? toUtc : (t: EventTime) => t;
  const out: CalendarEvent = {
    ...e,
    start: time(e.start),
    end: time(e.end),
    recurrenceId: e.recurrenceId && time(e.recurrenceId),
    organizer: e.organizer && { ...e.organizer, email: e.organizer.email.toLowerCase() },
    attendees: e.attendees
      .map((a) => ({ ...a, email: a.email.toLowerCase() }))
      .sort((a, b) => a.email.localeCompare(b.email)),
    reminders: e.reminders && [...e.reminders].sort((a, b) => a.minutesBefore - b.minutesBefore || a.method.localeCompare(b.method)),
    categories: e.categories?.length ? [...e.categories].sort() : undefined,
    recurrence: e.recurrence && {
      rrule: e.recurrence.rrule.map(canonicalRrule).sort(),
      rdate: e.recurrence.rdate.map(time).sort(byInstant),
      exdate: e.recurrence.exdate.map(time).sort(byInstant),
    },
    created: e.created && canonicalUtc(e.created),
    updated: e.updated && canonicalUtc(e.updated),
    // Providers answer "" for an empty text field; the model leaves it out.
    description: e.description || undefined,
    location: e.location || undefined,
    url: e.url || undefined,
    conferenceUrl: e.conferenceUrl || undefined,
  };
  for (const path of Object.keys(losses)) dropPath(out, path);
  return out;
}

function dropPath(event: CalendarEvent, path: string): void {
  const [head, tail] = path.split('.') as [keyof CalendarEvent, string | undefined];
  if (tail === undefined || head === 'start') return;
  const value = event[head] as unknown;
  const targets = Array.isArray(value) ? value : value ? [value] : [];
  for (const target of targets) delete (target as Record<string, unknown>)[tail];
}

/** RRULE parts in a fixed order, list values sorted, and the default `INTERVAL=1` dropped (RFC 5545 §3.3.10). */
function canonicalRrule(rule: string): string {
  const parts = rule
    .replace(/^RRULE:/i, '')
    .split(';')
    .filter((p) => p && p.toUpperCase() !== 'INTERVAL=1')
    .map((p) => {
      const [key = '', value = ''] = p.split('=');
      const sorted = key.toUpperCase().startsWith('BY') ? value.split(',').sort().join(',') : value;
      return `${key.toUpperCase()}=${sorted.toUpperCase()}`;
    });
  return parts.sort((a, b) => (a.startsWith('FREQ=') ? -1 : b.startsWith('FREQ=') ? 1 : a.localeCompare(b))).join(';');
}

function canonicalUtc(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString().replace('.000Z', 'Z');
}

function byInstant(a: EventTime, b: EventTime): number {
  return instantKey(a).localeCompare(instantKey(b));
}

/** A date, a UTC instant for a zoned time, or the wall time itself when floating. */
function instantKey(time: EventTime): string {
  if (isAllDay(time)) return time.date;
  return time.timeZone ? `${zonedToUtc(time.dateTime, time.timeZone)}Z` : time.dateTime;
}

function toUtc(time: EventTime): EventTime {
  if (isAllDay(time) || !time.timeZone) return time;
  return { dateTime: zonedToUtc(time.dateTime, time.timeZone), timeZone: 'UTC' };
}

/** Wall-clock time in an IANA zone → the UTC wall time of the same instant (`YYYY-MM-DDTHH:mm:ss`). */
export function zonedToUtc(dateTime: string, timeZone: string): string {
  const asUtc = Date.parse(`${dateTime}Z`);
  const first = asUtc - zoneOffsetMs(asUtc, timeZone);
  const second = asUtc - zoneOffsetMs(first, timeZone);
  return new Date(second).toISOString().slice(0, 19);
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}
