/**
 * A provider of kind 'password' shaped like the CalDAV one (server address, user name, app password, Basic auth)
 * and a fetch that plays its server, for the auth unit tests. Its accountInfo asks the server who is signed in,
 * the way a DAV adapter asks for its current-user-principal.
 */
import { vi } from 'vitest';
import type { ProviderDescriptor } from '../../../model/adapter';

export const SERVER_URL = 'https://dav.example.com/remote.php/dav/';
export const USERNAME = 'alice';
/** Distinct from anything else in storage, so finding it in storage.local means it was stored in the clear. */
export const APP_PASSWORD = 'app-password-canary-7c3e-ß';

export const PASSWORD_PROVIDER: ProviderDescriptor = {
  id: 'caldav',
  name: 'CalDAV',
  auth: {
    kind: 'password',
    appPasswordHelp: [
      { service: 'iCloud', url: 'https://account.apple.com/account/manage', serverUrl: 'https://caldav.icloud.com/' },
      { service: 'Fastmail', url: 'https://app.fastmail.com/settings/security/apps', serverUrl: 'https://caldav.fastmail.com/' },
      { service: 'Nextcloud', url: 'https://docs.nextcloud.com/server/latest/user_manual/en/session_management.html' },
    ],
  },
  hostPermissions: ['https://*.icloud.com/*'],
  limits: { minIntervalMs: 0, maxConcurrency: 4 },
  dataTypes: {
    calendar: { scopes: { export: [], import: [] } },
  },
  async accountInfo(ctx) {
    if (!ctx.serverUrl) throw new Error('no server address');
    const response = await ctx.fetch(ctx.url(new URL('principal', ctx.serverUrl).href), { method: 'PROPFIND' });
    if (!response.ok) throw new Error(`the server answered ${response.status} to PROPFIND`);
    const body = (await response.json()) as { principal: string; email: string };
    return { id: body.principal, email: body.email };
  },
};

interface SeenRequest {
  method: string;
  url: URL;
  authorization: string | null;
  credentials: RequestCredentials | undefined;
}

/** The server behind PASSWORD_PROVIDER: it knows one user and one app password, which a test may revoke. */
export class FakeDavServer {
  readonly requests: SeenRequest[] = [];
  password = APP_PASSWORD;
  unreachable = false;

  install(): void {
    vi.stubGlobal('fetch', vi.fn((input: string | URL, init?: RequestInit) => this.fetch(String(input), init)));
  }

  private async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const request: SeenRequest = {
      method: init.method ?? 'GET',
      url: new URL(url),
      authorization: new Headers(init.headers).get('authorization'),
      credentials: init.credentials,
    };
    this.requests.push(request);
    if (this.unreachable) throw new TypeError('Failed to fetch');
    if (request.url.host !== 'dav.example.com') return new Response('elsewhere', { status: 200 });
    const expected = `Basic ${Buffer.from(`${USERNAME}:${this.password}`, 'utf8').toString('base64')}`;
    if (request.authorization !== expected) {
      return new Response('Unauthorized', { status: 401, headers: { 'www-authenticate': 'Basic realm="dav"' } });
    }
    if (request.url.pathname === '/remote.php/dav/principal') {
      return Response.json({ principal: '/remote.php/dav/principals/users/alice/', email: 'alice@example.com' });
    }
    return new Response('<multistatus/>', { status: 207 });
  }
}
