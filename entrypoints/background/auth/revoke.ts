/** Withdraws Ferry's access at the provider, where the provider offers a way to. */
import type { OAuthProviderDescriptor } from '../../../model/adapter';
import { providerUrl } from '../build-config';
import { describeError } from './errors';

/**
 * Google: POST https://oauth2.googleapis.com/revoke with `token` withdraws the whole grant; it answers 400
 * `invalid_token` for a token already expired or revoked, which leaves nothing to withdraw:
 * https://developers.google.com/identity/protocols/oauth2/javascript-implicit-flow#tokenrevoke
 * The token goes in the form body (Google takes it there or in the query) so it never sits in a URL.
 *
 * Microsoft has no endpoint that revokes one app's tokens (no RFC 7009 endpoint); the only call,
 * `POST /me/revokeSignInSessions`, signs the person out of every app and device. Ferry discards its tokens
 * instead: the access token lapses within the hour and the refresh token is gone with its key.
 * https://learn.microsoft.com/en-us/entra/identity-platform/refresh-tokens#token-revocation
 */
export async function revokeGrant(provider: OAuthProviderDescriptor, token: string | undefined): Promise<void> {
  const { revokeUrl } = provider.auth;
  if (!revokeUrl || !token) return;
  let response: Response;
  try {
    response = await fetch(providerUrl(revokeUrl), { method: 'POST', body: new URLSearchParams({ token }) });
  } catch (error) {
    throw notRevoked(provider, describeError(error));
  }
  if (response.ok) return;
  const body = (await response.json().catch(() => ({}))) as { error?: unknown; error_description?: unknown };
  if (response.status === 400 && body.error === 'invalid_token') return;
  throw notRevoked(provider, `HTTP ${response.status}${typeof body.error_description === 'string' ? `, ${body.error_description}` : ''}`);
}

function notRevoked(provider: OAuthProviderDescriptor, why: string): Error {
  return new Error(
    `Ferry forgot its access to ${provider.name}, but could not ask ${provider.name} to withdraw it (${why}). ` +
      `The access lapses by itself within an hour; you can also remove Ferry from your ${provider.name} account's security settings.`,
  );
}
