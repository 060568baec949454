/** Helpers for the Microsoft sandbox's tests: a context, request builders and a signed-in token. */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { SandboxTokenStore } from '../core/tokens';
import type { ProviderSandbox, SandboxContext, SandboxReply, SandboxRequest } from '../core/types';
import { SANDBOX_CLIENT_IDS, sandboxRedirectUri } from '../identity';
import { createMicrosoftSandbox, type MicrosoftSandboxOptions } from './index';

export const ORIGIN = 'https://127.0.0.1:47443';
export const CLIENT_ID = SANDBOX_CLIENT_IDS.microsoft;
export const REDIRECT_URI = sandboxRedirectUri('microsoft');
export const EXTENSION_ORIGIN = 'chrome-extension://lbgeefdpoihjhhpidiakocnfoogommmd';
export const AUTHORIZE = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize';
export const TOKEN = 'https://login.microsoftonline.com/common/oauth2/v2.0/token';
export const GRAPH = 'https://graph.microsoft.com/v1.0';

export const makeContext = (now?: () => number): SandboxContext & { tokens: SandboxTokenStore } => ({
  origin: ORIGIN,
  hostUrl: (host) => `${ORIGIN}/${host}`,
  tokens: new SandboxTokenStore(now),
  redirectUris: { google: [sandboxRedirectUri('google')], microsoft: [REDIRECT_URI] },
  clientIds: { ...SANDBOX_CLIENT_IDS },
});

export const makeSandbox = (options: MicrosoftSandboxOptions = {}) => {
  const ctx = makeContext(options.now);
  return { ctx, sandbox: createMicrosoftSandbox(ctx, { serviceTimeMs: 0, ...options }) };
};

/** A request for a real URL (`https://graph.microsoft.com/…`) or a sandbox URL (`<origin>/<host>/…`). */
export const request = (
  method: string,
  url: string,
  opts: { headers?: Record<string, string>; body?: string | object } = {},
): SandboxRequest => {
  const real = url.startsWith(`${ORIGIN}/`) ? `https://${url.slice(ORIGIN.length + 1)}` : url;
  const parsed = new URL(real);
  const body = opts.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
  const headers = Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  if (opts.body !== undefined && typeof opts.body === 'object' && !headers['content-type']) headers['content-type'] = 'application/json';
  return {
    method,
    host: parsed.host,
    path: parsed.pathname,
    query: parsed.searchParams,
    headers,
    body: async () => body,
    stream: Readable.from([body]),
  };
};

export const form = (fields: Record<string, string>): { headers: Record<string, string>; body: string } => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

export const json = <T = Record<string, any>>(reply: SandboxReply): T => reply.body as T;

export const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

export const authorizeUrl = (params: Record<string, string | undefined>): string => {
  const url = new URL(AUTHORIZE);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
};

export const DEFAULT_SCOPE = 'openid profile offline_access User.Read https://graph.microsoft.com/Calendars.ReadWrite';

/** Authorize with PKCE, approve on the consent page; returns the code and what redeeming it needs. */
export const authorizeAndApprove = async (sandbox: ProviderSandbox, scope = DEFAULT_SCOPE) => {
  const { verifier, challenge } = pkce();
  const page = await sandbox.handle(
    request('GET', authorizeUrl({ client_id: CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT_URI, scope, state: 's1', code_challenge: challenge, code_challenge_method: 'S256' })),
  );
  const requestId = /name="request" value="([^"]+)"/.exec(String(page.body))?.[1];
  if (!requestId) throw new Error(`no consent page: ${page.status} ${String(page.body)}`);
  const approved = await sandbox.handle(request('POST', AUTHORIZE, form({ request: requestId, decision: 'approve' })));
  const location = new URL(approved.headers?.location ?? '');
  return { code: location.searchParams.get('code') as string, verifier, cookie: (approved.headers?.['set-cookie'] ?? '').split(';')[0] as string };
};

export const redeem = (sandbox: ProviderSandbox, fields: Record<string, string>, origin: string | null = EXTENSION_ORIGIN) => {
  const f = form({ client_id: CLIENT_ID, ...fields });
  return sandbox.handle(request('POST', TOKEN, { headers: { ...f.headers, ...(origin && { origin }) }, body: f.body }));
};

export const signIn = async (sandbox: ProviderSandbox, scope = DEFAULT_SCOPE) => {
  const { code, verifier } = await authorizeAndApprove(sandbox, scope);
  const reply = await redeem(sandbox, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
  const body = json(reply);
  if (reply.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return body as { access_token: string; refresh_token?: string; scope: string };
};

/** A Graph client bound to a token: `graph('GET', '/me/events')`. */
export const graphClient = (sandbox: ProviderSandbox, accessToken: string) =>
  (method: string, path: string, body?: object | string, headers: Record<string, string> = {}) =>
    sandbox.handle(request(method, path.startsWith('http') ? path : `${GRAPH}${path}`, { headers: { authorization: `Bearer ${accessToken}`, ...headers }, ...(body !== undefined && { body }) }));
