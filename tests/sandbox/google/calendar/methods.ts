/**
 * The Calendar API methods the sandbox serves: HTTP method and path (relative to `/calendar/v3/`) and the
 * scopes that authorise each, as the discovery document lists them.
 */
import type { MethodId } from './query-params';

const S = 'https://www.googleapis.com/auth/calendar';

const EVENTS_READ = [S, `${S}.app.created`, `${S}.events`, `${S}.events.freebusy`, `${S}.events.owned`, `${S}.events.owned.readonly`, `${S}.events.public.readonly`, `${S}.events.readonly`, `${S}.readonly`];
const EVENTS_WRITE = [S, `${S}.app.created`, `${S}.events`, `${S}.events.owned`];
const CALENDARS_WRITE = [S, `${S}.app.created`, `${S}.calendars`];

export const APP_CREATED_SCOPE = `${S}.app.created`;

export const METHOD_SCOPES: Readonly<Record<MethodId, readonly string[]>> = {
  'calendarList.list': [S, `${S}.calendarlist`, `${S}.calendarlist.readonly`, `${S}.readonly`],
  'calendarList.get': [S, `${S}.app.created`, `${S}.calendarlist`, `${S}.calendarlist.readonly`, `${S}.readonly`],
  'calendars.get': [S, `${S}.app.created`, `${S}.calendars`, `${S}.calendars.readonly`, `${S}.readonly`],
  'calendars.insert': CALENDARS_WRITE,
  'calendars.update': CALENDARS_WRITE,
  'calendars.patch': CALENDARS_WRITE,
  'calendars.delete': CALENDARS_WRITE,
  'events.list': EVENTS_READ,
  'events.get': EVENTS_READ,
  'events.instances': EVENTS_READ,
  'events.insert': EVENTS_WRITE,
  'events.import': EVENTS_WRITE,
  'events.update': EVENTS_WRITE,
  'events.patch': EVENTS_WRITE,
  'events.delete': EVENTS_WRITE,
};

export interface RouteMatch {
  method: MethodId;
  calendarId?: string;
  eventId?: string;
}

/** Methods of the discovery document this sandbox does not serve (answered 501, never silently). */
const UNSERVED = /(^|\/)(acl|watch|clear|move|quickAdd|colors|freeBusy|settings|channels)(\/|$)/;

export function matchRoute(httpMethod: string, segments: readonly string[]): RouteMatch | 'unserved' | undefined {
  const [a, b, c, d, e] = segments;
  const n = segments.length;
  if (a === 'users' && b === 'me' && c === 'calendarList') {
    if (n === 3 && httpMethod === 'GET') return { method: 'calendarList.list' };
    if (n === 4 && httpMethod === 'GET') return { method: 'calendarList.get', calendarId: d };
  }
  if (a === 'calendars') {
    if (n === 1 && httpMethod === 'POST') return { method: 'calendars.insert' };
    if (n === 2) {
      const byVerb: Record<string, MethodId> = { GET: 'calendars.get', PUT: 'calendars.update', PATCH: 'calendars.patch', DELETE: 'calendars.delete' };
      const method = byVerb[httpMethod];
      if (method) return { method, calendarId: b };
    }
    if (c === 'events') {
      if (n === 3 && httpMethod === 'GET') return { method: 'events.list', calendarId: b };
      if (n === 3 && httpMethod === 'POST') return { method: 'events.insert', calendarId: b };
      if (n === 4 && d === 'import' && httpMethod === 'POST') return { method: 'events.import', calendarId: b };
      if (n === 4) {
        const byVerb: Record<string, MethodId> = { GET: 'events.get', PUT: 'events.update', PATCH: 'events.patch', DELETE: 'events.delete' };
        const method = byVerb[httpMethod];
        if (method) return { method, calendarId: b, eventId: d };
      }
      if (n === 5 && e === 'instances' && httpMethod === 'GET') return { method: 'events.instances', calendarId: b, eventId: d };
    }
  }
  if (UNSERVED.test(segments.join('/'))) return 'unserved';
  return undefined;
}
