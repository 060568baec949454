/** events.insert, events.import, events.update, events.patch and events.delete. */
import { deleted, duplicate, notFound, requiredField } from '../errors';
import type { CalendarCall, Handler } from './api';
import { EVENT_ID, buildEvent, parseEventBody, type WriteContext, type WriteMode } from './event-body';
import { instanceStamp, parseEventDateTime, type EventDateTime } from './event-times';
import { present } from './events-read';
import { derivedInstance, isSeries } from './instances';
import type { CalendarRecord, EventResource } from './store';

function save(call: CalendarCall, record: CalendarRecord, event: EventResource): object {
  record.events.set(event.id, event);
  call.account.touch(record);
  return present(event, record, {});
}

function context(call: CalendarCall, record: CalendarRecord, mode: WriteMode, existing?: EventResource): WriteContext {
  return { account: call.account, calendar: record, mode, params: call.params, ...(existing ? { existing } : {}) };
}

async function insertEvent(call: CalendarCall): Promise<object> {
  const record = call.calendar();
  const ctx = context(call, record, 'insert');
  const body = parseEventBody(await call.json(), ctx);
  const id = body.id as string | undefined;
  if (id !== undefined && EVENT_ID.test(id) && record.events.has(id)) throw duplicate();
  if (typeof body.iCalUID === 'string' && call.account.findByICalUID(record, body.iCalUID)) throw duplicate();
  return save(call, record, buildEvent(body, ctx));
}

/**
 * events.import adds a private copy of an event known by its iCalUID. An iCalUID the calendar already holds
 * (deleted events included) is a 409 `duplicate`, or updates that event (see ImportExisting); an event with
 * `originalStartTime` whose iCalUID names a series here becomes that series' exception for the instance.
 */
async function importEvent(call: CalendarCall): Promise<object> {
  const record = call.calendar();
  const raw = parseEventBody(await call.json(), context(call, record, 'import'));
  const iCalUID = raw.iCalUID as string | undefined;
  if (!iCalUID) throw requiredField('Missing iCalUID.');
  const series = call.account.findByICalUID(record, iCalUID);
  const asException = raw.originalStartTime != null && series !== undefined && isSeries(series);
  if (series && !asException && call.importExisting === 'duplicate') throw duplicate();
  const existing = asException ? exceptionTarget(record, series, raw.originalStartTime as EventDateTime) : series;
  if (!existing && typeof raw.id === 'string' && EVENT_ID.test(raw.id) && record.events.has(raw.id)) throw duplicate();
  return save(call, record, buildEvent(raw, context(call, record, 'import', existing)));
}

function exceptionTarget(record: CalendarRecord, series: EventResource, originalStart: EventDateTime): EventResource | undefined {
  const stamp = instanceStamp(parseEventDateTime(originalStart, 'originalStart', false));
  const id = `${series.id}_${stamp}`;
  return record.events.get(id) ?? derivedInstance(record, id);
}

function changeEvent(mode: 'update' | 'patch'): Handler {
  return async (call) => {
    const record = call.calendar();
    const eventId = call.route.eventId ?? '';
    const existing = record.events.get(eventId) ?? derivedInstance(record, eventId);
    if (!existing) throw notFound();
    const ctx = context(call, record, mode, existing);
    return save(call, record, buildEvent(parseEventBody(await call.json(), ctx), ctx));
  };
}

function deleteEvent(call: CalendarCall): null {
  const record = call.calendar();
  const eventId = call.route.eventId ?? '';
  const target = record.events.get(eventId) ?? derivedInstance(record, eventId);
  if (!target) throw notFound();
  if (target.status === 'cancelled') throw deleted();
  const cancel = (e: EventResource): void => {
    record.events.set(e.id, { ...e, status: 'cancelled', etag: call.account.etag(), updated: call.account.timestamp() });
  };
  cancel(target);
  if (isSeries(target)) for (const e of record.events.values()) if (e.recurringEventId === target.id && e.status !== 'cancelled') cancel(e);
  call.account.touch(record);
  return null;
}

export const eventWriteHandlers = {
  'events.insert': insertEvent,
  'events.import': importEvent,
  'events.update': changeEvent('update'),
  'events.patch': changeEvent('patch'),
  'events.delete': deleteEvent,
} satisfies Record<string, Handler>;
