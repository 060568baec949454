/**
 * One `.ics` file of a zip tree as a calendar: its container and its events through the calendar codec. An
 * overridden instance names its series' master as its parent when the master is in the same file, so the engine
 * imports the master first; one whose master is elsewhere stands alone.
 */
import { AdapterError, type Container, type ExportedItem } from '../model/adapter';
import { parseCalendarFile, type CalendarFileInfo } from '../model/calendar-ics';
import type { CalendarEvent } from '../model/calendar';
import { entryText } from './zip-entry';
import type { ArchiveEntry } from './zip-archive';

/** A master by its UID, an overridden instance by its UID and the instance it replaces. */
export const eventId = (event: CalendarEvent): string => (event.recurrenceId ? `${event.uid}/${JSON.stringify(event.recurrenceId)}` : event.uid);

export interface CalendarFileItems {
  container: Container;
  items: ExportedItem<CalendarEvent>[];
}

/**
 * The file's calendar: `containerOf` makes the container from what the file says about itself, `eventKey` the item
 * key of an event by its eventId (a master's is its UID).
 */
export async function readCalendarFile(file: ArchiveEntry, containerOf: (info: CalendarFileInfo) => Container, eventKey: (id: string) => string): Promise<CalendarFileItems> {
  const text = await entryText(file);
  let parsed: ReturnType<typeof parseCalendarFile>;
  try {
    parsed = parseCalendarFile(text);
  } catch (error) {
    throw new AdapterError(`${file.path} in ${file.part} is not a calendar file Ferry can read (${(error as Error).message}).`, 'fatal');
  }
  const container = containerOf(parsed.calendar);
  const masters = new Set(parsed.events.filter((e) => !e.recurrenceId).map((e) => e.uid));
  const items = parsed.events.map((event) => {
    const item: ExportedItem<CalendarEvent> = { key: eventKey(eventId(event)), dataType: 'calendar', containerKey: container.key, title: event.title || '(no title)', data: event };
    if (event.recurrenceId && masters.has(event.uid)) item.parentKey = eventKey(event.uid);
    return item;
  });
  return { container, items };
}
