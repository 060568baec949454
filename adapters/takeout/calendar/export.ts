/**
 * Exports the calendars of a Takeout's Calendar folder, one `.ics` file each, through the calendar codec.
 * The files are read when the export starts (a calendar file is small next to photos and mail); an
 * overridden instance names its series' master as its parent when the master is in the same file.
 */
import { AdapterError, type AdapterContext, type Container, type ExportPage, type ExportedItem, type Exporter } from '../../../model/adapter';
import { parseCalendarFile } from '../../../model/calendar-ics';
import type { CalendarEvent } from '../../../model/calendar';
import { pageAt, planOnce } from '../../archive-paging';
import { entryText } from '../../zip-entry';
import { openTakeout, productFiles, productMissing } from '../client';
import { calendarContainer, eventId } from './map';

export const PAGE_SIZE = 250;
/** The Calendar folder's name in the languages Takeout is written in. */
export const CALENDAR_FOLDERS = ['Calendar', 'Kalender', 'Calendrier', 'Calendario', 'Agenda', 'Calendário'];

export const containerKey = (account: string, path: string): string => `takeout:${account}:calendar:container:${path}`;
export const eventKey = (account: string, path: string, id: string): string => `takeout:${account}:calendar:${path}/${id}`;

interface Planned {
  containers: Container[];
  items: ExportedItem<CalendarEvent>[];
}

export class TakeoutCalendarExporter implements Exporter {
  readonly dataType = 'calendar' as const;
  private readonly open = planOnce(() => this.plan());

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<Planned> {
    const tree = await openTakeout(this.ctx);
    const folder = productFiles(tree, CALENDAR_FOLDERS);
    const files = folder?.files.filter((f) => f.path.toLowerCase().endsWith('.ics')) ?? [];
    if (!files.length) throw productMissing(tree, 'Google Calendar', CALENDAR_FOLDERS[0]!);
    const account = this.ctx.account;
    const containers: Container[] = [];
    const items: ExportedItem<CalendarEvent>[] = [];
    for (const file of files) {
      let parsed: ReturnType<typeof parseCalendarFile>;
      try {
        parsed = parseCalendarFile(await entryText(file));
      } catch (error) {
        throw new AdapterError(`${file.path} in ${file.part} is not a calendar file Ferry can read (${(error as Error).message}).`, 'fatal');
      }
      const container = calendarContainer(containerKey(account, file.path), file.path, parsed.calendar);
      containers.push(container);
      const masters = new Set(parsed.events.filter((e) => !e.recurrenceId).map((e) => e.uid));
      for (const event of parsed.events) {
        const item: ExportedItem<CalendarEvent> = { key: eventKey(account, file.path, eventId(event)), dataType: 'calendar', containerKey: container.key, title: event.title || '(no title)', data: event };
        if (event.recurrenceId && masters.has(event.uid)) item.parentKey = eventKey(account, file.path, event.uid);
        items.push(item);
      }
    }
    if (containers.filter((c) => c.isDefault).length > 1) for (const c of containers) delete c.isDefault;
    return { containers, items };
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    const { containers, items } = await this.open();
    return pageAt(items, cursor, this.pageSize, () => containers);
  }
}
