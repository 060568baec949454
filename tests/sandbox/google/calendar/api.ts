/**
 * The Calendar API front end: route, authenticate, authorise by scope, count against the user's rate limit,
 * check query parameters, run the method, and shape the reply (partial responses, Google's errors).
 */
import type { Grant, SandboxReply, TokenStore } from '../../core/types';
import { GoogleApiError, badRequest, insufficientScopes, invalidCredentials, notFound } from '../errors';
import { pathSegments } from '../http';
import { calendarHandlers } from './calendars';
import { eventReadHandlers } from './events-read';
import { eventWriteHandlers } from './events-write';
import { applyFields, parseFields } from './fields-mask';
import { APP_CREATED_SCOPE, METHOD_SCOPES, matchRoute, type RouteMatch } from './methods';
import { PARAMS, readParams, type MethodId, type Params } from './query-params';
import type { UserRateLimiter } from './rate-limit';
import type { CalendarAccount, CalendarRecord } from './store';

export interface ApiRequest {
  method: string;
  /** Path below `/calendar/v3`, e.g. `/calendars/primary/events`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body(): Promise<Buffer>;
}

/**
 * What events.import does with an iCalUID the calendar already holds. Google answers 409 `duplicate`
 * (observed by gcalcli's maintainers in 2024, insanum/gcalcli#712 and #784: the sequence number is not
 * consulted); 'update' replaces the stored event instead, as some older reports describe.
 */
export type ImportExisting = 'duplicate' | 'update';

export interface CalendarCall {
  account: CalendarAccount;
  importExisting: ImportExisting;
  route: RouteMatch;
  params: Params;
  grant: Grant;
  /** The request body as JSON (400 parseError when it is not). */
  json(): Promise<unknown>;
  /** The calendar named in the path, within what the grant may reach. */
  calendar(): CalendarRecord;
}

/** A method's result: a resource or collection, or null for 204 No Content. */
export type Handler = (call: CalendarCall) => Promise<object | null> | object | null;

const HANDLERS = { ...calendarHandlers, ...eventReadHandlers, ...eventWriteHandlers } satisfies Record<MethodId, Handler>;

export interface CalendarApiDeps {
  account: CalendarAccount;
  tokens: TokenStore;
  importExisting: ImportExisting;
  rateLimiter?: UserRateLimiter;
}

export function createCalendarApi(deps: CalendarApiDeps) {
  const { account, tokens } = deps;

  function authorise(req: ApiRequest, method: MethodId): Grant | SandboxReply {
    const queryToken = req.query.get('oauth_token') ?? req.query.get('access_token');
    const authorization = req.headers.authorization ?? (queryToken ? `Bearer ${queryToken}` : undefined);
    const scopes = METHOD_SCOPES[method];
    const check = tokens.check('google', authorization, scopes);
    if (check.ok) return check.grant;
    return check.reason === 'insufficient-scope' ? insufficientScopes(scopes) : invalidCredentials();
  }

  function calendarResolver(route: RouteMatch, grant: Grant): () => CalendarRecord {
    const onlyAppCreated = !grant.scopes.some((s) => s !== APP_CREATED_SCOPE && METHOD_SCOPES[route.method].includes(s));
    return () => {
      const record = account.resolve(route.calendarId ?? '');
      if (onlyAppCreated && record.createdBy !== grant.clientId) throw notFound();
      return record;
    };
  }

  return async function call(req: ApiRequest): Promise<SandboxReply> {
    const route = matchRoute(req.method, pathSegments(req.path));
    if (route === 'unserved') {
      return new GoogleApiError(501, [{ domain: 'global', reason: 'notImplemented', message: 'The Ferry sandbox does not serve this Calendar API method.' }]).reply();
    }
    if (!route) return notFound().reply();
    const grant = authorise(req, route.method);
    if (!('provider' in grant)) return grant;
    try {
      deps.rateLimiter?.take();
      const params = readParams(req.query, PARAMS[route.method === 'events.patch' ? 'events.update' : route.method]);
      const fields = typeof params.fields === 'string' ? parseFields(params.fields) : undefined;
      const result = await HANDLERS[route.method]({
        account,
        importExisting: deps.importExisting,
        route,
        params,
        grant,
        json: async () => parseJson(await req.body()),
        calendar: calendarResolver(route, grant),
      });
      if (result === null) return { status: 204 };
      return { status: 200, body: fields ? (applyFields(result, fields) as object) : result };
    } catch (error) {
      if (error instanceof GoogleApiError) return error.reply();
      throw error;
    }
  };
}

function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Invalid JSON payload received. Unexpected token.', 'parseError');
  }
}
