/** The person's calendars, as both the exporter and the importer read them. */
import type { AdapterContext } from '../../../model/adapter';
import { CALENDAR_API, googleRequest, query } from '../client';
import type { GoogleCalendarList, GoogleCalendarListEntry } from './api-types';

/** calendarList.list's largest page (discovery document). */
const CALENDAR_LIST_PAGE_SIZE = 250;

export const calendarPath = (calendarId: string): string => `${CALENDAR_API}/calendars/${encodeURIComponent(calendarId)}`;

/**
 * The calendar list, hidden entries included, down to `minAccessRole`: `reader` for export (free/busy-only
 * calendars hold no event details), `owner` when looking for a calendar to import into.
 */
export async function listCalendars(ctx: AdapterContext, minAccessRole: 'reader' | 'owner'): Promise<GoogleCalendarListEntry[]> {
  const entries: GoogleCalendarListEntry[] = [];
  let pageToken: string | undefined;
  do {
    const params = query({ maxResults: CALENDAR_LIST_PAGE_SIZE, minAccessRole, showHidden: true, pageToken });
    const page = await googleRequest<GoogleCalendarList>(ctx, 'GET', `${CALENDAR_API}/users/me/calendarList${params}`);
    entries.push(...(page.items ?? []));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return entries;
}
