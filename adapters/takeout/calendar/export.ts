/**
 * Exports the calendars of a Takeout's Calendar folder, one `.ics` file each, through the calendar codec.
 * The files are read when the export starts (a calendar file is small next to photos and mail); an
 * overridden instance names its series' master as its parent when the master is in the same file.
 */
import type { AdapterContext, Container, ExportPage, ExportedItem, Exporter } from '../../../model/adapter';
import type { CalendarEvent } from '../../../model/calendar';
import { planOnce, planPage, type PlannedList } from '../../archive-paging';
import { readCalendarFile } from '../../ics-calendars';
import { openTakeout, productFiles, productMissing } from '../client';
import { calendarContainer } from './map';

export const PAGE_SIZE = 250;
/** The Calendar folder's name in the languages Takeout is written in. */
export const CALENDAR_FOLDERS = ['Calendar', 'Kalender', 'Calendrier', 'Calendario', 'Agenda', 'Calendário'];

export const containerKey = (account: string, path: string): string => `takeout:${account}:calendar:container:${path}`;
export const eventKey = (account: string, path: string, id: string): string => `takeout:${account}:calendar:${path}/${id}`;

export class TakeoutCalendarExporter implements Exporter {
  readonly dataType = 'calendar' as const;
  private readonly open = planOnce(() => this.plan());

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<PlannedList<CalendarEvent>> {
    const tree = await openTakeout(this.ctx);
    const folder = productFiles(tree, CALENDAR_FOLDERS);
    const files = folder?.files.filter((f) => f.path.toLowerCase().endsWith('.ics')) ?? [];
    if (!files.length) throw productMissing(tree, 'Google Calendar', CALENDAR_FOLDERS[0]!);
    const account = this.ctx.account;
    const containers: Container[] = [];
    const items: ExportedItem<CalendarEvent>[] = [];
    for (const file of files) {
      const calendar = await readCalendarFile(file, (info) => calendarContainer(containerKey(account, file.path), file.path, info), (id) => eventKey(account, file.path, id));
      containers.push(calendar.container);
      items.push(...calendar.items);
    }
    if (containers.filter((c) => c.isDefault).length > 1) for (const c of containers) delete c.isDefault;
    return { containers, items };
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    return planPage(this.open(), cursor, this.pageSize);
  }
}
