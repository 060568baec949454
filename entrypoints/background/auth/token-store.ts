/**
 * Where tokens live: access tokens in storage.session only (gone when the browser closes); refresh tokens sealed
 * (secret-box) in storage.local. Never in IndexedDB, never logged.
 */
import { browser } from 'wxt/browser';
import type { ProviderId } from '../../../model/adapter';
import { isSealed, seal, unseal } from './secret-box';
import { trustedSessionStorage } from './session-storage';
import type { AccessGrant, TokenGrant } from './types';

const accessItem = (provider: ProviderId) => `auth:access:${provider}`;
const refreshItem = (provider: ProviderId) => `auth:refresh:${provider}`;
const sealContext = (provider: ProviderId) => `ferry refresh token for ${provider}`;

export async function loadAccess(provider: ProviderId): Promise<AccessGrant | undefined> {
  const item = accessItem(provider);
  const stored = (await browser.storage.session.get(item))[item] as Partial<AccessGrant> | undefined;
  if (typeof stored?.accessToken !== 'string' || typeof stored.expiresAt !== 'number') return undefined;
  return { accessToken: stored.accessToken, expiresAt: stored.expiresAt, scopes: stored.scopes ?? [] };
}

/** Keeps a grant: its access token in the session, its refresh token (when the provider rotated one in) sealed. */
export async function saveGrant(provider: ProviderId, grant: TokenGrant): Promise<void> {
  const access: AccessGrant = { accessToken: grant.accessToken, expiresAt: grant.expiresAt, scopes: grant.scopes };
  await (await trustedSessionStorage()).set({ [accessItem(provider)]: access });
  if (grant.refreshToken) {
    await browser.storage.local.set({ [refreshItem(provider)]: await seal(grant.refreshToken, sealContext(provider)) });
  }
}

export async function loadRefreshToken(provider: ProviderId): Promise<string | undefined> {
  const item = refreshItem(provider);
  const stored: unknown = (await browser.storage.local.get(item))[item];
  return isSealed(stored) ? unseal(stored, sealContext(provider)) : undefined;
}

export async function discardTokens(provider: ProviderId): Promise<void> {
  await browser.storage.session.remove(accessItem(provider));
  await browser.storage.local.remove(refreshItem(provider));
}
