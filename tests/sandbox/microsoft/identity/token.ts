/**
 * POST /{tenant}/oauth2/v2.0/token for a public SPA client: code + PKCE and refresh-token grants.
 * SPA rules (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token):
 * redemption must be cross-origin (an Origin header), no client secret, refresh tokens rotate and
 * their chain lives 24 hours from sign-in.
 */
import { createHash } from 'node:crypto';
import type { SandboxReply, SandboxRequest } from '../../core/types';
import { ALICE, APP_DISPLAY_NAME } from '../account';
import type { IdentityDeps } from './deps';
import { aad, tokenErrorReply, type AadError } from './errors';
import { readForm } from './form';
import { idToken } from './id-token';
import { grantedScopeString, parseScopes, resourceScopes } from './scopes';
import type { RefreshChain } from './state';

const ACCESS_TOKEN_SECONDS = 3599;
const CODE_LIFETIME_MS = 10 * 60 * 1000;
const SPA_REFRESH_LIFETIME_MS = 24 * 60 * 60 * 1000;

class TokenFailure extends Error {
  constructor(readonly status: number, readonly aadError: AadError) {
    super(aadError.message);
  }
}
const fail = (status: number, error: string, code: number, message: string): never => {
  throw new TokenFailure(status, aad(error, code, message));
};
const missing = (name: string): never =>
  fail(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);

const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

export const corsHeaders = (origin: string | undefined): Record<string, string> =>
  origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};

export const tokenEndpoint = (deps: IdentityDeps) => {
  const { ctx, state } = deps;

  const answer = (
    clientId: string,
    scopes: readonly string[],
    tokens: { accessToken: string; refreshToken?: string },
    nonce: string | undefined,
  ) => ({
    token_type: 'Bearer',
    scope: grantedScopeString(scopes),
    expires_in: ACCESS_TOKEN_SECONDS,
    ext_expires_in: ACCESS_TOKEN_SECONDS,
    access_token: tokens.accessToken,
    ...(tokens.refreshToken !== undefined && { refresh_token: tokens.refreshToken }),
    ...(scopes.includes('openid') && { id_token: idToken(clientId, deps.now(), nonce) }),
  });

  const redeemCode = (form: URLSearchParams, clientId: string) => {
    const code = form.get('code') ?? missing('code');
    const redirectUri = form.get('redirect_uri') ?? missing('redirect_uri');
    const issued = state.codes.get(code);
    if (!issued || issued.clientId !== clientId) {
      return fail(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid: the authorization code is unknown.');
    }
    if (issued.redeemed) {
      return fail(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
    }
    if (deps.now() - issued.issuedAt > CODE_LIFETIME_MS) {
      return fail(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
    }
    if (redirectUri !== issued.redirectUri) {
      return fail(400, 'invalid_grant', 50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URI used when acquiring the authorization code.`);
    }
    const verifier = form.get('code_verifier') ?? missing('code_verifier');
    if (s256(verifier) !== issued.codeChallenge) {
      return fail(400, 'invalid_grant', 50148, 'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.');
    }
    issued.redeemed = true;
    const offline = issued.scopes.includes('offline_access');
    const tokens = ctx.tokens.issue(
      { provider: 'microsoft', clientId, account: ALICE.userPrincipalName, scopes: issued.scopes },
      { expiresInSec: ACCESS_TOKEN_SECONDS, refresh: offline },
    );
    if (tokens.refreshToken) {
      state.refreshChains.set(tokens.refreshToken, { clientId, startedAt: deps.now(), ...(issued.nonce !== undefined && { nonce: issued.nonce }) });
    }
    return answer(clientId, issued.scopes, tokens, issued.nonce);
  };

  const redeemRefreshToken = (form: URLSearchParams, clientId: string) => {
    const refreshToken = form.get('refresh_token') ?? missing('refresh_token');
    const chain: RefreshChain | undefined = state.refreshChains.get(refreshToken);
    if (!chain) return fail(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid: the refresh token is unknown.');
    if (chain.clientId !== clientId) {
      return fail(400, 'invalid_grant', 70000, "The provided value for the 'refresh_token' is not valid: it was issued to a different client.");
    }
    if (deps.now() - chain.startedAt > SPA_REFRESH_LIFETIME_MS) {
      return fail(400, 'invalid_grant', 700084, 'The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.');
    }
    const rotated = ctx.tokens.refresh('microsoft', refreshToken, ACCESS_TOKEN_SECONDS);
    if (!rotated) {
      return fail(400, 'invalid_grant', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. Sign in again.');
    }
    const asked = form.get('scope');
    if (asked) {
      const parsed = parseScopes(asked);
      const extra = parsed.ok ? resourceScopes(parsed.scopes).filter((s) => !rotated.grant.scopes.includes(s)) : [asked];
      if (extra.length > 0) {
        return fail(400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${clientId}' named '${APP_DISPLAY_NAME}' for ${extra.join(', ')}. Send an interactive authorization request for this user and resource.`);
      }
    }
    state.refreshChains.set(rotated.refreshToken, chain);
    return answer(clientId, rotated.grant.scopes, rotated, chain.nonce);
  };

  const post = async (req: SandboxRequest): Promise<SandboxReply> => {
    const cors = corsHeaders(req.headers.origin);
    try {
      const form = (await readForm(req)) ?? missing('grant_type');
      const grantType = form.get('grant_type') ?? missing('grant_type');
      const clientId = form.get('client_id') ?? missing('client_id');
      if (clientId !== ctx.clientIds.microsoft) {
        fail(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory. You may have sent your authentication request to the wrong tenant.`);
      }
      if (form.has('client_secret') || form.has('client_assertion')) {
        fail(401, 'invalid_client', 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.");
      }
      if (!req.headers.origin) {
        fail(400, 'invalid_request', 9002327, "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.");
      }
      const body =
        grantType === 'authorization_code'
          ? redeemCode(form, clientId)
          : grantType === 'refresh_token'
            ? redeemRefreshToken(form, clientId)
            : fail(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
      return { status: 200, headers: { 'cache-control': 'no-store', pragma: 'no-cache', ...cors }, body };
    } catch (e) {
      if (e instanceof TokenFailure) return tokenErrorReply(e.status, e.aadError, cors);
      throw e;
    }
  };

  /** Browsers preflight nothing for a form POST, but answer OPTIONS as the real endpoint does. */
  const options = (req: SandboxRequest): SandboxReply => ({
    status: 204,
    headers: {
      ...corsHeaders(req.headers.origin),
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'content-type',
      'access-control-max-age': '86400',
    },
  });

  return { post, options };
};
