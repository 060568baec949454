/**
 * Ferry's side of connecting a provider, whichever way it signs in: OAuth (its flow, its account, the tokens), an
 * app password (checked on the person's server, kept sealed), or files on the person's own disk (nothing to sign in
 * to). It also makes the authorised fetch the engine hands to adapters. Providers are looked up by id through
 * `resolve` (the registry).
 */
import { isOAuthProvider, type FetchLike, type OAuthProviderDescriptor, type ProviderDescriptor, type ProviderId } from '../../../model/adapter';
import type { ConnectionView } from '../messages';
import { authorizedFetch } from './authorized-fetch';
import { connectProvider, disconnectProvider, releaseProvider, type ConnectRequest } from './connect';
import { deleteConnection, listConnectionRecords, loadConnection } from './connection-store';
import { connectLocalFiles, LOCAL_FILES_ACCOUNT } from './local-files-connect';
import { connectWithPassword, disconnectPassword } from './password-connect';
import { passwordAuthorizedFetch } from './password-fetch';
import { loadPassword } from './password-store';
import { isFresh } from './refresh';
import { loadAccess, loadRefreshToken } from './token-store';
import type { ConnectionRecord } from './types';

export type { ConnectRequest } from './connect';
export { LOCAL_FILES_ACCOUNT } from './local-files-connect';
export type { ConnectionRecord } from './types';

/** A connection as the worker itself sees it: the page's view plus the scopes granted. */
export interface ConnectionState extends ConnectionView {
  scopes: string[];
}

export interface Auth {
  connect(provider: ProviderId, request: ConnectRequest): Promise<ConnectionView>;
  /** Throws a sentence when the provider could not be told; everything local is gone regardless. */
  disconnect(provider: ProviderId): Promise<void>;
  /** A transfer that used the provider finished at `finishedAt`; drops its access unless connected again since. */
  release(provider: ProviderId, finishedAt: number): Promise<void>;
  connections(): Promise<ConnectionView[]>;
  /** The provider's connection, if there is one. */
  connection(provider: ProviderId): Promise<ConnectionState | undefined>;
  authorizedFetch(provider: ProviderId): FetchLike;
}

export function createAuth(resolve: (id: ProviderId) => ProviderDescriptor): Auth {
  const view = async (record: ConnectionRecord): Promise<ConnectionView> => ({
    provider: record.provider,
    account: record.account,
    needsReconnect: record.needsReconnect || !(await canRenew(resolve(record.provider))),
    ...(record.serverUrl !== undefined ? { serverUrl: record.serverUrl } : {}),
    ...(record.username !== undefined ? { username: record.username } : {}),
  });
  const state = async (record: ConnectionRecord): Promise<ConnectionState> => ({ ...(await view(record)), scopes: record.scopes });
  const localFiles = (provider: ProviderId): ConnectionView => ({ provider, account: { ...LOCAL_FILES_ACCOUNT }, needsReconnect: false });
  return {
    connect: async (id, request) => {
      const provider = resolve(id);
      if (isOAuthProvider(provider)) return view(await connectProvider(provider, request));
      if (provider.auth.kind === 'password') return view(await connectWithPassword(provider, request));
      const chosen = await connectLocalFiles(provider, request);
      return chosen ? view(chosen) : localFiles(id);
    },
    disconnect: async (id) => {
      const provider = resolve(id);
      if (isOAuthProvider(provider)) return disconnectProvider(provider);
      if (provider.auth.kind === 'password') return disconnectPassword(provider);
      return deleteConnection(id);
    },
    release: async (id, finishedAt) => {
      const provider = resolve(id);
      if (isOAuthProvider(provider)) return releaseProvider(provider, finishedAt);
      if (provider.auth.kind !== 'password') return;
      const record = await loadConnection(id);
      if (record && record.connectedAt <= finishedAt) await disconnectPassword(provider);
    },
    connections: async () => Promise.all((await listConnectionRecords()).map(view)),
    connection: async (id) => {
      const record = await loadConnection(id);
      if (resolve(id).auth.kind === 'local-files') return record ? state(record) : { ...localFiles(id), scopes: [] };
      return record ? state(record) : undefined;
    },
    authorizedFetch: (id) => {
      const provider = resolve(id);
      if (isOAuthProvider(provider)) return authorizedFetch(provider);
      if (provider.auth.kind === 'password') return passwordAuthorizedFetch(provider);
      return async () => {
        throw new Error(`${provider.name} reads and writes files on your own computer; it has no web address to call.`);
      };
    },
  };
}

/**
 * A code-flow connection whose refresh token no longer opens (the browser was closed, taking the key with it)
 * needs the person once its access token is gone; a token-flow one may still renew silently. A password connection
 * needs the person once its sealed password no longer opens.
 */
async function canRenew(provider: ProviderDescriptor): Promise<boolean> {
  if (provider.auth.kind === 'password') return (await loadPassword(provider.id)) !== undefined;
  if (!isOAuthProvider(provider) || provider.auth.flow !== 'code-pkce') return true;
  return canRenewCode(provider);
}

async function canRenewCode(provider: OAuthProviderDescriptor): Promise<boolean> {
  const access = await loadAccess(provider.id);
  return (access !== undefined && isFresh(access)) || (await loadRefreshToken(provider.id)) !== undefined;
}
