/**
 * Exports every calendar of the mailbox with its events: single events and series masters from
 * /calendars/{id}/events, each master with its changed occurrences (exceptionOccurrences, each an item
 * of its own) and its removed ones (cancelledOccurrences, EXDATEs of the master). Graph returns those two
 * only on a GET of the series master by id, never in a list, so each master is read again on its own.
 * https://learn.microsoft.com/graph/api/calendar-list-events
 * https://learn.microsoft.com/graph/api/resources/event#properties
 */
import type { AdapterContext, Container, ExportPage, ExportedItem, Exporter } from '../../../model/adapter';
import type { CalendarEvent } from '../../../model/calendar';
import { decodeCursor, encodeCursor } from '../../cursor';
import { graphBatch, graphNextPage, graphRequest, query } from '../client';
import type { GraphCalendar, GraphCollection, GraphEvent } from './api-types';
import { calendarPath, listCalendars } from './calendar-list';
import { EXPAND_ORIGIN } from './extended-properties';
import { fromGraphEvent, seriesOf } from './map';

/** Events per page; Outlook pages hold up to 1000, but a master brings its exceptions along. */
export const EVENTS_PAGE_SIZE = 100;

/** The event properties read, in a list and for each series master. */
const EVENT_FIELDS = [
  'id', 'subject', 'body', 'location', 'start', 'end', 'originalStartTimeZone', 'originalEndTimeZone', 'isAllDay',
  'isCancelled', 'isOrganizer', 'recurrence', 'type', 'showAs', 'sensitivity', 'organizer', 'attendees',
  'responseRequested', 'isReminderOn', 'reminderMinutesBeforeStart', 'categories', 'onlineMeeting', 'onlineMeetingUrl',
  'iCalUId', 'createdDateTime', 'lastModifiedDateTime',
].join(',');
/** cancelledOccurrences is not in Graph's default set and must be asked for. */
const SERIES_FIELDS = `${EVENT_FIELDS},cancelledOccurrences`;

/**
 * Where the export stands. The calendar ids are kept in the cursor, not re-listed on resume, so a calendar
 * added or removed meanwhile cannot shift which calendar an index means; `nextLink` is Graph's own.
 */
interface Cursor {
  calendars: string[];
  index: number;
  nextLink?: string;
}

export const containerKey = (account: string, calendarId: string): string => `microsoft:${account}:calendar:container:${calendarId}`;
export const eventKey = (account: string, eventId: string): string => `microsoft:${account}:calendar:${eventId}`;

function containerOf(account: string, calendar: GraphCalendar): Container {
  const container: Container = { key: containerKey(account, calendar.id), dataType: 'calendar', name: calendar.name };
  if (calendar.hexColor && /^#[0-9a-f]{6}$/i.test(calendar.hexColor)) container.color = calendar.hexColor.toLowerCase();
  if (calendar.isDefaultCalendar) container.isDefault = true;
  return container;
}

export class MicrosoftCalendarExporter implements Exporter {
  readonly dataType = 'calendar' as const;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = EVENTS_PAGE_SIZE,
  ) {}

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText !== undefined) return this.eventsPage(decodeCursor<Cursor>(cursorText), []);
    const calendars = await listCalendars(this.ctx);
    const containers = calendars.map((calendar) => containerOf(this.ctx.account, calendar));
    return this.eventsPage({ calendars: calendars.map((c) => c.id), index: 0 }, containers);
  }

  private async eventsPage(cursor: Cursor, containers: Container[]): Promise<ExportPage> {
    const calendarId = cursor.calendars[cursor.index];
    if (calendarId === undefined) return { containers, items: [] };
    const page = cursor.nextLink
      ? await graphNextPage<GraphCollection<GraphEvent>>(this.ctx, cursor.nextLink)
      : await graphRequest<GraphCollection<GraphEvent>>(this.ctx, 'GET', this.firstPageUrl(calendarId));
    const events = await this.withOccurrences(calendarId, page.value ?? []);
    const items = events.flatMap((event) => this.itemsOf(calendarId, event));
    const nextLink = page['@odata.nextLink'];
    const next: Cursor | undefined = nextLink
      ? { ...cursor, nextLink }
      : cursor.index + 1 < cursor.calendars.length
        ? { calendars: cursor.calendars, index: cursor.index + 1 }
        : undefined;
    return next ? { containers, items, next: encodeCursor(next) } : { containers, items };
  }

  private firstPageUrl(calendarId: string): string {
    const params = query({ $top: this.pageSize, $select: EVENT_FIELDS, $expand: EXPAND_ORIGIN });
    return `${calendarPath(calendarId)}/events${params}`;
  }

  /** The page's events, each series master read again by id (in $batch requests) for its occurrences. */
  private async withOccurrences(calendarId: string, events: GraphEvent[]): Promise<GraphEvent[]> {
    const params = query({ $select: SERIES_FIELDS, $expand: `exceptionOccurrences,${EXPAND_ORIGIN}` });
    const masters = events.filter((event) => event.recurrence);
    const answers = await graphBatch(
      this.ctx,
      masters.map((event, i) => ({ id: String(i), method: 'GET', url: `${calendarPath(calendarId)}/events/${encodeURIComponent(event.id)}${params}` })),
    );
    const byId = new Map<string, GraphEvent>();
    for (const answer of answers) {
      if (!answer.ok) throw answer.error;
      byId.set(masters[Number(answer.id)]!.id, answer.body as GraphEvent);
    }
    return events.map((event) => byId.get(event.id) ?? event);
  }

  /** A single event, or a series master followed by its changed occurrences. */
  private itemsOf(calendarId: string, event: GraphEvent): ExportedItem<CalendarEvent>[] {
    const account = this.ctx.account;
    const containerKeyOf = containerKey(account, calendarId);
    const data = fromGraphEvent(event);
    const master: ExportedItem<CalendarEvent> = { key: eventKey(account, event.id), dataType: 'calendar', containerKey: containerKeyOf, title: data.title, data };
    if (!event.recurrence) return [master];
    const series = seriesOf(event, data);
    const exceptions = (event.exceptionOccurrences ?? []).map((exception): ExportedItem<CalendarEvent> => {
      const instance = fromGraphEvent(exception, series);
      return {
        key: eventKey(account, exception.id),
        dataType: 'calendar',
        containerKey: containerKeyOf,
        parentKey: master.key,
        title: instance.title,
        data: instance,
      };
    });
    return [master, ...exceptions];
  }
}
