/**
 * The Tasks API front end: route, authenticate, authorise by scope, count against the quota, check query
 * parameters, run the method, and answer with Google's error bodies.
 */
import type { SandboxReply, SandboxRequest, TokenStore } from '../../core/types';
import { GoogleApiError, badRequest, insufficientScopes, invalidCredentials, notFound } from '../errors';
import { pathSegments } from '../http';
import { readParams } from '../calendar/query-params';
import { HANDLERS } from './handlers';
import { METHOD_PARAMS, METHOD_SCOPES, matchTasksRoute } from './methods';
import type { TasksRateLimiter } from './quota';
import type { TasksAccount } from './store';

export interface TasksApiDeps {
  account: TasksAccount;
  tokens: TokenStore;
  rateLimiter?: TasksRateLimiter;
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

/** Answers a request whose path is below `/tasks/v1`. */
export function createTasksApi(deps: TasksApiDeps) {
  return async function call(req: SandboxRequest, path: string): Promise<SandboxReply> {
    const route = matchTasksRoute(req.method, pathSegments(path));
    if (route === 'unserved') {
      return new GoogleApiError(501, [{ domain: 'global', reason: 'notImplemented', message: 'The Ferry sandbox does not serve this Tasks API method.' }]).reply();
    }
    if (!route) return notFound().reply();
    const queryToken = req.query.get('oauth_token') ?? req.query.get('access_token');
    const scopes = METHOD_SCOPES[route.method];
    const check = deps.tokens.check('google', req.headers.authorization ?? (queryToken ? `Bearer ${queryToken}` : undefined), scopes);
    if (!check.ok) return check.reason === 'insufficient-scope' ? insufficientScopes(scopes) : invalidCredentials();
    try {
      deps.rateLimiter?.take();
      const params = readParams(req.query, METHOD_PARAMS[route.method]);
      const result = await HANDLERS[route.method]({ account: deps.account, route, params, json: async () => parseJson(await req.body()) });
      return { status: 200, body: result };
    } catch (error) {
      if (error instanceof GoogleApiError) return error.reply();
      throw error;
    }
  };
}
