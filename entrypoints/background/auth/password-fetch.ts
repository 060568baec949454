/**
 * The fetch a password provider's adapters get: HTTP Basic with the kept app password, sent only to the hosts the
 * connection names. A 401 means the server no longer takes the password (revoked, changed): nothing to renew.
 */
import type { FetchLike, ProviderDescriptor } from '../../../model/adapter';
import { loadConnection, markNeedsReconnect } from './connection-store';
import { reconnectError } from './errors';
import { discardPassword, loadPassword } from './password-store';
import { isServerHost, serverHostPermissions } from './server-url';

export interface BasicCredentials {
  username: string;
  password: string;
}

export function withBasic(init: RequestInit | undefined, credentials: BasicCredentials): RequestInit {
  const headers = new Headers(init?.headers);
  headers.set('Authorization', `Basic ${base64(`${credentials.username}:${credentials.password}`)}`);
  // Each request stands on its own credentials: a session cookie (Nextcloud's) would make the server ask for a CSRF token.
  return { ...init, headers, credentials: 'omit' };
}

/** A request to any other host (a link a server handed out) goes without the credentials. */
export function basicFetch(credentials: BasicCredentials, hosts: readonly string[]): FetchLike {
  return (url, init) => fetch(url, isServerHost(url, hosts) ? withBasic(init, credentials) : init);
}

export function passwordAuthorizedFetch(provider: ProviderDescriptor): FetchLike {
  return async (url, init) => {
    const { credentials, hosts, server } = await currentCredentials(provider);
    const response = await basicFetch(credentials, hosts)(url, init);
    if (response.status !== 401 || !isServerHost(url, hosts)) return response;
    await response.body?.cancel().catch(() => undefined);
    await markNeedsReconnect(provider.id);
    await discardPassword(provider.id);
    throw reconnectError(provider, `${server.host} no longer accepts the app password Ferry was given`, 'HTTP 401');
  };
}

async function currentCredentials(provider: ProviderDescriptor): Promise<{ credentials: BasicCredentials; hosts: string[]; server: URL }> {
  const record = await loadConnection(provider.id);
  if (!record?.serverUrl || record.username === undefined) throw reconnectError(provider, `Ferry is not connected to ${provider.name}`);
  if (record.needsReconnect) throw reconnectError(provider, 'its app password was refused or forgotten');
  const password = await loadPassword(provider.id);
  if (password === undefined) {
    await markNeedsReconnect(provider.id);
    throw reconnectError(provider, 'Ferry keeps no app password once the browser has been closed');
  }
  const server = new URL(record.serverUrl);
  return {
    credentials: { username: record.username, password },
    hosts: serverHostPermissions(server, provider.hostPermissions),
    server,
  };
}

/** RFC 7617: user-id and password as UTF-8, then base64. */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
