import { describe, expect, it } from 'vitest';
import {
  authorizeAndApprove, authorizeUrl, CLIENT_ID, EXTENSION_ORIGIN, form, graphClient, json, makeSandbox, pkce, redeem,
  REDIRECT_URI, request, signIn, TOKEN, AUTHORIZE,
} from './test-kit';

const authorize = (params: Record<string, string | undefined>) => {
  const { challenge } = pkce();
  return request('GET', authorizeUrl({
    client_id: CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'openid offline_access Calendars.ReadWrite',
    state: 'st', code_challenge: challenge, code_challenge_method: 'S256', ...params,
  }));
};

const redirectParams = (location: string | undefined) => {
  const url = new URL(location ?? 'missing:');
  return url.hash ? new URLSearchParams(url.hash.slice(1)) : url.searchParams;
};

describe('Microsoft identity platform: authorize', () => {
  it('shows an accessible consent page naming the app, the account and the permissions', async () => {
    const { sandbox } = makeSandbox();
    const reply = await sandbox.handle(authorize({ scope: 'openid profile offline_access User.Read https://graph.microsoft.com/Calendars.ReadWrite' }));
    expect(reply.status).toBe(200);
    expect(reply.headers?.['content-type']).toMatch(/^text\/html/);
    const html = String(reply.body);
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<main>/);
    expect(html).toMatch(/<h1>Ferry wants to access your account alice@contoso\.example<\/h1>/);
    expect(html).toContain('Read, create, change and delete events in your calendars');
    expect(html).toContain('Sign you in and read your profile');
    expect(html).toMatch(/<form method="post" action="https:\/\/127\.0\.0\.1:47443\/login\.microsoftonline\.com\/common\/oauth2\/v2\.0\/authorize">/);
    expect(html).toMatch(/<button type="submit" name="decision" value="approve">Approve<\/button>/);
    expect(html).toMatch(/<button type="submit" name="decision" value="deny">Deny<\/button>/);
  });

  it('redirects with a code and the state on Approve, and with access_denied on Deny', async () => {
    const { sandbox } = makeSandbox();
    const { code } = await authorizeAndApprove(sandbox);
    expect(code).toMatch(/^M\.C5/);
    const page = await sandbox.handle(authorize({}));
    const id = /name="request" value="([^"]+)"/.exec(String(page.body))?.[1] as string;
    const denied = await sandbox.handle(request('POST', AUTHORIZE, form({ request: id, decision: 'deny' })));
    expect(denied.status).toBe(302);
    const params = redirectParams(denied.headers?.location);
    expect(denied.headers?.location?.startsWith(`${REDIRECT_URI}?`)).toBe(true);
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('error_description')).toMatch(/^AADSTS65004: /);
    expect(params.get('state')).toBe('st');
    const again = await sandbox.handle(request('POST', AUTHORIZE, form({ request: id, decision: 'approve' })));
    expect(again.status).toBe(400);
  });

  it('answers in the fragment when response_mode=fragment', async () => {
    const { sandbox } = makeSandbox();
    const page = await sandbox.handle(authorize({ response_mode: 'fragment' }));
    const id = /name="request" value="([^"]+)"/.exec(String(page.body))?.[1] as string;
    const reply = await sandbox.handle(request('POST', AUTHORIZE, form({ request: id, decision: 'approve' })));
    expect(reply.headers?.location).toMatch(new RegExp(`^${REDIRECT_URI}#code=M\\.C5[^&]+&state=st$`));
  });

  it('shows an error page, never a redirect, for an unknown client or an unregistered redirect URI', async () => {
    const { sandbox } = makeSandbox();
    const badClient = await sandbox.handle(authorize({ client_id: '00000000-0000-0000-0000-000000000000' }));
    expect(badClient.status).toBe(400);
    expect(badClient.headers?.location).toBeUndefined();
    expect(String(badClient.body)).toContain('AADSTS700016');
    const badRedirect = await sandbox.handle(authorize({ redirect_uri: 'https://evil.example/cb' }));
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.headers?.location).toBeUndefined();
    expect(String(badRedirect.body)).toContain('AADSTS50011');
  });

  it.each([
    [{ code_challenge: undefined }, 'invalid_request', /^AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption\.$/],
    [{ code_challenge_method: 'plain' }, 'invalid_request', /^AADSTS501481: /],
    [{ response_type: 'token' }, 'unsupported_response_type', /^AADSTS700054: /],
    [{ scope: 'openid offline_access' }, 'invalid_scope', /^AADSTS70011: /],
    [{ scope: 'Calendars.Everything' }, 'invalid_scope', /^AADSTS650053: .*'Calendars\.Everything'/],
    [{ scope: undefined }, 'invalid_request', /^AADSTS900144: /],
    [{ prompt: 'sometimes' }, 'invalid_request', /^AADSTS90023: /],
    [{ response_mode: 'form_post' }, 'invalid_request', /^AADSTS900144: .*response_mode/],
  ])('redirects %j back with %s', async (params, error, description) => {
    const { sandbox } = makeSandbox();
    const reply = await sandbox.handle(authorize(params));
    expect(reply.status).toBe(302);
    const p = redirectParams(reply.headers?.location);
    expect(p.get('error')).toBe(error);
    expect(p.get('error_description')).toMatch(description);
    expect(p.get('state')).toBe('st');
  });

  it('prompt=none: interaction_required before consent, a code at once after it (session cookie + consent record)', async () => {
    const { sandbox } = makeSandbox();
    const before = await sandbox.handle(authorize({ prompt: 'none' }));
    expect(redirectParams(before.headers?.location).get('error')).toBe('interaction_required');
    const { cookie } = await authorizeAndApprove(sandbox, 'openid offline_access Calendars.ReadWrite');
    expect(cookie).toMatch(/^ferry-sandbox-msa-session=/);
    const silent = await sandbox.handle({ ...authorize({ prompt: 'none' }), headers: { cookie } });
    expect(silent.status).toBe(302);
    expect(redirectParams(silent.headers?.location).get('code')).toMatch(/^M\.C5/);
    const noCookie = await sandbox.handle(authorize({ prompt: 'none' }));
    expect(redirectParams(noCookie.headers?.location).get('error')).toBe('interaction_required');
    const moreScopes = await sandbox.handle({ ...authorize({ prompt: 'none', scope: 'Calendars.ReadWrite User.Read' }), headers: { cookie } });
    expect(redirectParams(moreScopes.headers?.location).get('error_description')).toMatch(/^AADSTS65001: /);
  });
});

