/**
 * Exports every calendar in the account's calendar home that takes events, with their events: each
 * resource's series master and its overrides (which name the master as their parent), page by page.
 * Members are listed with sync-collection where the server offers it, else PROPFIND, and read with
 * calendar-multiget; the cursor holds the calendars and the last resource done, in URL order.
 */
import type { AdapterContext, ExportPage, ExportedItem, Exporter } from '../../../model/adapter';
import type { CalendarEvent } from '../../../model/calendar';
import { DavCollectionExporter } from '../collection-export';
import { resourceKey } from '../collections';
import type { DavCollection, DavObject } from '../webdav/collections';
import { eventsOfResource, recurrenceKey } from './map';

/** Resources read per page: one calendar-multiget. */
export const RESOURCES_PER_PAGE = 100;

export class CalDavCalendarExporter extends DavCollectionExporter implements Exporter {
  constructor(ctx: AdapterContext, pageSize = RESOURCES_PER_PAGE) {
    super(ctx, 'caldav', 'calendar', 'VEVENT', pageSize);
  }

  exportPage(cursorText: string | undefined): Promise<ExportPage> {
    return this.memberPage(cursorText, (object, calendar) => this.itemsOf(object, calendar));
  }

  /** One item per VEVENT: a master keyed by its resource, an override by the resource and its instance. */
  private itemsOf(object: DavObject, calendar: DavCollection): ExportedItem<CalendarEvent>[] {
    const { events } = eventsOfResource(object.data);
    const firstUid = events.find((e) => !e.recurrenceId)?.uid ?? events[0]?.uid;
    const seriesKey = (uid: string) => resourceKey('caldav', this.ctx.account, 'calendar', object.url, uid === firstUid ? undefined : uid);
    const masters = new Set(events.filter((e) => !e.recurrenceId).map((e) => e.uid));
    return events.map((event): ExportedItem<CalendarEvent> => {
      const base = seriesKey(event.uid);
      const item: ExportedItem<CalendarEvent> = {
        key: event.recurrenceId ? `${base}${base.includes('#') ? '/' : '#'}${recurrenceKey(event.recurrenceId)}` : base,
        dataType: 'calendar',
        containerKey: this.containerKey(calendar.url),
        title: event.title,
        data: event,
      };
      if (event.recurrenceId && masters.has(event.uid)) item.parentKey = base;
      return item;
    });
  }
}
