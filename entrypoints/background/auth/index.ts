/**
 * Ferry's side of OAuth: connecting a provider (its flow, its account), keeping the tokens, and the authorised
 * fetch the engine hands to adapters. Providers are looked up by id through `resolve` (the registry).
 */
import type { FetchLike, OAuthProviderDescriptor, ProviderId } from '../../../model/adapter';
import type { ConnectionView } from '../messages';
import { authorizedFetch } from './authorized-fetch';
import { connectProvider, disconnectProvider, releaseProvider, type ConnectRequest } from './connect';
import { listConnectionRecords, loadConnection } from './connection-store';
import { isFresh } from './refresh';
import { loadAccess, loadRefreshToken } from './token-store';
import type { ConnectionRecord } from './types';

export type { ConnectRequest } from './connect';
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

export function createAuth(resolve: (id: ProviderId) => OAuthProviderDescriptor): Auth {
  const view = async (record: ConnectionRecord): Promise<ConnectionView> => ({
    provider: record.provider,
    account: record.account,
    needsReconnect: record.needsReconnect || !(await canRenew(resolve(record.provider))),
  });
  const state = async (record: ConnectionRecord): Promise<ConnectionState> => ({ ...(await view(record)), scopes: record.scopes });
  return {
    connect: async (provider, request) => view(await connectProvider(resolve(provider), request)),
    disconnect: (provider) => disconnectProvider(resolve(provider)),
    release: (provider, finishedAt) => releaseProvider(resolve(provider), finishedAt),
    connections: async () => Promise.all((await listConnectionRecords()).map(view)),
    connection: async (provider) => {
      const record = await loadConnection(provider);
      return record ? state(record) : undefined;
    },
    authorizedFetch: (provider) => authorizedFetch(resolve(provider)),
  };
}

/**
 * A code-flow connection whose refresh token no longer opens (the browser was closed, taking the key with it)
 * needs the person once its access token is gone; a token-flow one may still renew silently.
 */
async function canRenew(provider: OAuthProviderDescriptor): Promise<boolean> {
  if (provider.auth.flow !== 'code-pkce') return true;
  const access = await loadAccess(provider.id);
  return (access !== undefined && isFresh(access)) || (await loadRefreshToken(provider.id)) !== undefined;
}