describe('Microsoft identity platform: token', () => {
  it('redeems a code with the right verifier: Bearer token, scopes, 3599 s, refresh token, id_token, CORS', async () => {
    const { sandbox, ctx } = makeSandbox();
    const { code, verifier } = await authorizeAndApprove(sandbox);
    const reply = await redeem(sandbox, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(reply.status).toBe(200);
    expect(reply.headers?.['access-control-allow-origin']).toBe(EXTENSION_ORIGIN);
    expect(reply.headers?.['cache-control']).toBe('no-store');
    const body = json(reply);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3599);
    expect(body.ext_expires_in).toBe(3599);
    expect(body.scope).toBe('User.Read Calendars.ReadWrite openid profile');
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.refresh_token).toBe('string');
    const claims = JSON.parse(Buffer.from(String(body.id_token).split('.')[1] as string, 'base64url').toString());
    expect(claims).toMatchObject({ aud: CLIENT_ID, preferred_username: 'alice@contoso.example', oid: '9a3c2f1e-5b7d-4e8a-9c0f-1d2e3f4a5b6c', ver: '2.0' });
    expect(ctx.tokens.check('microsoft', `Bearer ${body.access_token}`, ['Calendars.ReadWrite']).ok).toBe(true);
  });

  it('gives no refresh token without offline_access', async () => {
    const { sandbox } = makeSandbox();
    const tokens = await signIn(sandbox, 'Calendars.Read');
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.scope).toBe('Calendars.Read');
  });

  it('refuses a wrong verifier, a reused code, a wrong redirect URI and a missing verifier', async () => {
    const { sandbox } = makeSandbox();
    const first = await authorizeAndApprove(sandbox);
    const wrong = await redeem(sandbox, { grant_type: 'authorization_code', code: first.code, redirect_uri: REDIRECT_URI, code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(json(wrong)).toMatchObject({ error: 'invalid_grant', error_codes: [50148] });
    expect(json(wrong).error_description).toMatch(/^AADSTS50148: The code_verifier does not match/);
    expect(Object.keys(json(wrong)).sort()).toEqual(['correlation_id', 'error', 'error_codes', 'error_description', 'error_uri', 'timestamp', 'trace_id']);

    const second = await authorizeAndApprove(sandbox);
    const good = { grant_type: 'authorization_code', code: second.code, redirect_uri: REDIRECT_URI, code_verifier: second.verifier };
    expect((await redeem(sandbox, { ...good, redirect_uri: 'https://lbgeefdpoihjhhpidiakocnfoogommmd.chromiumapp.org/google' })).status).toBe(400);
    expect((await redeem(sandbox, { ...good, code_verifier: '' })).status).toBe(400);
    expect((await redeem(sandbox, good)).status).toBe(200);
    const reused = await redeem(sandbox, good);
    expect(json(reused)).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
  });

  it('refuses a code older than 10 minutes', async () => {
    let t = Date.parse('2025-01-01T00:00:00Z');
    const { sandbox } = makeSandbox({ now: () => t });
    const { code, verifier } = await authorizeAndApprove(sandbox);
    t += 10 * 60 * 1000 + 1;
    const reply = await redeem(sandbox, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(json(reply)).toMatchObject({ error: 'invalid_grant', error_codes: [70008] });
  });

  it('requires the Origin header of a cross-origin (SPA) redemption', async () => {
    const { sandbox } = makeSandbox();
    const { code, verifier } = await authorizeAndApprove(sandbox);
    const reply = await redeem(sandbox, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }, null);
    expect(reply.status).toBe(400);
    expect(json(reply).error).toBe('invalid_request');
    expect(json(reply).error_description).toMatch(/^AADSTS9002327: Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests\./);
  });

  it('refuses a client secret from this public client, and an unknown client', async () => {
    const { sandbox } = makeSandbox();
    const secret = await redeem(sandbox, { grant_type: 'refresh_token', refresh_token: 'x', client_secret: 's3cret' });
    expect(secret.status).toBe(401);
    expect(json(secret)).toMatchObject({ error: 'invalid_client', error_codes: [700025] });
    const f = form({ grant_type: 'refresh_token', refresh_token: 'x', client_id: 'someone-else' });
    const unknown = await sandbox.handle(request('POST', TOKEN, { headers: { ...f.headers, origin: EXTENSION_ORIGIN }, body: f.body }));
    expect(json(unknown)).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
    const get = await sandbox.handle(request('GET', TOKEN));
    expect(json(get).error_codes).toEqual([900561]);
  });

  it('rotates refresh tokens and keeps the scopes', async () => {
    const { sandbox } = makeSandbox();
    const first = await signIn(sandbox);
    const r1 = await redeem(sandbox, { grant_type: 'refresh_token', refresh_token: first.refresh_token as string });
    expect(r1.status).toBe(200);
    const b1 = json(r1);
    expect(b1.refresh_token).not.toBe(first.refresh_token);
    expect(b1.access_token).not.toBe(first.access_token);
    expect(b1.scope).toBe(first.scope);
    const r2 = await redeem(sandbox, { grant_type: 'refresh_token', refresh_token: b1.refresh_token, scope: 'https://graph.microsoft.com/Calendars.ReadWrite offline_access' });
    expect(r2.status).toBe(200);
    const wider = await redeem(sandbox, { grant_type: 'refresh_token', refresh_token: json(r2).refresh_token, scope: 'Calendars.ReadWrite Calendars.Read' });
    expect(json(wider)).toMatchObject({ error: 'invalid_grant', error_codes: [65001] });
    const noOrigin = await redeem(sandbox, { grant_type: 'refresh_token', refresh_token: json(r2).refresh_token }, null);
    expect(json(noOrigin).error_codes).toEqual([9002327]);
  });

  it('answers invalid_grant for a revoked grant, an unknown token and an SPA chain older than 24 hours', async () => {
    let t = Date.parse('2025-01-01T00:00:00Z');
    const { sandbox, ctx } = makeSandbox({ now: () => t });
    const tokens = await signIn(sandbox);
    const unknown = await redeem(sandbox, { grant_type: 'refresh_token', refresh_token: 'not-a-token' });
    expect(json(unknown)).toMatchObject({ error: 'invalid_grant' });
    t += 24 * 60 * 60 * 1000 + 1;
    const old = await redeem(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string });
    expect(json(old)).toMatchObject({ error: 'invalid_grant', error_codes: [700084] });
    const fresh = await signIn(sandbox);
    ctx.tokens.revokeAll('microsoft');
    const revoked = await redeem(sandbox, { grant_type: 'refresh_token', refresh_token: fresh.refresh_token as string });
    expect(revoked.status).toBe(400);
    expect(json(revoked)).toMatchObject({ error: 'invalid_grant', error_codes: [50173] });
    expect(json(revoked).error_description).toMatch(/^AADSTS50173: The provided grant has expired due to it being revoked/);
  });
});

