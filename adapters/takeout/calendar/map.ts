/**
 * A Takeout calendar file → model container and events. The events are the calendar codec's own
 * (model/calendar-ics.ts) with nothing changed; what Google writes about the calendar itself (X-WR-CALNAME,
 * X-WR-CALDESC, X-WR-TIMEZONE) makes the container. Google names the primary calendar by the account's address.
 */
import type { Container } from '../../../model/adapter';
import type { CalendarFileInfo } from '../../../model/calendar-ics';
import { baseNameOf } from '../../zip-archive';

export function calendarContainer(key: string, path: string, info: CalendarFileInfo): Container {
  const container: Container = { key, dataType: 'calendar', name: info.name?.trim() || baseNameOf(path).replace(/\.ics$/i, '') };
  if (info.description) container.description = info.description;
  if (info.color) container.color = info.color;
  if (info.timeZone) container.timeZone = info.timeZone;
  if (/^[^@\s]+@[^@\s]+$/.test(container.name)) container.isDefault = true;
  return container;
}
