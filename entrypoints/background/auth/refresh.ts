/**
 * Keeps an access token usable: renews it shortly before it expires or after the provider refused it, one
 * renewal per provider at a time (every caller waiting meanwhile shares it).
 */
import { AdapterError, type OAuthProviderDescriptor, type ProviderId } from '../../../model/adapter';
import { fetchAccount } from './account';
import { refreshWithCode } from './code-flow';
import { loadConnection, markNeedsReconnect } from './connection-store';
import { describeError, reconnectError, tokenEndpointStatus } from './errors';
import { authorizeWithTokenFlow } from './token-flow';
import { discardTokens, loadAccess, loadRefreshToken, saveGrant } from './token-store';
import type { AccessGrant, ConnectionRecord, TokenGrant } from './types';

/** Renew this long before the provider's expiry, so a token never lapses between check and use. */
export const EXPIRY_SKEW_MS = 60_000;

const renewals = new Map<ProviderId, Promise<AccessGrant>>();

export function isFresh(grant: AccessGrant, now = Date.now()): boolean {
  return grant.expiresAt - EXPIRY_SKEW_MS > now;
}

export async function currentAccess(provider: OAuthProviderDescriptor): Promise<AccessGrant> {
  const access = await loadAccess(provider.id);
  return access && isFresh(access) ? access : renewAccess(provider, access?.accessToken);
}

/** A token other than `rejected` (the one that expired or drew a 401). Throws a fatal 'reconnect' AdapterError when the grant is gone. */
export function renewAccess(provider: OAuthProviderDescriptor, rejected: string | undefined): Promise<AccessGrant> {
  let renewal = renewals.get(provider.id);
  if (!renewal) {
    renewal = renewOnce(provider, rejected).finally(() => renewals.delete(provider.id));
    renewals.set(provider.id, renewal);
  }
  return renewal;
}

async function renewOnce(provider: OAuthProviderDescriptor, rejected: string | undefined): Promise<AccessGrant> {
  const access = await loadAccess(provider.id);
  if (access && access.accessToken !== rejected && isFresh(access)) return access;
  const record = await loadConnection(provider.id);
  if (!record) throw reconnectError(provider, `Ferry is not connected to ${provider.name}`);
  if (record.needsReconnect) throw reconnectError(provider, 'its permission was withdrawn or expired');
  const grant =
    provider.auth.flow === 'code-pkce' ? await renewWithRefreshToken(provider, record) : await renewSilently(provider, record);
  await saveGrant(provider.id, grant);
  return grant;
}

async function renewWithRefreshToken(provider: OAuthProviderDescriptor, record: ConnectionRecord): Promise<TokenGrant> {
  const refreshToken = await loadRefreshToken(provider.id);
  if (!refreshToken) return giveUp(provider, 'Ferry keeps no sign-in once the browser has been closed');
  try {
    return await refreshWithCode(provider, refreshToken, record.requestedScopes);
  } catch (error) {
    const status = tokenEndpointStatus(error);
    if (error instanceof TypeError || status === 429 || (status !== undefined && status >= 500)) {
      throw new AdapterError(`Could not reach ${provider.name} to renew access: ${describeError(error)}`, 'retry', {
        ...(status !== undefined ? { status } : {}),
        providerMessage: describeError(error),
      });
    }
    return giveUp(provider, `${provider.name} no longer accepts Ferry's sign-in`, describeError(error));
  }
}

/** The token flow has no refresh token: ask again without a prompt, for the same account. */
async function renewSilently(provider: OAuthProviderDescriptor, record: ConnectionRecord): Promise<TokenGrant> {
  let grant: TokenGrant;
  try {
    grant = await authorizeWithTokenFlow(provider, record.requestedScopes, {
      interactive: false,
      loginHint: record.account.email,
    });
  } catch (error) {
    return giveUp(provider, 'its sign-in could not be renewed without you', describeError(error));
  }
  const account = await fetchAccount(provider, grant.accessToken).catch((error: unknown) => {
    throw new AdapterError(describeError(error), 'retry');
  });
  if (account.id !== record.account.id) {
    return giveUp(provider, `the browser is now signed in to another ${provider.name} account (${account.email ?? account.id})`);
  }
  return grant;
}

async function giveUp(provider: OAuthProviderDescriptor, reason: string, providerMessage?: string): Promise<never> {
  await markNeedsReconnect(provider.id);
  await discardTokens(provider.id);
  throw reconnectError(provider, reason, providerMessage);
}
