/**
 * Helpers for the Google sandbox's own tests: a sandbox on an in-memory token store, requests built from
 * real Google URLs, and a token obtained through the consent page as a person would.
 */
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { SandboxTokenStore } from '../core/tokens';
import type { SandboxContext, SandboxReply, SandboxRequest } from '../core/types';
import { SANDBOX_CLIENT_IDS, sandboxRedirectUri } from '../identity';
import { createGoogleSandbox, type GoogleSandboxOptions } from './index';

export const ORIGIN = 'https://127.0.0.1:47443';
export const REDIRECT_URI = sandboxRedirectUri('google');
export const CLIENT_ID = SANDBOX_CLIENT_IDS.google;
export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';

export function makeSandbox(options: GoogleSandboxOptions = { rateLimit: null }) {
  const tokens = new SandboxTokenStore();
  const ctx: SandboxContext = {
    origin: ORIGIN,
    hostUrl: (host) => `${ORIGIN}/${host}`,
    tokens,
    redirectUris: { google: [REDIRECT_URI], microsoft: [sandboxRedirectUri('microsoft')] },
    clientIds: { ...SANDBOX_CLIENT_IDS },
  };
  return { sandbox: createGoogleSandbox(ctx, options), tokens, ctx };
}

export type GoogleSandbox = ReturnType<typeof makeSandbox>['sandbox'];

/** A request for a real Google URL, as the server core hands it to the sandbox. */
export function request(method: string, url: string, opts: { headers?: Record<string, string>; body?: string | object; token?: string } = {}): SandboxRequest {
  const u = new URL(url);
  const body = opts.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
  const headers: Record<string, string> = {
    ...(opts.body !== undefined && typeof opts.body !== 'string' ? { 'content-type': 'application/json' } : {}),
    ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    ...Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  return { method, host: u.host, path: u.pathname, query: u.searchParams, headers, body: async () => body, stream: Readable.from(body) };
}

export const authorizeUrl = (params: Record<string, string>): string =>
  `https://accounts.google.com/o/oauth2/v2/auth?${new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'token',
    scope: CALENDAR_SCOPE,
    state: 'st4te',
    ...params,
  }).toString()}`;

export const fragmentOf = (reply: SandboxReply): URLSearchParams => {
  const location = reply.headers?.location ?? '';
  expect(location.startsWith(`${REDIRECT_URI}#`), `redirect to ${location}`).toBe(true);
  return new URLSearchParams(location.slice(location.indexOf('#') + 1));
};

/** Shows the consent page and answers it; returns the redirect and the session cookie it set. */
export async function answerConsent(sandbox: GoogleSandbox, params: Record<string, string>, decision: 'approve' | 'deny', cookie?: string) {
  const page = await sandbox.handle(request('GET', authorizeUrl(params), cookie ? { headers: { cookie } } : {}));
  expect(page.status).toBe(200);
  const requestId = /name="request" value="([^"]+)"/.exec(String(page.body))?.[1] ?? '';
  const reply = await sandbox.handle(
    request('POST', 'https://accounts.google.com/signin/oauth/consent', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams({ request: requestId, decision }).toString(),
    }),
  );
  const setCookie = reply.headers?.['set-cookie'];
  return { page, reply, cookie: setCookie ? setCookie.split(';')[0] : cookie };
}

export async function tokenFor(sandbox: GoogleSandbox, scopes: string[] = [CALENDAR_SCOPE]): Promise<string> {
  const { reply } = await answerConsent(sandbox, { scope: scopes.join(' ') }, 'approve');
  return fragmentOf(reply).get('access_token') ?? '';
}

export const API = 'https://www.googleapis.com/calendar/v3';

/** Calls the Calendar API and returns status and JSON body. */
export async function api(sandbox: GoogleSandbox, token: string, method: string, path: string, body?: object) {
  const reply = await sandbox.handle(request(method, `${API}${path}`, { token, ...(body ? { body } : {}) }));
  return { status: reply.status, body: reply.body as Record<string, any>, headers: reply.headers ?? {} };
}
