/** Which handler answers a path below `/v1.0/me`, and which scopes it needs. */
import type { calendarsApi } from '../calendar/calendars-api';
import type { eventsApi } from '../calendar/events-api';
import { READ_CALENDARS, READ_USER, WRITE_CALENDARS } from './auth';
import type { GraphCall, GraphReply } from './call';
import { badRequest, GraphError } from './errors';
import { getMe } from './me';

export interface Route {
  scopes: readonly string[];
  run: (call: GraphCall) => GraphReply | Promise<GraphReply>;
}

type Handlers = Partial<Record<string, (call: GraphCall) => GraphReply | Promise<GraphReply>>>;

const methodNotAllowed = () => new GraphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request uri.');

const pick = (method: string, handlers: Handlers): Route => {
  const run = handlers[method];
  if (!run) throw methodNotAllowed();
  return { scopes: method === 'GET' ? READ_CALENDARS : WRITE_CALENDARS, run };
};

export const routeFor = (
  method: string,
  segments: string[],
  calendars: ReturnType<typeof calendarsApi>,
  events: ReturnType<typeof eventsApi>,
  defaultCalendarId: () => string,
): Route => {
  if (segments.length === 0) {
    if (method !== 'GET') throw methodNotAllowed();
    return { scopes: READ_USER, run: getMe };
  }
  const [head, ...rest] = segments as [string, ...string[]];
  let calendarId: string | undefined;
  let tail: string[];
  if (head === 'calendars' && rest.length === 0) return pick(method, { GET: calendars.list, POST: calendars.create });
  if (head === 'calendar' || head === 'calendars') {
    calendarId = head === 'calendar' ? undefined : rest[0];
    tail = head === 'calendar' ? rest : rest.slice(1);
    if (tail.length === 0) {
      return pick(method, {
        GET: (c) => calendars.get(c, calendarId),
        PATCH: (c) => calendars.update(c, calendarId),
        ...(calendarId !== undefined && { DELETE: () => calendars.remove(calendarId as string) }),
      });
    }
    if (tail[0] !== 'events') throw badRequest('BadRequest', `Resource not found for the segment '${tail[0]}'.`);
    tail = tail.slice(1);
  } else if (head === 'events') {
    tail = rest;
  } else {
    throw badRequest('BadRequest', `Resource not found for the segment '${head}'.`);
  }
  const inCalendar = (): string => (calendarId === undefined ? defaultCalendarId() : calendars.find(calendarId).id);
  const [eventId, action, ...more] = tail;
  if (eventId === undefined) return pick(method, { GET: (c) => events.list(c, inCalendar()), POST: (c) => events.create(c, inCalendar()) });
  if (calendarId !== undefined) calendars.find(calendarId);
  if (action === undefined) {
    return pick(method, { GET: (c) => events.get(c, eventId), PATCH: (c) => events.update(c, eventId), DELETE: (c) => events.remove(c, eventId) });
  }
  if (more.length === 0 && action === 'instances') return pick(method, { GET: (c) => events.instances(c, eventId) });
  if (more.length === 0 && action === 'cancel') return pick(method, { POST: (c) => events.cancel(c, eventId) });
  throw badRequest('BadRequest', `Resource not found for the segment '${action}'.`);
};
