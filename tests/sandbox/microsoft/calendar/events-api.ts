/**
 * Events: list, get, create, update, delete, instances and cancel
 * (https://learn.microsoft.com/graph/api/resources/event). A series is a master item; its occurrences
 * have ids of their own, an updated occurrence becomes an exception, a deleted one a cancelled occurrence.
 */
import { ALICE, sameAddress } from '../account';
import { noContent, ok, readJson, type GraphCall, type GraphReply } from '../graph/call';
import { badRequest, GraphError, notFound } from '../graph/errors';
import { evaluateFilter } from '../graph/filter';
import { parseQueryOptions, sortItems, type QueryOptions, type QueryRules } from '../graph/odata';
import { pageOf } from '../graph/paging';
import { applyEventInput, readEventInput, type EventInput } from './event-input';
import { fingerprint, instanceICalUId, newICalUId, parseOccurrenceId } from './ids';
import { findOccurrence, instancesBetween, occurrenceProps, startUtcMs, type Occurrence } from './instances';
import { filterView, presentEvent, shapeOfOccurrence, shapeOfStored } from './present';
import { selectableProperties } from './schema';
import { newEventShell, type CalendarStore, type ExtendedProperty, type StoredEvent } from './store';

const FILTERABLE = [
  'subject', 'iCalUId', 'type', 'transactionId', 'showAs', 'sensitivity', 'importance', 'isAllDay', 'isCancelled',
  'isOrganizer', 'seriesMasterId', 'hasAttachments', 'createdDateTime', 'lastModifiedDateTime', 'start/dateTime',
  'end/dateTime', 'organizer/emailAddress/address', 'organizer/emailAddress/name',
  'singleValueExtendedProperties', 'singleValueExtendedProperties/id', 'singleValueExtendedProperties/value',
];

const rules = (defaultTop: number): QueryRules => ({
  typeName: 'microsoft.graph.event',
  defaultTop,
  maxTop: 1000,
  selectable: selectableProperties('graph.event'),
  filterable: FILTERABLE,
  sortable: ['subject', 'createdDateTime', 'lastModifiedDateTime', 'start/dateTime', 'end/dateTime', 'iCalUId', 'type'],
  expandable: ['singleValueExtendedProperties', 'exceptionOccurrences'],
});

type Resolved = { kind: 'stored'; event: StoredEvent } | { kind: 'occurrence'; occurrence: Occurrence };

const mergeExtended = (current: ExtendedProperty[], changes: ExtendedProperty[]): ExtendedProperty[] => {
  const out = [...current];
  for (const change of changes) {
    const i = out.findIndex((p) => p.id.toLowerCase() === change.id.toLowerCase());
    if (i >= 0) out[i] = change;
    else out.push(change);
  }
  return out;
};

