/**
 * An archive calendar file → model container and events. The events are the calendar codec's own
 * (model/calendar-ics.ts) with nothing changed; X-WR-CALNAME, X-WR-CALDESC, X-WR-TIMEZONE and X-APPLE-CALENDAR-COLOR
 * make the container, named after the file when it has no X-WR-CALNAME. `primary.ics` is the account's default
 * calendar.
 */
import type { Container } from '../../../model/adapter';
import type { CalendarFileInfo } from '../../../model/calendar-ics';

export const PRIMARY_FILE = 'primary.ics';

export function calendarContainer(key: string, path: string, info: CalendarFileInfo): Container {
  const container: Container = { key, dataType: 'calendar', name: info.name?.trim() || path.replace(/\.ics$/i, '') };
  if (info.description) container.description = info.description;
  if (info.color) container.color = info.color;
  if (info.timeZone) container.timeZone = info.timeZone;
  if (path.toLowerCase() === PRIMARY_FILE) container.isDefault = true;
  return container;
}
