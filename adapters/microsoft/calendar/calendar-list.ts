/** The person's calendars, as both the exporter and the importer read them. */
import type { AdapterContext } from '../../../model/adapter';
import { GRAPH_API, graphNextPage, graphRequest, query } from '../client';
import type { GraphCalendar, GraphCollection } from './api-types';

const CALENDAR_FIELDS = 'id,name,hexColor,isDefaultCalendar,canEdit,owner';

export const calendarPath = (calendarId: string): string => `${GRAPH_API}/me/calendars/${encodeURIComponent(calendarId)}`;

/** Every calendar of the mailbox's calendar folders (https://learn.microsoft.com/graph/api/user-list-calendars). */
export async function listCalendars(ctx: AdapterContext): Promise<GraphCalendar[]> {
  const calendars: GraphCalendar[] = [];
  let page = await graphRequest<GraphCollection<GraphCalendar>>(ctx, 'GET', `${GRAPH_API}/me/calendars${query({ $select: CALENDAR_FIELDS })}`);
  calendars.push(...(page.value ?? []));
  while (page['@odata.nextLink']) {
    page = await graphNextPage<GraphCollection<GraphCalendar>>(ctx, page['@odata.nextLink']);
    calendars.push(...(page.value ?? []));
  }
  return calendars;
}

/** The mailbox's default calendar (https://learn.microsoft.com/graph/api/calendar-get). */
export const defaultCalendar = (ctx: AdapterContext): Promise<GraphCalendar> =>
  graphRequest<GraphCalendar>(ctx, 'GET', `${GRAPH_API}/me/calendar${query({ $select: CALENDAR_FIELDS })}`);
