/**
 * Two providers shaped like Ferry's (a token-flow one and a code + PKCE one) and a fetch that plays their
 * authorisation servers and APIs, for the auth unit tests. The browser side is WXT's fakeBrowser, whose
 * identity API these helpers stand in for.
 */
import { createHash } from 'node:crypto';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { OAuthProviderDescriptor } from '../../../model/adapter';

export const TOKEN_PROVIDER: OAuthProviderDescriptor = {
  id: 'google',
  name: 'Google',
  auth: {
    kind: 'oauth',
    flow: 'token',
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    revokeUrl: 'https://oauth2.googleapis.com/revoke',
    baseScopes: ['openid', 'email'],
  },
  hostPermissions: ['https://www.googleapis.com/*', 'https://oauth2.googleapis.com/*'],
  limits: { minIntervalMs: 0, maxConcurrency: 4 },
  dataTypes: {
    calendar: {
      scopes: {
        export: ['https://www.googleapis.com/auth/calendar.readonly'],
        import: ['https://www.googleapis.com/auth/calendar'],
      },
    },
  },
  async accountInfo(ctx) {
    const response = await ctx.fetch(ctx.url('https://www.googleapis.com/oauth2/v3/userinfo'));
    if (!response.ok) throw new Error(`userinfo answered ${response.status}`);
    const body = (await response.json()) as { sub: string; email: string };
    return { id: body.sub, email: body.email };
  },
};

export const CODE_PROVIDER: OAuthProviderDescriptor = {
  id: 'microsoft',
  name: 'Microsoft',
  auth: {
    kind: 'oauth',
    flow: 'code-pkce',
    authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    baseScopes: ['openid', 'offline_access', 'User.Read'],
    extraAuthorizeParams: { prompt: 'select_account' },
  },
  hostPermissions: ['https://graph.microsoft.com/*', 'https://login.microsoftonline.com/*'],
  limits: { minIntervalMs: 0, maxConcurrency: 4 },
  dataTypes: {
    calendar: { scopes: { export: ['Calendars.Read'], import: ['Calendars.ReadWrite'] } },
  },
  async accountInfo(ctx) {
    const response = await ctx.fetch(ctx.url('https://graph.microsoft.com/v1.0/me'));
    if (!response.ok) throw new Error(`me answered ${response.status}`);
    const body = (await response.json()) as { id: string; mail: string; displayName: string };
    return { id: body.id, email: body.mail, name: body.displayName };
  },
};

export const resolveProvider = (id: string): OAuthProviderDescriptor => {
  const provider = [TOKEN_PROVIDER, CODE_PROVIDER].find((p) => p.id === id);
  if (!provider) throw new Error(`unknown provider ${id}`);
  return provider;
};

export const redirectUri = (provider: string) => `https://${fakeBrowser.runtime.id}.chromiumapp.org/${provider}`;

export const GOOGLE_USER = { sub: '110248495921238986420', email: 'alice@example.com' };
export const MICROSOFT_USER = { id: '9a3c2f1e-5b7d-4e8a-9c0f-1d2e3f4a5b6c', mail: 'alice@contoso.example', displayName: 'Alice' };

interface Request {
  method: string;
  url: URL;
  headers: Headers;
  body: URLSearchParams;
}

/** The authorisation servers and APIs, with counters and switches the tests read and flip. */
export class FakeProviders {
  readonly requests: Request[] = [];
  readonly validTokens = new Set<string>();
  readonly revoked: string[] = [];
  /** Authorisation URLs launchWebAuthFlow was given. */
  readonly authorizations: { url: URL; interactive: boolean }[] = [];
  refreshGrants = 0;
  failRefreshWith: string | undefined;
  failSilentWith: string | undefined;
  /** Overrides what the auth window ends on, given the normal answer. */
  rewriteRedirect: ((normal: string) => string) | undefined;
  /** Scopes the token flow grants (default: what was asked). */
  grantOnly: string[] | undefined;
  expiresIn = 3600;
  private counter = 0;
  private codes = new Map<string, { challenge: string; scope: string }>();
  private refreshTokens = new Set<string>();

  install(): void {
    vi.stubGlobal('fetch', vi.fn((input: string | URL, init?: RequestInit) => this.fetch(String(input), init)));
    vi.spyOn(fakeBrowser.identity, 'getRedirectURL').mockImplementation((path?: string) => redirectUri(path ?? ''));
    vi.spyOn(fakeBrowser.identity, 'launchWebAuthFlow').mockImplementation(async ({ url, interactive }) =>
      this.authorize(new URL(url), interactive ?? false),
    );
  }

