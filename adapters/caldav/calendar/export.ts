/**
 * Exports every calendar in the account's calendar home that takes events, with their events: each
 * resource's series master and its overrides (which name the master as their parent), page by page.
 * Members are listed with sync-collection where the server offers it, else PROPFIND, and read with
 * calendar-multiget; the cursor holds the calendars and the last resource done, in URL order.
 */
import type { AdapterContext, Container, ExportPage, ExportedItem, Exporter } from '../../../model/adapter';
import type { CalendarEvent } from '../../../model/calendar';
import { decodeCursor, encodeCursor } from '../../cursor';
import { collectionKey, collectionsFor, defaultCollection, resourceKey } from '../collections';
import { fetchObjects, listMembers, type DavCollection, type DavMember, type DavObject } from '../webdav/collections';
import { accountOf } from '../webdav/discovery';
import { eventsOfResource, recurrenceKey } from './map';

/** Resources read per page: one calendar-multiget. */
export const RESOURCES_PER_PAGE = 100;

interface Cursor {
  calendars: string[];
  at: number;
  /** URL of the last resource exported in `calendars[at]`. */
  after?: string;
}

/** What a CalDAV exporter of one component (events, tasks) shares: calendars, members, paging. */
export abstract class CalDavPagedExporter {
  private collections?: Promise<DavCollection[]>;
  private readonly members = new Map<string, Promise<DavMember[]>>();

  constructor(
    protected readonly ctx: AdapterContext,
    readonly dataType: 'calendar' | 'tasks',
    protected readonly component: 'VEVENT' | 'VTODO',
    protected readonly pageSize: number,
  ) {}

  protected calendars(): Promise<DavCollection[]> {
    this.collections ??= accountOf(this.ctx, 'caldav').then((account) => collectionsFor(this.ctx, account, 'caldav', this.component));
    return this.collections;
  }

  protected membersOf(calendar: DavCollection): Promise<DavMember[]> {
    let members = this.members.get(calendar.url);
    if (!members) {
      members = listMembers(this.ctx, calendar, `listing the ${this.dataType === 'calendar' ? 'events' : 'tasks'} of "${calendar.name}"`);
      members.catch(() => this.members.delete(calendar.url));
      this.members.set(calendar.url, members);
    }
    return members;
  }

  protected containerKey(url: string): string {
    return collectionKey('caldav', this.ctx.account, this.dataType, url);
  }

  protected async containers(): Promise<{ calendars: DavCollection[]; containers: Container[] }> {
    const account = await accountOf(this.ctx, 'caldav');
    const calendars = await this.calendars();
    const own = defaultCollection(account, calendars, this.component);
    const containers = calendars.map((c): Container => {
      const container: Container = { key: this.containerKey(c.url), dataType: this.dataType, name: c.name };
      if (c.description) container.description = c.description;
      if (c.color) container.color = c.color;
      if (c.timeZone) container.timeZone = c.timeZone;
      if (c === own) container.isDefault = true;
      return container;
    });
    return { calendars, containers };
  }
}

export class CalDavCalendarExporter extends CalDavPagedExporter implements Exporter {
  constructor(ctx: AdapterContext, pageSize = RESOURCES_PER_PAGE) {
    super(ctx, 'calendar', 'VEVENT', pageSize);
  }

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText !== undefined) return this.page(decodeCursor<Cursor>(cursorText), []);
    const { calendars, containers } = await this.containers();
    return this.page({ calendars: calendars.map((c) => c.url), at: 0 }, containers);
  }

  private async page(cursor: Cursor, containers: Container[]): Promise<ExportPage> {
    const known = await this.calendars();
    const items: ExportedItem<CalendarEvent>[] = [];
    let { at, after } = cursor;
    let taken = 0;
    while (at < cursor.calendars.length && taken < this.pageSize) {
      const calendar = known.find((c) => c.url === cursor.calendars[at]);
      const rest = calendar ? (await this.membersOf(calendar)).filter((m) => after === undefined || m.url > after) : [];
      const chunk = rest.slice(0, this.pageSize - taken);
      if (calendar && chunk.length) {
        const objects = await fetchObjects(this.ctx, calendar, chunk, 'caldav', `reading the events of "${calendar.name}"`);
        for (const object of objects) items.push(...this.itemsOf(object, calendar));
      }
      taken += chunk.length;
      if (chunk.length === rest.length) {
        at += 1;
        after = undefined;
      } else {
        after = chunk[chunk.length - 1]!.url;
      }
    }
    const page: ExportPage = { containers, items };
    if (at < cursor.calendars.length) page.next = encodeCursor<Cursor>(after === undefined ? { calendars: cursor.calendars, at } : { calendars: cursor.calendars, at, after });
    return page;
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
