/** Occurrences of a series, computed from its master with its exceptions and cancellations applied. */
import type { GraphRecurrence } from './recurrence';
import { expandStarts } from './recurrence';
import type { CalendarStore, EventProps, StoredEvent } from './store';
import { ianaZone, utcIso, utcMsToWall, wallToUtcMs, type Wall } from './time';

export interface Occurrence {
  master: StoredEvent;
  originalStartWall: Wall;
  originalStartUtc: string;
}

const zoneOf = (name: string): string => ianaZone(name) ?? 'UTC';

export const startUtcMs = (p: EventProps): number => wallToUtcMs(p.start.dateTime, zoneOf(p.start.timeZone));
export const endUtcMs = (p: EventProps): number => wallToUtcMs(p.end.dateTime, zoneOf(p.end.timeZone));

/** The original start of an occurrence in UTC, as Graph's `originalStart` writes it. */
export const occurrenceUtc = (master: StoredEvent, wall: Wall): string => utcIso(wallToUtcMs(wall, zoneOf(master.props.start.timeZone)));

/** Props of one occurrence: the master's, moved to the occurrence's start, without recurrence. */
export const occurrenceProps = (master: StoredEvent, wall: Wall): EventProps => {
  const p = master.props;
  const startMs = wallToUtcMs(wall, zoneOf(p.start.timeZone));
  const endMs = startMs + (endUtcMs(p) - startUtcMs(p));
  const end = p.isAllDay
    ? new Date(Date.parse(`${wall}Z`) + (Date.parse(`${p.end.dateTime}Z`) - Date.parse(`${p.start.dateTime}Z`))).toISOString().slice(0, 19)
    : utcMsToWall(endMs, zoneOf(p.end.timeZone));
  return { ...p, recurrence: null, start: { ...p.start, dateTime: wall }, end: { ...p.end, dateTime: end } };
};

/** Every occurrence start of the series up to `until` (wall time in the series' zone), cancelled ones left out. */
export const occurrencesOf = (master: StoredEvent, until?: Wall): Occurrence[] => {
  const recurrence = master.props.recurrence as GraphRecurrence;
  const cancelled = new Set(master.cancelled);
  const out: Occurrence[] = [];
  for (const wall of expandStarts(recurrence, master.props.start.dateTime, until)) {
    if (!cancelled.has(wall)) out.push({ master, originalStartWall: wall, originalStartUtc: occurrenceUtc(master, wall) });
  }
  return out;
};

export const findOccurrence = (master: StoredEvent, originalStartUtc: string): Occurrence | undefined => {
  const wall = utcMsToWall(Date.parse(originalStartUtc), zoneOf(master.props.start.timeZone));
  return occurrencesOf(master, wall).find((o) => o.originalStartWall === wall);
};

/**
 * Instances overlapping [fromMs, toMs): occurrences not replaced by an exception, and exceptions
 * wherever they were moved to (https://learn.microsoft.com/graph/api/event-list-instances).
 */
export const instancesBetween = (store: CalendarStore, master: StoredEvent, fromMs: number, toMs: number) => {
  const exceptions = store.exceptionsOf(master.id);
  const replaced = new Set(exceptions.map((e) => e.originalStartUtc));
  const durationMs = endUtcMs(master.props) - startUtcMs(master.props);
  const untilWall = utcMsToWall(toMs, zoneOf(master.props.start.timeZone));
  const occurrences = occurrencesOf(master, untilWall).filter((o) => {
    const startMs = Date.parse(o.originalStartUtc);
    return !replaced.has(o.originalStartUtc) && startMs < toMs && startMs + Math.max(durationMs, 1) > fromMs;
  });
  const movedExceptions = exceptions.filter((e) => startUtcMs(e.props) < toMs && Math.max(endUtcMs(e.props), startUtcMs(e.props) + 1) > fromMs);
  return { occurrences, exceptions: movedExceptions };
};
