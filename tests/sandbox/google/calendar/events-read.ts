/** events.list, events.get and events.instances. */
import { badRequest, notFound } from '../errors';
import type { CalendarCall, Handler } from './api';
import { fullSyncRequired } from './calendars';
import { instantOf, parseTimestamp, renderTiming, timingOf } from './event-times';
import { derivedInstance, isSeries, seriesInstances } from './instances';
import { paginate, readSyncToken, syncTokenAt } from './paging';
import type { Params } from './query-params';
import { expandSeries, type Window } from './recurrence';
import type { CalendarRecord, EventResource } from './store';

const DEFAULT_MAX_RESULTS = 250;
/** "The page size can never be larger than 2500 events" (events.list reference): larger asks are cut. */
const MAX_RESULTS = 2500;

/** Parameters that cannot accompany a syncToken (events.list reference, syncToken). */
const NOT_WITH_SYNC = ['iCalUID', 'orderBy', 'privateExtendedProperty', 'q', 'sharedExtendedProperty', 'timeMin', 'timeMax', 'updatedMin'];

const isException = (e: EventResource): boolean => e.recurringEventId !== undefined;

/** What a client sees of an event: a cancelled instance shows only what identifies it. */
export function present(e: EventResource, record: CalendarRecord, params: Params): Record<string, unknown> {
  if (e.status === 'cancelled' && isException(e)) {
    return { kind: e.kind, etag: e.etag, id: e.id, status: e.status, recurringEventId: e.recurringEventId, originalStartTime: e.originalStartTime };
  }
  const zone = (params.timeZone as string | undefined) ?? record.calendar.timeZone;
  const out: Record<string, unknown> = { ...e, start: rezone(e.start, zone), end: rezone(e.end, zone) };
  if (e.originalStartTime) out.originalStartTime = rezone(e.originalStartTime, zone);
  const maxAttendees = params.maxAttendees as number | undefined;
  if (maxAttendees !== undefined && e.attendees && e.attendees.length > maxAttendees) {
    out.attendees = e.attendees.filter((a) => a.self);
    out.attendeesOmitted = true;
  }
  return out;
}

const rezone = (t: EventResource['start'], zone: string): EventResource['start'] => renderTiming(timingOf(t), zone);

function windowOf(params: Params): Window {
  const from = params.timeMin === undefined ? undefined : parseTimestamp(params.timeMin as string);
  const to = params.timeMax === undefined ? undefined : parseTimestamp(params.timeMax as string);
  if (from !== undefined && to !== undefined && from >= to) {
    throw badRequest('The specified time range is empty.', 'timeRangeEmpty', 'calendar', 'timeMax');
  }
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

function overlaps(e: EventResource, window: Window, zone: string): boolean {
  if (isSeries(e)) return window.from === undefined && window.to === undefined ? true : expandSeries(e, zone, window).length > 0;
  const start = instantOf(timingOf(e.start), zone);
  const end = instantOf(timingOf(e.end), zone);
  return (window.from === undefined || end > window.from) && (window.to === undefined || start < window.to);
}

function matchesText(e: EventResource, q: string): boolean {
  const needle = q.toLowerCase();
  const haystack = [e.summary, e.description, e.location, e.organizer.email, e.organizer.displayName, ...(e.attendees ?? []).flatMap((a) => [a.email, a.displayName])];
  return haystack.some((s) => s?.toLowerCase().includes(needle));
}

function matchesProperties(e: EventResource, wanted: readonly string[] | undefined, scope: 'private' | 'shared'): boolean {
  const props = (e.extendedProperties as Record<string, Record<string, string>> | undefined)?.[scope] ?? {};
  return (wanted ?? []).every((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 1) throw badRequest(`Invalid ${scope}ExtendedProperty value: ${pair}`);
    return props[pair.slice(0, eq)] === pair.slice(eq + 1);
  });
}