describe('Graph /me and token checks', () => {
  it('returns Alice with @odata.context', async () => {
    const { sandbox } = makeSandbox();
    const { access_token } = await signIn(sandbox);
    const reply = await graphClient(sandbox, access_token)('GET', '/me');
    expect(reply.status).toBe(200);
    expect(json(reply)).toMatchObject({
      '@odata.context': 'https://127.0.0.1:47443/graph.microsoft.com/v1.0/$metadata#users/$entity',
      id: '9a3c2f1e-5b7d-4e8a-9c0f-1d2e3f4a5b6c',
      displayName: 'Alice Example',
      userPrincipalName: 'alice@contoso.example',
      mail: 'alice@contoso.example',
    });
  });

  it('answers 401 InvalidAuthenticationToken with WWW-Authenticate for missing, malformed and expired tokens', async () => {
    const { sandbox, ctx } = makeSandbox();
    const { access_token } = await signIn(sandbox);
    const missing = await sandbox.handle(request('GET', 'https://graph.microsoft.com/v1.0/me/events'));
    expect(missing.status).toBe(401);
    expect(missing.headers?.['www-authenticate']).toMatch(/^Bearer realm=""/);
    expect(json(missing).error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
    const malformed = await graphClient(sandbox, 'garbage')('GET', '/me/events');
    expect(json(malformed).error.message).toMatch(/^IDX14100: JWT is not well formed/);
    ctx.tokens.expireAll('microsoft');
    const expired = await graphClient(sandbox, access_token)('GET', '/me/events');
    expect(expired.status).toBe(401);
    expect(json(expired).error.code).toBe('InvalidAuthenticationToken');
    expect(json(expired).error.message).toBe('Access token has expired or is not yet valid.');
    expect(Object.keys(json(expired).error.innerError).sort()).toEqual(['client-request-id', 'date', 'request-id']);
  });

  it('answers 403 when the grant lacks the scope: reads need Calendars.Read(Write), writes Calendars.ReadWrite, /me User.Read', async () => {
    const { sandbox } = makeSandbox();
    const { access_token } = await signIn(sandbox, 'Calendars.Read');
    const graph = graphClient(sandbox, access_token);
    expect((await graph('GET', '/me/calendars')).status).toBe(200);
    const write = await graph('POST', '/me/calendars', { name: 'Work' });
    expect(write.status).toBe(403);
    expect(json(write).error).toMatchObject({ code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' });
    const me = await graph('GET', '/me');
    expect(me.status).toBe(403);
    expect(json(me).error.code).toBe('Authorization_RequestDenied');
  });
});