  token(prefix: string): string {
    const token = `${prefix}-${++this.counter}-canary`;
    this.validTokens.add(token);
    return token;
  }

  /** The provider forgets every access token it issued (they all expire now). */
  expireAccessTokens(): void {
    this.validTokens.clear();
  }

  requestsTo(pathname: string): Request[] {
    return this.requests.filter((r) => r.url.pathname === pathname);
  }

  private async authorize(url: URL, interactive: boolean): Promise<string> {
    this.authorizations.push({ url, interactive });
    const q = url.searchParams;
    const base = q.get('redirect_uri') ?? '';
    const state = q.get('state') ?? '';
    let answer: string;
    if (q.get('response_type') === 'token') {
      if (!interactive && this.failSilentWith) throw new Error(this.failSilentWith);
      const scope = (this.grantOnly ?? q.get('scope')?.split(' ') ?? []).join(' ');
      const fragment = new URLSearchParams({ access_token: this.token('g-access'), token_type: 'Bearer', expires_in: String(this.expiresIn), scope, state });
      answer = `${base}#${fragment}`;
    } else {
      const code = `code-${++this.counter}`;
      this.codes.set(code, { challenge: q.get('code_challenge') ?? '', scope: q.get('scope') ?? '' });
      answer = `${base}?${new URLSearchParams({ code, state })}`;
    }
    return this.rewriteRedirect ? this.rewriteRedirect(answer) : answer;
  }

  private async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const request: Request = {
      method: init.method ?? 'GET',
      url: new URL(url),
      headers: new Headers(init.headers),
      body: new URLSearchParams(typeof init.body === 'string' || init.body instanceof URLSearchParams ? init.body : undefined),
    };
    this.requests.push(request);
    const { pathname, host } = request.url;
    if (host === 'login.microsoftonline.com' && pathname.endsWith('/token')) return this.tokenEndpoint(request);
    if (host === 'oauth2.googleapis.com' && pathname === '/revoke') {
      this.revoked.push(request.body.get('token') ?? '');
      return json(200, {});
    }
    const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    if (!this.validTokens.has(bearer)) return json(401, { error: { code: 'InvalidAuthenticationToken' } });
    if (pathname === '/oauth2/v3/userinfo') return json(200, GOOGLE_USER);
    if (pathname === '/v1.0/me') return json(200, MICROSOFT_USER);
    return json(200, { ok: true, path: pathname });
  }

  private async tokenEndpoint(request: Request): Promise<Response> {
    const form = request.body;
    if (form.has('client_secret')) return json(401, { error: 'invalid_client' });
    if (form.get('grant_type') === 'authorization_code') {
      const issued = this.codes.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!issued || createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) {
        return json(400, { error: 'invalid_grant', error_description: 'AADSTS50148: code_verifier does not match' });
      }
      this.codes.delete(form.get('code') ?? '');
      return this.issue(issued.scope);
    }
    if (form.get('grant_type') === 'refresh_token') {
      this.refreshGrants++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (this.failRefreshWith) return json(400, { error: this.failRefreshWith, error_description: 'AADSTS50173: The provided grant has expired due to it being revoked.' });
      if (!this.refreshTokens.delete(form.get('refresh_token') ?? '')) return json(400, { error: 'invalid_grant' });
      return this.issue(form.get('scope') ?? '');
    }
    return json(400, { error: 'unsupported_grant_type' });
  }

  private issue(scope: string): Response {
    const refreshToken = this.token('m-refresh');
    this.refreshTokens.add(refreshToken);
    return json(200, {
      ...(scope.split(' ').includes('openid') ? { id_token: idToken() } : {}),
      token_type: 'Bearer',
      access_token: this.token('m-access'),
      refresh_token: refreshToken,
      expires_in: this.expiresIn,
      scope: scope.split(' ').filter((s) => !['openid', 'offline_access'].includes(s)).map((s) => (s === 'User.Read' || s.startsWith('Calendars') ? `https://graph.microsoft.com/${s}` : s)).join(' '),
    });
  }
}

/** Like Microsoft's: the issuer names the person's tenant, not the `/common` authority Ferry called. */
export const ID_TOKEN_ISSUER = 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0';

function idToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: ID_TOKEN_ISSUER, aud: 'test-microsoft', sub: 'subject', iat: now, exp: now + 3600, tid: '72f988bf-86f1-41af-91ab-2d7cd011db47' };
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${Buffer.from('signature').toString('base64url')}`;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Everything storage.local holds, as the raw text a disk would see. */
export async function rawLocalStorage(): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage.local.get(null));
}
