/**
 * The token flow (response_type=token) for providers whose token endpoint wants a client secret even with PKCE
 * (Google: https://developers.google.com/identity/protocols/oauth2/javascript-implicit-flow). No refresh token:
 * an expired token is renewed by asking again without a prompt (prompt=none).
 */
import * as oauth from 'oauth4webapi';
import type { OAuthProviderDescriptor } from '../../../model/adapter';
import { providerUrl } from '../build-config';
import { clientId } from './authorization-server';
import { checkAuthorizationError, checkState, launchAuthorization, redirectUriFor, withParams } from './launch';
import { grantedScopes } from './scopes';
import { DEFAULT_LIFETIME_SEC, type AuthorizeOptions, type TokenGrant } from './types';

export async function authorizeWithTokenFlow(
  provider: OAuthProviderDescriptor,
  scopes: readonly string[],
  options: AuthorizeOptions,
): Promise<TokenGrant> {
  const state = oauth.generateRandomState();
  const url = withParams(new URL(providerUrl(provider.auth.authorizeUrl)), provider.auth.extraAuthorizeParams, {
    client_id: clientId(provider),
    redirect_uri: redirectUriFor(provider),
    response_type: 'token',
    scope: scopes.join(' '),
    state,
    login_hint: options.loginHint,
    prompt: options.interactive ? undefined : 'none',
  });
  return parseTokenResponse(provider, await launchAuthorization(provider, url, options.interactive), state, scopes);
}

/** Reads the token from the redirect's fragment (RFC 6749 §4.2.2), or the error from it (§4.2.2.1). */
export function parseTokenResponse(
  provider: OAuthProviderDescriptor,
  responseUrl: URL,
  expectedState: string,
  requestedScopes: readonly string[],
  now = Date.now(),
): TokenGrant {
  const params = new URLSearchParams(responseUrl.hash.slice(1) || responseUrl.search.slice(1));
  checkState(provider, params, expectedState);
  checkAuthorizationError(provider, params);
  const accessToken = params.get('access_token');
  const tokenType = params.get('token_type');
  if (!accessToken || (tokenType && tokenType.toLowerCase() !== 'bearer')) {
    throw new Error(`${provider.name} answered the sign-in without a usable access token. Try connecting again.`);
  }
  const expiresIn = Number(params.get('expires_in') ?? DEFAULT_LIFETIME_SEC);
  return {
    accessToken,
    expiresAt: now + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_LIFETIME_SEC) * 1000,
    scopes: grantedScopes(params.get('scope'), requestedScopes),
  };
}
