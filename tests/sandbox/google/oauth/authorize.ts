/**
 * accounts.google.com: the authorisation endpoint for the token flow ("OAuth 2.0 for Client-side Web
 * Applications"), with its consent page. Errors about the client or the redirect URI are shown as a page and
 * never redirected, as at Google; every later error goes back to the registered redirect URI.
 */
import type { SandboxContext, SandboxReply, SandboxRequest } from '../../core/types';
import { GOOGLE_ACCOUNT } from '../account';
import { cookies, formParams, html, redirect } from '../http';
import type { AuthorizationRequest, GoogleConsentStore } from './consent';
import { consentPage, errorPage } from './consent-page';
import { isKnownScope } from './scopes';

const AUTHORIZE_PATHS = new Set(['/o/oauth2/v2/auth', '/o/oauth2/auth']);
const CONSENT_PATH = '/signin/oauth/consent';
const SESSION_COOKIE = 'SID';
const TOKEN_LIFETIME_SEC = 3599;
const PROMPTS = new Set(['none', 'consent', 'select_account']);

type Parsed = { ok: true; request: AuthorizationRequest; prompts: Set<string> } | { ok: false; reply: SandboxReply };

export function createAuthorizationEndpoint(ctx: SandboxContext, consent: GoogleConsentStore) {
  const cookiePath = new URL(ctx.hostUrl('accounts.google.com')).pathname;

  const pageError = (status: number, error: string, detail: string): SandboxReply =>
    html(status, errorPage(status, error, detail));

  const back = (request: Pick<AuthorizationRequest, 'redirectUri' | 'state'>, params: Record<string, string>, extra: Record<string, string> = {}): SandboxReply => {
    const fragment = new URLSearchParams(params);
    if (request.state !== undefined) fragment.set('state', request.state);
    return redirect(`${request.redirectUri}#${fragment.toString()}`, extra);
  };

  function parse(query: URLSearchParams): Parsed {
    const clientId = query.get('client_id');
    if (!clientId) return { ok: false, reply: pageError(400, 'invalid_request', 'Missing required parameter: client_id') };
    if (clientId !== ctx.clientIds.google) return { ok: false, reply: pageError(401, 'invalid_client', 'The OAuth client was not found.') };
    const redirectUri = query.get('redirect_uri');
    if (!redirectUri) return { ok: false, reply: pageError(400, 'invalid_request', 'Missing required parameter: redirect_uri') };
    if (!ctx.redirectUris.google.includes(redirectUri)) {
      return {
        ok: false,
        reply: pageError(400, 'redirect_uri_mismatch', `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. redirect_uri=${redirectUri}`),
      };
    }
    const state = query.get('state') ?? undefined;
    const responseType = query.get('response_type');
    if (!responseType) return { ok: false, reply: pageError(400, 'invalid_request', 'Required parameter is missing: response_type') };
    if (responseType !== 'token') {
      const error = new URLSearchParams({ error: 'unsupported_response_type', error_description: `Unsupported response type: ${responseType}` });
      if (state !== undefined) error.set('state', state);
      return { ok: false, reply: redirect(`${redirectUri}?${error.toString()}`) };
    }
    const scopes = (query.get('scope') ?? '').split(' ').filter((s) => s !== '');
    if (scopes.length === 0) return { ok: false, reply: pageError(400, 'invalid_request', 'Missing required parameter: scope') };
    const invalid = scopes.filter((s) => !isKnownScope(s));
    if (invalid.length > 0) {
      return { ok: false, reply: pageError(400, 'invalid_scope', `Some requested scopes were invalid. {invalid=[${invalid.join(', ')}]}`) };
    }
    const prompts = new Set((query.get('prompt') ?? '').split(' ').filter((p) => p !== ''));
    if ([...prompts].some((p) => !PROMPTS.has(p)) || (prompts.has('none') && prompts.size > 1)) {
      return { ok: false, reply: pageError(400, 'invalid_request', `Invalid parameter value for prompt: ${query.get('prompt')}`) };
    }
    const includeGrantedScopes = query.get('include_granted_scopes') === 'true';
    return { ok: true, request: { clientId, redirectUri, scopes: [...new Set(scopes)], state, includeGrantedScopes }, prompts };
  }

  function grantToken(request: AuthorizationRequest, extraHeaders: Record<string, string> = {}): SandboxReply {
    const scopes = consent.approve(request);
    const issued = ctx.tokens.issue(
      { provider: 'google', clientId: request.clientId, account: GOOGLE_ACCOUNT.email, scopes },
      { expiresInSec: TOKEN_LIFETIME_SEC, refresh: false },
    );
    consent.rememberToken(request.clientId, issued.accessToken);
    return back(
      request,
      { access_token: issued.accessToken, token_type: 'Bearer', expires_in: String(issued.expiresInSec), scope: scopes.join(' ') },
      extraHeaders,
    );
  }

  function authorize(req: SandboxRequest): SandboxReply {
    const parsed = parse(req.query);
    if (!parsed.ok) return parsed.reply;
    const { request, prompts } = parsed;
    const signedIn = consent.isSignedIn(cookies(req).get(SESSION_COOKIE));
    const consented = signedIn && consent.covers(request.clientId, request.scopes);
    if (prompts.has('none')) {
      if (consented) return grantToken(request);
      return back(request, { error: signedIn ? 'consent_required' : 'interaction_required' });
    }
    if (consented && !prompts.has('consent') && !prompts.has('select_account')) return grantToken(request);
    const page = consentPage({
      action: `${ctx.hostUrl('accounts.google.com')}${CONSENT_PATH}`,
      requestId: consent.park(request),
      appName: 'Ferry',
      scopes: request.scopes,
    });
    return html(200, page, { 'cache-control': 'no-store' });
  }

  async function decide(req: SandboxRequest): Promise<SandboxReply> {
    const form = await formParams(req);
    const request = consent.take(form.get('request') ?? '');
    if (!request) return pageError(400, 'invalid_request', 'This sign-in request has expired or was already answered. Start again from the app.');
    if (form.get('decision') !== 'approve') return back(request, { error: 'access_denied' });
    const sid = cookies(req).get(SESSION_COOKIE);
    const session: Record<string, string> = consent.isSignedIn(sid) ? {} : { 'set-cookie': `${SESSION_COOKIE}=${consent.signIn()}; Path=${cookiePath}; Secure; HttpOnly; SameSite=Lax` };
    return grantToken(request, session);
  }

  return async function handle(req: SandboxRequest): Promise<SandboxReply | undefined> {
    if (AUTHORIZE_PATHS.has(req.path) && req.method === 'GET') return authorize(req);
    if (req.path === CONSENT_PATH && req.method === 'POST') return decide(req);
    return undefined;
  };
}
