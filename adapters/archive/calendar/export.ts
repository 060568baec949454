/**
 * Exports the calendars of an archive's `calendar/` folder, one `.ics` file each, through the calendar codec. The
 * files are read when the export starts (a calendar file is small next to photos and mail); an overridden
 * instance names its series' master as its parent when the master is in the same file.
 */
import { AdapterError, type AdapterContext, type Container, type ExportPage, type ExportedItem, type Exporter } from '../../../model/adapter';
import { parseCalendarFile } from '../../../model/calendar-ics';
import type { CalendarEvent } from '../../../model/calendar';
import { pageAt, planOnce } from '../../archive-paging';
import { entryText } from '../../zip-entry';
import { openFerryArchive, typeFiles } from '../client';
import { calendarContainer, eventId } from './map';

export const PAGE_SIZE = 250;

export const containerKey = (account: string, path: string): string => `archive:${account}:calendar:container:${path}`;
export const eventKey = (account: string, path: string, id: string): string => `archive:${account}:calendar:${path}/${id}`;

interface Planned {
  containers: Container[];
  items: ExportedItem<CalendarEvent>[];
}

export class ArchiveCalendarExporter implements Exporter {
  readonly dataType = 'calendar' as const;
  private readonly open = planOnce(() => this.plan());

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<Planned> {
    const archive = await openFerryArchive(this.ctx);
    const files = typeFiles(archive, 'calendars', 'calendar').filter((f) => f.path.toLowerCase().endsWith('.ics'));
    const account = this.ctx.account;
    const containers: Container[] = [];
    const items: ExportedItem<CalendarEvent>[] = [];
    for (const { path, file } of files) {
      const text = await entryText(file);
      let parsed: ReturnType<typeof parseCalendarFile>;
      try {
        parsed = parseCalendarFile(text);
      } catch (error) {
        throw new AdapterError(`${file.path} in ${file.part} is not a calendar file Ferry can read (${(error as Error).message}).`, 'fatal');
      }
      const container = calendarContainer(containerKey(account, path), path, parsed.calendar);
      containers.push(container);
      const masters = new Set(parsed.events.filter((e) => !e.recurrenceId).map((e) => e.uid));
      for (const event of parsed.events) {
        const item: ExportedItem<CalendarEvent> = { key: eventKey(account, path, eventId(event)), dataType: 'calendar', containerKey: container.key, title: event.title || '(no title)', data: event };
        if (event.recurrenceId && masters.has(event.uid)) item.parentKey = eventKey(account, path, event.uid);
        items.push(item);
      }
    }
    return { containers, items };
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    const { containers, items } = await this.open();
    return pageAt(items, cursor, this.pageSize, () => containers);
  }
}
