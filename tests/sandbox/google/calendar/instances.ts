/**
 * Instances of recurring events. An instance Google has not stored is derived from its series; a changed or
 * cancelled instance is stored as an exception event with `recurringEventId` and `originalStartTime`, whose
 * id is the instance id `<series id>_<YYYYMMDDTHHMMSSZ>` (UTC start) or `<series id>_<YYYYMMDD>` (all-day).
 */
import { instanceStamp, instantOf, renderTiming, timingOf, type Timing } from './event-times';
import { expandSeries, type Occurrence, type Window } from './recurrence';
import type { CalendarRecord, EventResource } from './store';

const INSTANCE_ID = /^(.+)_(\d{8}(?:T\d{6}Z)?)$/;

export const isSeries = (e: EventResource): boolean => (e.recurrence?.length ?? 0) > 0 && !e.recurringEventId;

export function instanceFrom(master: EventResource, occurrence: Occurrence, calendarZone: string): EventResource {
  const fields: Partial<EventResource> = { ...master };
  delete fields.recurrence;
  return {
    ...(fields as EventResource),
    id: `${master.id}_${occurrence.stamp}`,
    recurringEventId: master.id,
    originalStartTime: renderTiming(occurrence.start, calendarZone),
    start: renderTiming(occurrence.start, calendarZone),
    end: renderTiming(occurrence.end, calendarZone),
  };
}

/** The stored exceptions of a series, by the stamp of their original start. */
export function exceptionsOf(record: CalendarRecord, master: EventResource): Map<string, EventResource> {
  const out = new Map<string, EventResource>();
  for (const e of record.events.values()) {
    if (e.recurringEventId === master.id && e.originalStartTime) out.set(instanceStamp(timingOf(e.originalStartTime)), e);
  }
  return out;
}

/** The series' instances in the window, stored exceptions in place of the instances they replace. */
export function seriesInstances(record: CalendarRecord, master: EventResource, window: Window): EventResource[] {
  const zone = record.calendar.timeZone;
  const exceptions = exceptionsOf(record, master);
  const out = expandSeries(master, zone, window).map((o) => {
    const exception = exceptions.get(o.stamp);
    exceptions.delete(o.stamp);
    return exception ?? instanceFrom(master, o, zone);
  });
  return [...out, ...exceptions.values()];
}

/** An instance id not stored as an event: its series and occurrence, if the series has that occurrence. */
export function derivedInstance(record: CalendarRecord, eventId: string): EventResource | undefined {
  const m = INSTANCE_ID.exec(eventId);
  if (!m) return undefined;
  const master = record.events.get(m[1] as string);
  if (!master || !isSeries(master)) return undefined;
  const zone = record.calendar.timeZone;
  const stamp = m[2] as string;
  const at = instantOf(stampTiming(stamp), zone);
  const occurrence = expandSeries(master, zone, { from: at, to: at + 1 }).find((o) => o.stamp === stamp);
  return occurrence ? instanceFrom(master, occurrence, zone) : undefined;
}

function stampTiming(stamp: string): Timing {
  const [y, mo, d] = [stamp.slice(0, 4), stamp.slice(4, 6), stamp.slice(6, 8)];
  if (stamp.length === 8) return { allDay: true, date: `${y}-${mo}-${d}` };
  return { allDay: false, ms: Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(stamp.slice(9, 11)), Number(stamp.slice(11, 13)), Number(stamp.slice(13, 15))) };
}