function listEvents(call: CalendarCall): object {
  const { params, account } = call;
  const record = call.calendar();
  const zone = record.calendar.timeZone;
  const syncToken = params.syncToken as string | undefined;
  const clash = syncToken === undefined ? undefined : NOT_WITH_SYNC.find((name) => params[name] !== undefined);
  if (clash) throw badRequest(`The syncToken parameter cannot be combined with ${clash}.`, 'invalid', 'global', clash);
  const since = syncToken === undefined ? undefined : readSyncToken(syncToken);
  if (syncToken !== undefined && since === undefined) throw fullSyncRequired();
  const singleEvents = params.singleEvents === true;
  if (params.orderBy === 'startTime' && !singleEvents) {
    throw badRequest('The requested ordering is not available for the particular query.', 'invalid', 'global', 'orderBy');
  }
  const window = windowOf(params);
  const updatedMin = params.updatedMin === undefined ? since : parseTimestamp(params.updatedMin as string);
  const showDeleted = params.showDeleted === true || updatedMin !== undefined;
  const types = params.eventTypes as string[] | undefined;

  const stored = [...record.events.values()].filter(
    (e) =>
      (params.iCalUID === undefined || e.iCalUID === params.iCalUID) &&
      (types === undefined || types.includes(e.eventType)) &&
      (params.q === undefined || matchesText(e, params.q as string)) &&
      matchesProperties(e, params.privateExtendedProperty as string[] | undefined, 'private') &&
      matchesProperties(e, params.sharedExtendedProperty as string[] | undefined, 'shared'),
  );
  const candidates = singleEvents
    ? stored.filter((e) => !isException(e)).flatMap((e) => (isSeries(e) && e.status !== 'cancelled' ? seriesInstances(record, e, window) : isSeries(e) ? [] : [e]))
    : stored;
  let items = candidates.filter(
    (e) =>
      overlaps(e, window, zone) &&
      (updatedMin === undefined || Date.parse(e.updated) >= updatedMin) &&
      (e.status !== 'cancelled' || showDeleted || (!singleEvents && isException(e))),
  );
  if (params.orderBy === 'startTime') items = [...items].sort((a, b) => instantOf(timingOf(a.start), zone) - instantOf(timingOf(b.start), zone) || a.id.localeCompare(b.id));
  if (params.orderBy === 'updated') items = [...items].sort((a, b) => a.updated.localeCompare(b.updated) || a.id.localeCompare(b.id));

  const maxResults = Math.min((params.maxResults as number | undefined) ?? DEFAULT_MAX_RESULTS, MAX_RESULTS);
  const page = paginate(items, maxResults, params.pageToken as string | undefined);
  return {
    ...collection(call, record),
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : { nextSyncToken: syncTokenAt(account.now()) }),
    items: page.items.map((e) => present(e, record, params)),
  };
}

function collection(call: CalendarCall, record: CalendarRecord): Record<string, unknown> {
  return {
    kind: 'calendar#events',
    etag: call.account.etag(),
    summary: record.calendar.summary,
    ...(record.calendar.description !== undefined ? { description: record.calendar.description } : {}),
    updated: record.updated,
    timeZone: (call.params.timeZone as string | undefined) ?? record.calendar.timeZone,
    accessRole: record.list.accessRole,
    defaultReminders: record.list.defaultReminders,
  };
}

/** A stored event (cancelled ones too: "the get method always returns them"), else a derived instance. */
export function findEvent(record: CalendarRecord, eventId: string): EventResource {
  const event = record.events.get(eventId) ?? derivedInstance(record, eventId);
  if (!event) throw notFound();
  return event;
}

function getEvent(call: CalendarCall): object {
  const record = call.calendar();
  return present(findEvent(record, call.route.eventId ?? ''), record, call.params);
}

function listInstances(call: CalendarCall): object {
  const { params } = call;
  const record = call.calendar();
  const master = record.events.get(call.route.eventId ?? '');
  if (!master) throw notFound();
  const window = windowOf(params);
  const originalStart = params.originalStart === undefined ? undefined : parseTimestamp(params.originalStart as string);
  if (params.originalStart !== undefined && originalStart === undefined) throw badRequest('Invalid originalStart value.', 'invalid', 'global', 'originalStart');
  const all = isSeries(master) && master.status !== 'cancelled' ? seriesInstances(record, master, window) : [];
  const items = all.filter(
    (e) =>
      (e.status !== 'cancelled' || params.showDeleted === true) &&
      (originalStart === undefined || instantOf(timingOf(e.originalStartTime ?? e.start), record.calendar.timeZone) === originalStart),
  );
  const maxResults = Math.min((params.maxResults as number | undefined) ?? DEFAULT_MAX_RESULTS, MAX_RESULTS);
  const page = paginate(items, maxResults, params.pageToken as string | undefined);
  return {
    ...collection(call, record),
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    items: page.items.map((e) => present(e, record, params)),
  };
}

export const eventReadHandlers = {
  'events.list': listEvents,
  'events.get': getEvent,
  'events.instances': listInstances,
} satisfies Record<string, Handler>;
