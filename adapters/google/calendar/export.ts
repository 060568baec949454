/**
 * Exports every calendar on the person's calendar list with its events: the series themselves
 * (singleEvents=false), their changed instances, and their cancelled instances, each an item.
 */
import { AdapterError, type AdapterContext, type Container, type ExportPage, type ExportedItem, type Exporter } from '../../../model/adapter';
import type { CalendarEvent } from '../../../model/calendar';
import { decodeCursor, encodeCursor } from '../../cursor';
import { googleRequest, query } from '../client';
import type { GoogleCalendarListEntry, GoogleEvent, GoogleEventList } from './api-types';
import { calendarPath, listCalendars } from './calendar-list';
import { fromGoogleEvent } from './map';

/** events.list's largest page (discovery document: "The page size can never be larger than 2500 events"). */
export const EVENTS_PAGE_SIZE = 2500;

/**
 * Where the export stands. The calendar ids are kept in the cursor, not re-listed on resume, so a calendar
 * added or removed meanwhile cannot shift which calendar an index means.
 */
interface Cursor {
  calendars: string[];
  index: number;
  pageToken?: string;
}

export const containerKey = (account: string, calendarId: string): string => `google:${account}:calendar:container:${calendarId}`;
export const eventKey = (account: string, calendarId: string, eventId: string): string =>
  `google:${account}:calendar:${calendarId}/${eventId}`;

function containerOf(account: string, entry: GoogleCalendarListEntry): Container {
  const container: Container = {
    key: containerKey(account, entry.id),
    dataType: 'calendar',
    name: entry.summaryOverride ?? entry.summary ?? entry.id,
  };
  if (entry.description) container.description = entry.description;
  if (entry.backgroundColor) container.color = entry.backgroundColor.toLowerCase();
  if (entry.timeZone) container.timeZone = entry.timeZone;
  if (entry.primary) container.isDefault = true;
  return container;
}

export class GoogleCalendarExporter implements Exporter {
  readonly dataType = 'calendar' as const;
  /** Series seen so far, by `<calendar id>/<event id>`: cancelled instances borrow their UID, title and length. */
  private readonly series = new Map<string, GoogleEvent>();

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = EVENTS_PAGE_SIZE,
  ) {}

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText !== undefined) return this.eventsPage(decodeCursor<Cursor>(cursorText), []);
    const entries = await listCalendars(this.ctx, 'reader');
    const containers = entries.map((entry) => containerOf(this.ctx.account, entry));
    return this.eventsPage({ calendars: entries.map((e) => e.id), index: 0 }, containers);
  }

  private async eventsPage(cursor: Cursor, containers: Container[]): Promise<ExportPage> {
    const calendarId = cursor.calendars[cursor.index];
    if (calendarId === undefined) return { containers, items: [] };
    // showDeleted brings the cancelled instances of series; deleted events that come along are dropped below.
    const params = query({ singleEvents: false, showDeleted: true, maxResults: this.pageSize, pageToken: cursor.pageToken });
    const page = await googleRequest<GoogleEventList>(this.ctx, 'GET', `${calendarPath(calendarId)}/events${params}`);
    const events = page.items ?? [];
    for (const event of events) if (event.recurrence?.length && event.id) this.series.set(`${calendarId}/${event.id}`, event);
    const items: ExportedItem<CalendarEvent>[] = [];
    for (const event of events) {
      const item = await this.itemOf(calendarId, event, page.timeZone ?? 'UTC');
      if (item) items.push(item);
    }
    const next: Cursor | undefined = page.nextPageToken
      ? { ...cursor, pageToken: page.nextPageToken }
      : cursor.index + 1 < cursor.calendars.length
        ? { calendars: cursor.calendars, index: cursor.index + 1 }
        : undefined;
    return next ? { containers, items, next: encodeCursor(next) } : { containers, items };
  }

  private async itemOf(calendarId: string, event: GoogleEvent, calendarZone: string): Promise<ExportedItem<CalendarEvent> | undefined> {
    if (!event.id) return undefined;
    const isInstance = Boolean(event.recurringEventId && event.originalStartTime);
    // A cancelled event that is not an instance of a series is a deleted event, not data.
    if (event.status === 'cancelled' && !isInstance) return undefined;
    if (!event.start && !isInstance) return undefined;
    const master = isInstance ? await this.seriesOf(calendarId, event) : undefined;
    const data = fromGoogleEvent(event, calendarZone, master);
    const account = this.ctx.account;
    const item: ExportedItem<CalendarEvent> = {
      key: eventKey(account, calendarId, event.id),
      dataType: 'calendar',
      containerKey: containerKey(account, calendarId),
      title: data.title,
      data,
    };
    if (isInstance) item.parentKey = eventKey(account, calendarId, event.recurringEventId!);
    return item;
  }

  /** The series of an instance; fetched only when a cancelled instance needs what Google left out of it. */
  private async seriesOf(calendarId: string, instance: GoogleEvent): Promise<GoogleEvent | undefined> {
    const key = `${calendarId}/${instance.recurringEventId}`;
    const known = this.series.get(key);
    if (known || (instance.iCalUID && instance.summary !== undefined && instance.end)) return known;
    const url = `${calendarPath(calendarId)}/events/${encodeURIComponent(instance.recurringEventId!)}`;
    try {
      const master = await googleRequest<GoogleEvent>(this.ctx, 'GET', url);
      this.series.set(key, master);
      return master;
    } catch (error) {
      // A series Google no longer has: the instance goes out with what it carries itself.
      if (error instanceof AdapterError && error.errorClass === 'skip') return undefined;
      throw error;
    }
  }
}
