/**
 * Exports the calendars of an archive's `calendar/` folder, one `.ics` file each, through the calendar codec. The
 * files are read when the export starts (a calendar file is small next to photos and mail); an overridden
 * instance names its series' master as its parent when the master is in the same file.
 */
import type { AdapterContext, Container, ExportPage, ExportedItem, Exporter } from '../../../model/adapter';
import type { CalendarEvent } from '../../../model/calendar';
import { planOnce, planPage, type PlannedList } from '../../archive-paging';
import { readCalendarFile } from '../../ics-calendars';
import { openFerryArchive, typeFiles } from '../client';
import { calendarContainer } from './map';

export const PAGE_SIZE = 250;

export const containerKey = (account: string, path: string): string => `archive:${account}:calendar:container:${path}`;
export const eventKey = (account: string, path: string, id: string): string => `archive:${account}:calendar:${path}/${id}`;

export class ArchiveCalendarExporter implements Exporter {
  readonly dataType = 'calendar' as const;
  private readonly open = planOnce(() => this.plan());

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<PlannedList<CalendarEvent>> {
    const archive = await openFerryArchive(this.ctx);
    const files = typeFiles(archive, 'calendars', 'calendar').filter((f) => f.path.toLowerCase().endsWith('.ics'));
    const account = this.ctx.account;
    const containers: Container[] = [];
    const items: ExportedItem<CalendarEvent>[] = [];
    for (const { path, file } of files) {
      const calendar = await readCalendarFile(file, (info) => calendarContainer(containerKey(account, path), path, info), (id) => eventKey(account, path, id));
      containers.push(calendar.container);
      items.push(...calendar.items);
    }
    return { containers, items };
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    return planPage(this.open(), cursor, this.pageSize);
  }
}
