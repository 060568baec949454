/**
 * GET/POST /{tenant}/oauth2/v2.0/authorize — authorization code flow with PKCE for a public client
 * whose redirect URI is registered as a single-page application.
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow
 */
import type { SandboxReply, SandboxRequest } from '../../core/types';
import { LOGIN_HOST } from '../account';
import { consentPage } from './consent-page';
import type { IdentityDeps } from './deps';
import { aad, errorPage, redirectWithError, redirectWithParams, type AadError } from './errors';
import { readForm } from './form';
import { parseScopes, resourceScopes } from './scopes';
import { newOpaque, SESSION_COOKIE, sessionFromCookie, type AuthorizationRequest } from './state';

const PROMPTS = ['login', 'consent', 'select_account', 'none'];
const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

type Checked = { ok: true; request: AuthorizationRequest; prompt?: string } | { ok: false; reply: SandboxReply };

export const authorizeEndpoint = (deps: IdentityDeps) => {
  const { ctx, state } = deps;
  const clientId = ctx.clientIds.microsoft;

  const check = (q: URLSearchParams, tenant: string): Checked => {
    const fail = (reply: SandboxReply): Checked => ({ ok: false, reply });
    const givenClient = q.get('client_id');
    if (!givenClient) return fail(errorPage(aad('invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.")));
    if (givenClient !== clientId) {
      return fail(errorPage(aad('unauthorized_client', 700016, `Application with identifier '${givenClient}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`)));
    }
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!ctx.redirectUris.microsoft.includes(redirectUri)) {
      return fail(errorPage(aad('invalid_request', 50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`)));
    }
    const modeParam = q.get('response_mode') ?? 'query';
    const responseMode = modeParam === 'fragment' ? 'fragment' : 'query';
    const stateParam = q.get('state') ?? undefined;
    const back = (e: AadError): Checked => fail(redirectWithError(redirectUri, e, stateParam, responseMode));
    if (modeParam !== 'query' && modeParam !== 'fragment') {
      return back(aad('invalid_request', 900144, `The provided value '${modeParam}' for the input parameter 'response_mode' is not valid for this flow; use 'query' or 'fragment'.`));
    }
    const responseType = q.get('response_type');
    if (responseType !== 'code') {
      return back(aad('unsupported_response_type', 700054, `response_type '${responseType ?? ''}' is not enabled for the application; this single-page application uses 'code'.`));
    }
    const scope = q.get('scope');
    if (!scope) return back(aad('invalid_request', 900144, "The request body must contain the following parameter: 'scope'."));
    const parsed = parseScopes(scope);
    if (!parsed.ok) {
      return back(aad('invalid_scope', 650053, `The application '${clientId}' asked for scope '${parsed.unknown}' that doesn't exist on the resource '00000003-0000-0000-c000-000000000000'.`));
    }
    if (resourceScopes(parsed.scopes).length === 0) {
      return back(aad('invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid: '${scope}' asks for no resource (add e.g. https://graph.microsoft.com/Calendars.ReadWrite).`));
    }
    const challenge = q.get('code_challenge');
    if (!challenge) {
      return back(aad('invalid_request', 9002325, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.'));
    }
    if (q.get('code_challenge_method') !== 'S256' || !CODE_CHALLENGE.test(challenge)) {
      return back(aad('invalid_request', 501481, "The Code_Challenge_Method must be 'S256' and the code_challenge the base64url SHA-256 of the code_verifier (43 characters)."));
    }
    const prompt = q.get('prompt') ?? undefined;
    if (prompt !== undefined && !PROMPTS.includes(prompt)) {
      return back(aad('invalid_request', 90023, `Invalid prompt value '${prompt}'; use login, consent, select_account or none.`));
    }
    const request: AuthorizationRequest = {
      clientId,
      redirectUri,
      scopes: parsed.scopes,
      codeChallenge: challenge,
      responseMode,
      ...(stateParam !== undefined && { state: stateParam }),
      ...(q.get('nonce') !== null && { nonce: q.get('nonce') as string }),
    };
    return { ok: true, request, ...(prompt !== undefined && { prompt }) };
  };

  const issueCode = (request: AuthorizationRequest, headers: Record<string, string> = {}): SandboxReply => {
    const code = `M.C5${newOpaque(48)}`;
    state.codes.set(code, { ...request, issuedAt: deps.now(), redeemed: false });
    return redirectWithParams(request.redirectUri, { code, state: request.state }, request.responseMode, headers);
  };

  const showConsent = (tenant: string, request: AuthorizationRequest): SandboxReply => {
    const id = newOpaque(24);
    state.pending.set(id, request);
    return consentPage(`${ctx.hostUrl(LOGIN_HOST)}/${tenant}/oauth2/v2.0/authorize`, id, request.scopes);
  };

  const get = (req: SandboxRequest, tenant: string): SandboxReply => {
    const checked = check(req.query, tenant);
    if (!checked.ok) return checked.reply;
    const { request, prompt } = checked;
    const session = sessionFromCookie(req.headers.cookie);
    const signedIn = session !== undefined && state.sessions.has(session);
    const consented = state.consented(request.clientId, request.scopes);
    if (prompt === 'none') {
      if (signedIn && consented) return issueCode(request);
      const e = signedIn
        ? aad('interaction_required', 65001, `The user or administrator has not consented to use the application with ID '${request.clientId}'. Send an interactive authorization request for this user and resource.`)
        : aad('interaction_required', 50058, 'A silent sign-in request was sent but no user is signed in.');
      return redirectWithError(request.redirectUri, e, request.state, request.responseMode);
    }
    if (prompt === undefined && signedIn && consented) return issueCode(request);
    return showConsent(tenant, request);
  };

  const post = async (req: SandboxRequest): Promise<SandboxReply> => {
    const form = await readForm(req);
    const id = form?.get('request') ?? '';
    const request = state.pending.get(id);
    if (!request) {
      return errorPage(aad('invalid_request', 90014, 'This sign-in request is unknown or was already answered; start signing in again.'));
    }
    state.pending.delete(id);
    if (form?.get('decision') !== 'approve') {
      return redirectWithError(
        request.redirectUri,
        aad('access_denied', 65004, 'User declined to consent to access the app.'),
        request.state,
        request.responseMode,
      );
    }
    state.recordConsent(request.clientId, request.scopes);
    const session = newOpaque(24);
    state.sessions.add(session);
    return issueCode(request, { 'set-cookie': `${SESSION_COOKIE}=${session}; Path=/; Secure; HttpOnly; SameSite=None` });
  };

  return { get, post };
};
