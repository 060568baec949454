/**
 * Authorization code + PKCE (S256) for public clients without a secret (Microsoft). The token endpoint is
 * called from the worker, whose cross-origin POST carries `Origin: chrome-extension://<id>` — what Microsoft
 * demands of codes issued to SPA redirect URIs (AADSTS9002327):
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow#redirect-uris-for-single-page-apps-spas
 */
import * as oauth from 'oauth4webapi';
import type { OAuthProviderDescriptor } from '../../../model/adapter';
import { providerUrl } from '../build-config';
import { authorizationServer, oauthClient } from './authorization-server';
import { describeError } from './errors';
import { checkAuthorizationError, checkState, launchAuthorization, redirectUriFor, withParams } from './launch';
import { grantedScopes } from './scopes';
import { DEFAULT_LIFETIME_SEC, type AuthorizeOptions, type TokenGrant } from './types';

export async function authorizeWithCode(
  provider: OAuthProviderDescriptor,
  scopes: readonly string[],
  options: AuthorizeOptions,
): Promise<TokenGrant> {
  const server = authorizationServer(provider);
  const client = oauthClient(provider);
  const redirectUri = redirectUriFor(provider);
  const state = oauth.generateRandomState();
  const verifier = oauth.generateRandomCodeVerifier();
  const url = withParams(new URL(providerUrl(provider.auth.authorizeUrl)), provider.auth.extraAuthorizeParams, {
    client_id: client.client_id,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: scopes.join(' '),
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    login_hint: options.loginHint,
  });
  const responseUrl = await launchAuthorization(provider, url, options.interactive);
  checkState(provider, responseUrl.searchParams, state);
  checkAuthorizationError(provider, responseUrl.searchParams);
  try {
    const callback = oauth.validateAuthResponse(server, client, responseUrl, state);
    const response = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), callback, redirectUri, verifier, {
      additionalParameters: { scope: scopes.join(' ') },
    });
    return toGrant(await oauth.processAuthorizationCodeResponse(server, client, response), scopes);
  } catch (error) {
    throw new Error(`${provider.name} did not finish connecting: ${describeError(error)}. Try connecting again.`);
  }
}

/**
 * Trades a refresh token for new tokens; `scopes` must be those first granted (Microsoft requires the parameter:
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow#refresh-the-access-token).
 * Throws oauth4webapi's errors as they are; the caller classifies them.
 */
export async function refreshWithCode(
  provider: OAuthProviderDescriptor,
  refreshToken: string,
  scopes: readonly string[],
): Promise<TokenGrant> {
  const server = authorizationServer(provider);
  const client = oauthClient(provider);
  const response = await oauth.refreshTokenGrantRequest(server, client, oauth.None(), refreshToken, {
    additionalParameters: { scope: scopes.join(' ') },
  });
  return toGrant(await oauth.processRefreshTokenResponse(server, client, response), scopes);
}

function toGrant(response: oauth.TokenEndpointResponse, requested: readonly string[], now = Date.now()): TokenGrant {
  return {
    accessToken: response.access_token,
    expiresAt: now + (response.expires_in ?? DEFAULT_LIFETIME_SEC) * 1000,
    scopes: grantedScopes(response.scope, requested),
    ...(response.refresh_token ? { refreshToken: response.refresh_token } : {}),
  };
}