export const eventsApi = (store: CalendarStore, now: () => number) => {
  const nowIso = () => new Date(now()).toISOString().replace('Z', '0000Z');

  const resolve = (id: string): Resolved => {
    const stored = store.events.get(id);
    if (stored) return { kind: 'stored', event: stored };
    const occ = parseOccurrenceId(id);
    const master = occ && store.events.get(occ.masterId);
    const occurrence = occ && master?.type === 'seriesMaster' ? findOccurrence(master, occ.originalStartUtc) : undefined;
    if (!occurrence) throw notFound();
    return { kind: 'occurrence', occurrence };
  };

  const present = (r: Resolved, call: GraphCall, options?: Pick<QueryOptions, 'select' | 'expand'>, masterById = false) =>
    presentEvent(r.kind === 'stored' ? shapeOfStored(r.event) : shapeOfOccurrence(r.occurrence), {
      prefs: call.prefs,
      ...(options && { options }),
      exceptionsOf: (masterId) => store.exceptionsOf(masterId),
      masterById,
    });

  const entity = (call: GraphCall, r: Resolved, status = 200, options?: QueryOptions): GraphReply =>
    ok({ '@odata.context': `${call.serviceRoot}/$metadata#users('${ALICE.id}')/events/$entity`, ...present(r, call, options, options !== undefined) }, status);

  const checkIfMatch = (call: GraphCall, event: StoredEvent) => {
    const ifMatch = call.req.headers['if-match'];
    if (ifMatch && ifMatch !== '*' && ifMatch.replace(/^W\/"|"$/g, '') !== event.changeKey) {
      throw new GraphError(412, 'ErrorIrresolvableConflict', 'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.');
    }
  };

  const list = (call: GraphCall, calendarId: string): GraphReply => {
    const options = parseQueryOptions(call.query, rules(10));
    let items = store.eventsIn(calendarId).filter((e) => e.type !== 'exception');
    if (options.filter) items = items.filter((e) => evaluateFilter(options.filter!, filterView(shapeOfStored(e))));
    items = sortItems(items, options.orderby, (e) => filterView(shapeOfStored(e)));
    return ok(pageOf(call, items, options, `users('${ALICE.id}')/calendars('${calendarId}')/events`, (e) => present({ kind: 'stored', event: e }, call, options), 'skiptoken'));
  };

  const get = (call: GraphCall, id: string): GraphReply => {
    const options = parseQueryOptions(call.query, rules(10));
    return entity(call, resolve(id), 200, options);
  };

  /**
   * transactionId: "A custom identifier specified by a client app for the server to avoid redundant POST
   * operations in case of client retries to create the same event" (event resource). A retry answers the
   * event already made; the same id with a different event is refused, as Exchange does with
   * ErrorDuplicateTransactionId.
   */
  const replayTransaction = (calendarId: string, input: EventInput, raw: unknown): StoredEvent | undefined => {
    if (input.transactionId === undefined) return undefined;
    const seen = store.transactions.get(input.transactionId);
    const existing = seen && store.events.get(seen.eventId);
    if (!seen || !existing) return undefined;
    if (seen.fingerprint !== fingerprint([calendarId, raw])) {
      throw badRequest('ErrorDuplicateTransactionId', "Your request can't be completed. The TransactionId specified in the request has already been used to create a different event.");
    }
    return existing;
  };

  const create = async (call: GraphCall, calendarId: string): Promise<GraphReply> => {
    const raw = await readJson(call);
    const input = readEventInput(raw);
    const replay = replayTransaction(calendarId, input, raw);
    if (replay) return entity(call, { kind: 'stored', event: replay }, 201);
    const props = applyEventInput(undefined, input, 'series');
    const event = newEventShell(calendarId, props, nowIso(), newICalUId());
    event.extendedProperties = mergeExtended([], input.extendedProperties ?? []);
    if (input.transactionId !== undefined) {
      event.transactionId = input.transactionId;
      store.transactions.set(input.transactionId, { eventId: event.id, fingerprint: fingerprint([calendarId, raw]) });
    }
    store.events.set(event.id, event);
    return entity(call, { kind: 'stored', event }, 201);
  };

  const updateStored = (event: StoredEvent, input: EventInput) => {
    if (input.transactionId !== undefined && input.transactionId !== event.transactionId) {
      throw badRequest('ErrorInvalidRequest', "Your request can't be completed. The transactionId of an event cannot be changed after it was created.");
    }
    const before = JSON.stringify(event.props.recurrence);
    event.props = applyEventInput(event.props, input, event.type === 'exception' ? 'exception' : 'series');
    if (event.type !== 'exception') {
      if (JSON.stringify(event.props.recurrence) !== before) {
        for (const exception of store.exceptionsOf(event.id)) store.events.delete(exception.id);
        event.cancelled = [];
      }
      event.type = event.props.recurrence ? 'seriesMaster' : 'singleInstance';
    }
    if (input.extendedProperties) event.extendedProperties = mergeExtended(event.extendedProperties, input.extendedProperties);
    store.touch(event, nowIso());
  };

  const makeException = (o: Occurrence, input: EventInput, id: string): StoredEvent => {
    const props = applyEventInput(occurrenceProps(o.master, o.originalStartWall), input, 'exception');
    const exception: StoredEvent = {
      ...newEventShell(o.master.calendarId, props, nowIso(), instanceICalUId(o.master.iCalUId, o.originalStartWall.slice(0, 10))),
      id,
      type: 'exception',
      seriesMasterId: o.master.id,
      originalStartUtc: o.originalStartUtc,
      extendedProperties: mergeExtended(o.master.extendedProperties, input.extendedProperties ?? []),
    };
    store.events.set(id, exception);
    return exception;
  };

  const update = async (call: GraphCall, id: string): Promise<GraphReply> => {
    const input = readEventInput(await readJson(call));
    const r = resolve(id);
    if (r.kind === 'occurrence') {
      checkIfMatch(call, r.occurrence.master);
      return entity(call, { kind: 'stored', event: makeException(r.occurrence, input, id) });
    }
    checkIfMatch(call, r.event);
    updateStored(r.event, input);
    return entity(call, r);
  };

  const removeResolved = (r: Resolved) => {
    if (r.kind === 'occurrence') {
      r.occurrence.master.cancelled.push(r.occurrence.originalStartWall);
      store.touch(r.occurrence.master, nowIso());
      return;
    }
    const { event } = r;
    if (event.type === 'exception') {
      const master = store.events.get(event.seriesMasterId as string) as StoredEvent;
      const occurrence = findOccurrence(master, event.originalStartUtc as string);
      store.events.delete(event.id);
      if (occurrence) master.cancelled.push(occurrence.originalStartWall);
      store.touch(master, nowIso());
      return;
    }
    store.deleteEvent(event.id);
  };

  const remove = (call: GraphCall, id: string): GraphReply => {
    const r = resolve(id);
    checkIfMatch(call, r.kind === 'stored' ? r.event : r.occurrence.master);
    removeResolved(r);
    return noContent();
  };

  const instances = (call: GraphCall, id: string): GraphReply => {
    const from = call.query.get('startDateTime');
    const to = call.query.get('endDateTime');
    if (!from || !to) {
      throw badRequest('ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
    }
    const parse = (text: string) => Date.parse(/([zZ]|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`);
    const fromMs = parse(from);
    const toMs = parse(to);
    if (Number.isNaN(fromMs) || Number.isNaN(toMs)) {
      throw badRequest('ErrorInvalidParameter', `The value '${Number.isNaN(fromMs) ? from : to}' of parameter 'StartDateTime'/'EndDateTime' is not a valid ISO 8601 date and time.`);
    }
    const r = resolve(id);
    const options = parseQueryOptions(call.query, rules(10));
    const items: Resolved[] = [];
    if (r.kind === 'stored' && r.event.type === 'seriesMaster') {
      const { occurrences, exceptions } = instancesBetween(store, r.event, fromMs, toMs);
      items.push(...occurrences.map((occurrence) => ({ kind: 'occurrence' as const, occurrence })));
      items.push(...exceptions.map((event) => ({ kind: 'stored' as const, event })));
    }
    const startOf = (i: Resolved) => startUtcMs(i.kind === 'stored' ? i.event.props : occurrenceProps(i.occurrence.master, i.occurrence.originalStartWall));
    items.sort((a, b) => startOf(a) - startOf(b));
    const view = (i: Resolved) => filterView(i.kind === 'stored' ? shapeOfStored(i.event) : shapeOfOccurrence(i.occurrence));
    const filtered = options.filter ? items.filter((i) => evaluateFilter(options.filter!, view(i))) : items;
    return ok(pageOf(call, sortItems(filtered, options.orderby, view), options, `users('${ALICE.id}')/events('${id}')/instances`, (i) => present(i, call, options), 'skiptoken'));
  };

  const cancel = async (call: GraphCall, id: string): Promise<GraphReply> => {
    const body = await readJson(call);
    const keys = Object.keys((body ?? {}) as object);
    const unknown = keys.find((k) => k.toLowerCase() !== 'comment');
    if (unknown) throw badRequest('RequestBodyRead', `The parameter '${unknown}' in the request payload is not a valid parameter for the operation 'cancel'.`);
    const r = resolve(id);
    const event = r.kind === 'stored' ? r.event : r.occurrence.master;
    if (!sameAddress(event.props.organizer.emailAddress.address, ALICE.mail)) {
      throw badRequest('ErrorAccessDenied', "Your request can't be completed. You need to be an organizer to cancel a meeting.");
    }
    removeResolved(r);
    return { status: 202 };
  };

  return { list, get, create, update, remove, instances, cancel };
};
