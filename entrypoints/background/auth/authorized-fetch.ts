/** The fetch adapters get: bearer token attached, renewed before expiry, and once more after a 401. */
import type { FetchLike, OAuthProviderDescriptor } from '../../../model/adapter';
import { withBearer } from './account';
import { currentAccess, renewAccess } from './refresh';

export function authorizedFetch(provider: OAuthProviderDescriptor): FetchLike {
  return async (url, init) => {
    const access = await currentAccess(provider);
    const response = await fetch(url, withBearer(init, access.accessToken));
    if (response.status !== 401 || !canReplay(init?.body)) return response;
    await response.body?.cancel().catch(() => undefined);
    const renewed = await renewAccess(provider, access.accessToken);
    return fetch(url, withBearer(init, renewed.accessToken));
  };
}

/** A streamed body is consumed by the first attempt; its 401 goes back to the adapter, which restarts the upload. */
function canReplay(body: RequestInit['body']): boolean {
  return !(body instanceof ReadableStream);
}
