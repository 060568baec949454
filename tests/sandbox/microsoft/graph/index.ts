/**
 * Microsoft Graph v1.0 at graph.microsoft.com: /me, calendars, events and $batch, behind Outlook's
 * per-mailbox throttling. Every mailbox request holds its concurrency slot for a short service time,
 * so parallel clients meet the 4-in-flight limit as they would at Microsoft.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SandboxContext, SandboxReply, SandboxRequest } from '../../core/types';
import { ALICE, GRAPH_HOST } from '../account';
import { calendarsApi } from '../calendar/calendars-api';
import { eventsApi } from '../calendar/events-api';
import { parsePreferences } from '../calendar/present';
import type { CalendarStore } from '../calendar/store';
import { requireScopes } from './auth';
import { batchEndpoint } from './batch';
import type { GraphCall } from './call';
import type { GraphDataType } from './data-type';
import { GRAPH_JSON, GraphError, graphErrorReply, requestIds } from './errors';
import { routeFor } from './routes';
import type { RequestThrottle } from './throttle';

export interface GraphDeps {
  ctx: SandboxContext;
  store: CalendarStore;
  throttle: RequestThrottle;
  now: () => number;
  serviceTimeMs: number;
  dataTypes: readonly GraphDataType[];
}

const isJsonBody = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && !Buffer.isBuffer(body) && typeof (body as { pipe?: unknown }).pipe !== 'function';

const EXPOSED = 'Retry-After, request-id, client-request-id, Preference-Applied, Location, ETag';

const cors = (origin: string | undefined): Record<string, string> =>
  origin ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED, vary: 'Origin' } : {};

const meSegments = (segments: string[]): string[] | undefined => {
  if (segments[0] === 'me') return segments.slice(1);
  const user = segments[1]?.toLowerCase();
  if (segments[0] === 'users' && (user === ALICE.id || user === ALICE.userPrincipalName)) return segments.slice(2);
  return undefined;
};

export const createGraphApi = (deps: GraphDeps) => {
  const calendars = calendarsApi(deps.store);
  const events = eventsApi(deps.store, deps.now);
  const serviceRoot = `${deps.ctx.hostUrl(GRAPH_HOST)}/v1.0`;

  /** One request below /v1.0 (a top-level one or one from a $batch). */
  const dispatch = async (req: SandboxRequest): Promise<SandboxReply> => {
    const segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments[0] !== 'v1.0') throw new GraphError(400, 'BadRequest', `Invalid version: ${segments[0] ?? ''}`);
    const below = segments.slice(1);
    if (below.length === 1 && below[0] === '$batch') {
      if (req.method !== 'POST') throw new GraphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request uri.');
      return batch.run(req);
    }
    const me = meSegments(below);
    if (!me) throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${below[0] ?? ''}'.`);
    const own = deps.dataTypes.map((d) => ({ dataType: d, route: d.route(req.method, me) })).find((r) => r.route !== undefined);
    const route = own?.route ?? routeFor(req.method, me, calendars, events, () => deps.store.defaultCalendar.id);
    requireScopes(deps.ctx.tokens, req.headers.authorization, route.scopes);
    const admission = own && !own.dataType.mailbox ? (own.dataType.admit?.() ?? { ok: true as const, release: () => undefined }) : deps.throttle.enter();
    if (!admission.ok) throw new GraphError(429, admission.code, admission.message, { 'retry-after': String(admission.retryAfterSeconds) });
    try {
      const { prefs, applied } = parsePreferences(req.headers.prefer);
      const query = req.query.toString();
      const call: GraphCall = {
        req,
        query: req.query,
        prefs,
        serviceRoot,
        relativeUrl: `/${below.map(encodeURIComponent).join('/')}${query ? `?${query}` : ''}`,
      };
      const reply = await route.run(call);
      return {
        status: reply.status,
        headers: {
          ...(reply.body !== undefined && isJsonBody(reply.body) && { 'content-type': GRAPH_JSON }),
          ...(applied.length && { 'preference-applied': applied.join(', ') }),
          ...reply.headers,
        },
        ...(reply.body !== undefined && { body: reply.body }),
      };
    } finally {
      await sleep(deps.serviceTimeMs);
      admission.release();
    }
  };

  const answer = async (req: SandboxRequest): Promise<SandboxReply> => {
    const ids = requestIds(req.headers);
    let reply: SandboxReply;
    try {
      reply = await dispatch(req);
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      reply = graphErrorReply(e.status, e.code, e.message, ids, e.headers);
    }
    return { ...reply, headers: { ...reply.headers, 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId } };
  };

  const batch = batchEndpoint({ ctx: deps.ctx, answer });

  const handle = async (req: SandboxRequest): Promise<SandboxReply> => {
    if (req.method === 'OPTIONS') {
      return {
        status: 200,
        headers: {
          ...cors(req.headers.origin),
          'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type',
          'access-control-max-age': '3600',
        },
      };
    }
    const reply = await answer(req);
    return { ...reply, headers: { ...reply.headers, ...cors(req.headers.origin) } };
  };

  return { handle };
};
