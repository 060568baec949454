/** calendarList.list/get and calendars.get/insert/update/patch/delete. */
import { GoogleApiError, badRequest, requiredField } from '../errors';
import type { CalendarCall, Handler } from './api';
import { paginate, readSyncToken, syncTokenAt } from './paging';
import type { CalendarRecord } from './store';
import { isKnownTimeZone } from './time-zones';
import { validateResource } from './validate-schema';

const PRIMARY_NOTIFICATIONS = {
  notifications: [
    { type: 'eventCreation', method: 'email' },
    { type: 'eventChange', method: 'email' },
    { type: 'eventCancellation', method: 'email' },
    { type: 'eventResponse', method: 'email' },
  ],
};

export function calendarListEntry(r: CalendarRecord): Record<string, unknown> {
  const { calendar: c, list: l } = r;
  return {
    kind: 'calendar#calendarListEntry',
    etag: l.etag,
    id: c.id,
    summary: c.summary,
    ...(c.description !== undefined ? { description: c.description } : {}),
    ...(c.location !== undefined ? { location: c.location } : {}),
    timeZone: c.timeZone,
    ...(l.summaryOverride !== undefined ? { summaryOverride: l.summaryOverride } : {}),
    colorId: l.colorId,
    backgroundColor: l.backgroundColor,
    foregroundColor: l.foregroundColor,
    ...(l.hidden ? { hidden: true } : {}),
    selected: l.selected,
    accessRole: l.accessRole,
    defaultReminders: l.defaultReminders,
    ...(l.primary ? { notificationSettings: PRIMARY_NOTIFICATIONS, primary: true } : {}),
    conferenceProperties: c.conferenceProperties,
  };
}

const MAX_LIST_RESULTS = 250;
const DEFAULT_LIST_RESULTS = 100;

function listCalendars(call: CalendarCall): object {
  const { params, account } = call;
  const syncToken = params.syncToken as string | undefined;
  const since = syncToken === undefined ? undefined : readSyncToken(syncToken);
  if (syncToken !== undefined && since === undefined) throw fullSyncRequired();
  const entries = [...account.calendars.values()].filter(
    (r) => (params.showHidden === true || since !== undefined || !r.list.hidden) && (since === undefined || etagTime(r) > since),
  );
  const maxResults = Math.min((params.maxResults as number | undefined) ?? DEFAULT_LIST_RESULTS, MAX_LIST_RESULTS);
  const page = paginate(entries, maxResults, params.pageToken as string | undefined);
  return {
    kind: 'calendar#calendarList',
    etag: account.etag(),
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : { nextSyncToken: syncTokenAt(account.now() * 1000) }),
    items: page.items.map(calendarListEntry),
  };
}

const etagTime = (r: CalendarRecord): number => Math.max(Number(r.list.etag.slice(1, -1)), Number(r.calendar.etag.slice(1, -1)));

export const fullSyncRequired = (): GoogleApiError =>
  new GoogleApiError(410, [{ domain: 'calendar', reason: 'fullSyncRequired', message: 'Sync token is no longer valid, a full sync is required.' }]);

interface CalendarBody {
  summary?: string | null;
  description?: string | null;
  location?: string | null;
  timeZone?: string | null;
}

async function calendarBody(call: CalendarCall): Promise<CalendarBody> {
  const body = await call.json();
  validateResource(body, 'Calendar');
  const b = body as CalendarBody;
  if (b.timeZone != null && !isKnownTimeZone(b.timeZone)) throw badRequest('Invalid time zone definition.');
  return b;
}

async function insertCalendar(call: CalendarCall): Promise<object> {
  const b = await calendarBody(call);
  if (!b.summary) throw requiredField('Missing title.');
  const record = call.account.addCalendar({
    summary: b.summary,
    ...(b.description != null ? { description: b.description } : {}),
    ...(b.location != null ? { location: b.location } : {}),
    ...(b.timeZone != null ? { timeZone: b.timeZone } : {}),
    createdBy: call.grant.clientId,
  });
  return record.calendar;
}

function changeCalendar(replace: boolean): Handler {
  return async (call) => {
    const record = call.calendar();
    const b = await calendarBody(call);
    if (replace && !b.summary) throw requiredField('Missing title.');
    const c = record.calendar;
    const apply = (key: 'summary' | 'description' | 'location' | 'timeZone'): void => {
      const value = b[key];
      if (value === undefined && !replace) return;
      if (value == null) {
        if (key !== 'summary' && key !== 'timeZone') delete c[key];
      } else {
        c[key] = value;
      }
    };
    (['summary', 'description', 'location', 'timeZone'] as const).forEach(apply);
    c.etag = call.account.etag();
    record.list.etag = call.account.etag();
    call.account.touch(record);
    return c;
  };
}

function deleteCalendar(call: CalendarCall): null {
  const record = call.calendar();
  if (record.list.primary) throw badRequest('The primary calendar cannot be deleted.', 'cannotDeletePrimaryCalendar', 'calendar');
  call.account.calendars.delete(record.calendar.id);
  return null;
}

export const calendarHandlers = {
  'calendarList.list': listCalendars,
  'calendarList.get': (call) => calendarListEntry(call.calendar()),
  'calendars.get': (call) => call.calendar().calendar,
  'calendars.insert': insertCalendar,
  'calendars.update': changeCalendar(true),
  'calendars.patch': changeCalendar(false),
  'calendars.delete': deleteCalendar,
} satisfies Record<string, Handler>;
