import { describe, expect, it } from 'vitest';
import { API, CALENDAR_SCOPE, REDIRECT_URI, answerConsent, authorizeUrl, fragmentOf, makeSandbox, request, tokenFor } from './test-support';

const EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';

describe('Google authorisation server (token flow)', () => {
  it('shows an accessible consent page naming the app, the account and the scopes in plain words', async () => {
    const { sandbox } = makeSandbox();
    const { page } = await answerConsent(sandbox, { scope: `openid email ${CALENDAR_SCOPE}` }, 'deny');
    const html = String(page.body);
    expect(page.headers?.['content-type']).toMatch(/^text\/html/);
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<main>[\s\S]*<h1>Ferry wants to access your Google Account<\/h1>/);
    expect(html).toContain('alice@example.com');
    expect(html).toContain('See, edit, share, and permanently delete all the calendars you can access using Google Calendar');
    expect(html).toContain('See your primary Google Account email address');
    expect(html).toMatch(/<form method="post" action="https:\/\/127\.0\.0\.1:47443\/accounts\.google\.com\/signin\/oauth\/consent">/);
    expect(html).toMatch(/<button type="submit" name="decision" value="approve">Approve<\/button>/);
    expect(html).toMatch(/<button type="submit" name="decision" value="deny">Deny<\/button>/);
    expect(html).not.toContain('<script');
  });

  it('Approve redirects with a bearer token in the fragment, and the token works on the API', async () => {
    const { sandbox, tokens } = makeSandbox();
    const { reply, cookie } = await answerConsent(sandbox, { scope: `openid email ${CALENDAR_SCOPE}` }, 'approve');
    expect(reply.status).toBe(302);
    const f = fragmentOf(reply);
    expect(f.get('token_type')).toBe('Bearer');
    expect(f.get('expires_in')).toBe('3599');
    expect(f.get('scope')).toBe(`openid email ${CALENDAR_SCOPE}`);
    expect(f.get('state')).toBe('st4te');
    expect(f.has('refresh_token')).toBe(false);
    expect(cookie).toMatch(/^SID=/);
    expect(reply.headers?.['set-cookie']).toMatch(/Path=\/accounts\.google\.com; Secure; HttpOnly; SameSite=Lax/);
    expect(tokens.grants('google')).toEqual([
      { provider: 'google', clientId: 'ferry-sandbox.apps.googleusercontent.com', account: 'alice@example.com', scopes: ['openid', 'email', CALENDAR_SCOPE], revoked: false },
    ]);
    const list = await sandbox.handle(request('GET', `${API}/users/me/calendarList`, { token: f.get('access_token') ?? '' }));
    expect(list.status).toBe(200);
  });

  it('Deny redirects with access_denied and the state', async () => {
    const { sandbox } = makeSandbox();
    const { reply } = await answerConsent(sandbox, {}, 'deny');
    const f = fragmentOf(reply);
    expect(Object.fromEntries(f)).toEqual({ error: 'access_denied', state: 'st4te' });
  });

  it('a consent page can be answered only once', async () => {
    const { sandbox } = makeSandbox();
    const page = await sandbox.handle(request('GET', authorizeUrl({})));
    const requestId = /name="request" value="([^"]+)"/.exec(String(page.body))?.[1] ?? '';
    const post = () =>
      sandbox.handle(request('POST', 'https://accounts.google.com/signin/oauth/consent', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `request=${requestId}&decision=approve`,
      }));
    expect((await post()).status).toBe(302);
    expect((await post()).status).toBe(400);
  });

  it('prompt=none: a fresh token at once after consent, interaction_required without a session', async () => {
    const { sandbox } = makeSandbox();
    const before = await sandbox.handle(request('GET', authorizeUrl({ prompt: 'none' })));
    expect(Object.fromEntries(fragmentOf(before))).toEqual({ error: 'interaction_required', state: 'st4te' });

    const { reply, cookie } = await answerConsent(sandbox, {}, 'approve');
    const first = fragmentOf(reply).get('access_token');
    const silent = await sandbox.handle(request('GET', authorizeUrl({ prompt: 'none', state: 's2' }), { headers: { cookie: cookie ?? '' } }));
    expect(silent.status).toBe(302);
    const f = fragmentOf(silent);
    expect(f.get('access_token')).toMatch(/.{20,}/);
    expect(f.get('access_token')).not.toBe(first);
    expect(f.get('state')).toBe('s2');
  });

  it('prompt=none asks for consent_required when signed in but the scopes were not granted', async () => {
    const { sandbox } = makeSandbox();
    const { cookie } = await answerConsent(sandbox, { scope: EVENTS_SCOPE }, 'approve');
    const silent = await sandbox.handle(request('GET', authorizeUrl({ prompt: 'none', scope: CALENDAR_SCOPE }), { headers: { cookie: cookie ?? '' } }));
    expect(Object.fromEntries(fragmentOf(silent))).toEqual({ error: 'consent_required', state: 'st4te' });
  });

  it('include_granted_scopes=true adds earlier grants to the new token', async () => {
    const { sandbox } = makeSandbox();
    const { cookie } = await answerConsent(sandbox, { scope: 'openid' }, 'approve');
    const { reply } = await answerConsent(sandbox, { scope: EVENTS_SCOPE, include_granted_scopes: 'true' }, 'approve', cookie);
    expect(fragmentOf(reply).get('scope')?.split(' ').sort()).toEqual([EVENTS_SCOPE, 'openid'].sort());
  });

  it('revoke: 200 {}, the token stops working, and prompt=none fails afterwards', async () => {
    const { sandbox } = makeSandbox();
    const { reply, cookie } = await answerConsent(sandbox, {}, 'approve');
    const token = fragmentOf(reply).get('access_token') ?? '';
    const revoked = await sandbox.handle(request('POST', `https://oauth2.googleapis.com/revoke?token=${token}`));
    expect(revoked).toMatchObject({ status: 200, body: {} });
    const list = await sandbox.handle(request('GET', `${API}/users/me/calendarList`, { token }));
    expect(list.status).toBe(401);
    const silent = await sandbox.handle(request('GET', authorizeUrl({ prompt: 'none' }), { headers: { cookie: cookie ?? '' } }));
    expect(fragmentOf(silent).get('error')).toBe('consent_required');
    const again = await sandbox.handle(request('POST', 'https://oauth2.googleapis.com/revoke', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${token}`,
    }));
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_token', error_description: 'Token expired or revoked' } });
  });

  it('revokeAll (fault injection) makes prompt=none fail; expireAll does not', async () => {
    const { sandbox, tokens } = makeSandbox();
    const { cookie } = await answerConsent(sandbox, {}, 'approve');
    tokens.expireAll('google');
    const afterExpiry = await sandbox.handle(request('GET', authorizeUrl({ prompt: 'none' }), { headers: { cookie: cookie ?? '' } }));
    expect(fragmentOf(afterExpiry).has('access_token')).toBe(true);
    tokens.revokeAll('google');
    const afterRevoke = await sandbox.handle(request('GET', authorizeUrl({ prompt: 'none' }), { headers: { cookie: cookie ?? '' } }));
    expect(fragmentOf(afterRevoke).get('error')).toBe('consent_required');
  });

  it('never redirects to an unregistered redirect_uri', async () => {
    const { sandbox } = makeSandbox();
    const reply = await sandbox.handle(request('GET', authorizeUrl({ redirect_uri: 'https://evil.example/cb' })));
    expect(reply.status).toBe(400);
    expect(reply.headers?.location).toBeUndefined();
    expect(String(reply.body)).toContain('redirect_uri_mismatch');
  });

  it('refuses an unknown client, unknown scopes, a bad prompt, and response_type=code', async () => {
    const { sandbox } = makeSandbox();
    const client = await sandbox.handle(request('GET', authorizeUrl({ client_id: 'other.apps.googleusercontent.com' })));
    expect([client.status, String(client.body).includes('invalid_client')]).toEqual([401, true]);
    const scope = await sandbox.handle(request('GET', authorizeUrl({ scope: `${CALENDAR_SCOPE} https://www.googleapis.com/auth/nonsense` })));
    expect([scope.status, String(scope.body).includes('invalid_scope')]).toEqual([400, true]);
    const prompt = await sandbox.handle(request('GET', authorizeUrl({ prompt: 'none consent' })));
    expect(prompt.status).toBe(400);
    const code = await sandbox.handle(request('GET', authorizeUrl({ response_type: 'code' })));
    expect(code.status).toBe(302);
    const location = new URL(code.headers?.location ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe('unsupported_response_type');
  });

  it('the token endpoint demands a client secret', async () => {
    const { sandbox } = makeSandbox();
    const reply = await sandbox.handle(request('POST', 'https://oauth2.googleapis.com/token', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=x',
    }));
    expect(reply).toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: 'client_secret is missing.' } });
  });

  it('userinfo returns the claims the scopes allow', async () => {
    const { sandbox } = makeSandbox();
    const token = await tokenFor(sandbox, ['openid', 'email', 'profile']);
    const reply = await sandbox.handle(request('GET', 'https://openidconnect.googleapis.com/v1/userinfo', { token }));
    expect(reply.body).toEqual({
      sub: '110248495921238986420',
      email: 'alice@example.com',
      email_verified: true,
      name: 'Alice Example',
      given_name: 'Alice',
      family_name: 'Example',
      picture: 'https://lh3.googleusercontent.com/a/alice-example',
    });
    const emailOnly = await tokenFor(sandbox, ['openid', 'email']);
    const narrow = await sandbox.handle(request('GET', 'https://openidconnect.googleapis.com/v1/userinfo', { token: emailOnly }));
    expect(narrow.body).toEqual({ sub: '110248495921238986420', email: 'alice@example.com', email_verified: true });
    const none = await sandbox.handle(request('GET', 'https://openidconnect.googleapis.com/v1/userinfo'));
    expect(none.status).toBe(401);
  });
});
