/** `calendar/<calendar>.ics`: one file per calendar, the default one `primary.ics` (tests/sandbox/README.md). */
import type { CalendarEvent } from '../../../model/calendar';
import { writeCalendarFile } from '../../../model/calendar-ics';
import type { LayoutContext } from './layout-context';
import { NameTaker, safeSegment } from './names';
import { stagedGroups } from './staged-groups';

const PRIMARY = 'primary';

export async function writeCalendars(ctx: LayoutContext): Promise<number> {
  const groups = await stagedGroups<CalendarEvent>(ctx.scratch, 'calendar', 'Calendar');
  const names = new NameTaker([PRIMARY]);
  let primaryGiven = false;
  let count = 0;
  for (const { container, items } of groups) {
    const isPrimary: boolean = container.isDefault === true && !primaryGiven;
    primaryGiven ||= isPrimary;
    const name = isPrimary ? names.claim(PRIMARY) : names.take(safeSegment(container.name, 'calendar'));
    const info = {
      name: container.name,
      ...(container.description && { description: container.description }),
      ...(container.timeZone && { timeZone: container.timeZone }),
      ...(container.color && { color: container.color }),
    };
    const text = writeCalendarFile(info, items.map(({ item }) => item.data), { now: ctx.madeAt });
    await ctx.zip.add(`calendar/${name}.ics`, text, { compress: true, modified: ctx.madeAt });
    count += items.length;
  }
  return count;
}
