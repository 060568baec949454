/** Who a fresh token belongs to, asked of the provider's own API through its adapter. */
import type { AccountInfo, FetchLike, OAuthProviderDescriptor } from '../../../model/adapter';
import { providerUrl } from '../build-config';
import { describeError } from './errors';

export async function fetchAccount(provider: OAuthProviderDescriptor, accessToken: string): Promise<AccountInfo> {
  try {
    return await provider.accountInfo({ fetch: bearerFetch(accessToken), url: providerUrl, account: '' });
  } catch (error) {
    throw new Error(`Ferry reached ${provider.name} but could not tell which account this is: ${describeError(error)}. Try connecting again.`);
  }
}

export function bearerFetch(accessToken: string): FetchLike {
  return (url, init) => fetch(url, withBearer(init, accessToken));
}

export function withBearer(init: RequestInit | undefined, accessToken: string): RequestInit {
  const headers = new Headers(init?.headers);
  headers.set('Authorization', `Bearer ${accessToken}`);
  return { ...init, headers };
}
