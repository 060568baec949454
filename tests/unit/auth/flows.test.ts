import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadConnection } from '../../../entrypoints/background/auth/connection-store';
import { loadAccess, loadRefreshToken } from '../../../entrypoints/background/auth/token-store';
import { parseTokenResponse } from '../../../entrypoints/background/auth/token-flow';
import { GOOGLE_USER, MICROSOFT_USER, TOKEN_PROVIDER, rawLocalStorage, redirectUri } from './fake-providers';
import { useAuthWorld } from './setup';

const calendarSource = { role: 'source' as const, dataTypes: ['calendar' as const] };
const calendarDestination = { role: 'destination' as const, dataTypes: ['calendar' as const] };

describe('code + PKCE flow (Microsoft-like)', () => {
  const world = useAuthWorld();

  it('connects: authorize request, code exchange with the PKCE verifier, account from the API', async () => {
    const view = await world.auth.connect('microsoft', calendarSource);

    expect(view).toEqual({
      provider: 'microsoft',
      account: { id: MICROSOFT_USER.id, email: MICROSOFT_USER.mail, name: 'Alice' },
      needsReconnect: false,
    });
    const [{ url, interactive }] = world.providers.authorizations as [{ url: URL; interactive: boolean }];
    expect(interactive).toBe(true);
    expect(url.origin + url.pathname).toBe('https://login.microsoftonline.com/common/oauth2/v2.0/authorize');
    const q = url.searchParams;
    expect(q.get('client_id')).toBe('test-microsoft');
    expect(q.get('response_type')).toBe('code');
    expect(q.get('redirect_uri')).toBe(redirectUri('microsoft'));
    expect(q.get('scope')?.split(' ')).toEqual(['openid', 'offline_access', 'User.Read', 'Calendars.Read']);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(q.get('prompt')).toBe('select_account');

    const [exchange] = world.providers.requestsTo('/common/oauth2/v2.0/token');
    expect(exchange?.body.get('grant_type')).toBe('authorization_code');
    expect(exchange?.body.get('client_id')).toBe('test-microsoft');
    expect(exchange?.body.get('redirect_uri')).toBe(redirectUri('microsoft'));
    expect(exchange?.body.has('client_secret')).toBe(false);
    expect(exchange?.headers.has('authorization')).toBe(false);

    expect(await loadRefreshToken('microsoft')).toMatch(/^m-refresh-/);
    expect((await loadAccess('microsoft'))?.accessToken).toMatch(/^m-access-/);
    expect(await rawLocalStorage()).not.toContain('canary');
    expect(await loadConnection('microsoft')).toMatchObject({
      account: { id: MICROSOFT_USER.id },
      scopes: ['https://graph.microsoft.com/User.Read', 'https://graph.microsoft.com/Calendars.Read'],
      requestedScopes: ['openid', 'offline_access', 'User.Read', 'Calendars.Read'],
      needsReconnect: false,
    });
  });

  it('uses a fresh state each time', async () => {
    await world.auth.connect('microsoft', calendarSource);
    await world.auth.connect('microsoft', calendarSource);
    const [first, second] = world.providers.authorizations.map((a) => a.url.searchParams.get('state'));
    expect(first).not.toBe(second);
  });

  it('rejects an answer whose state is not the one sent, and keeps no token', async () => {
    world.providers.rewriteRedirect = (normal) => normal.replace(/state=[^&]+/, 'state=forged');

    await expect(world.auth.connect('microsoft', calendarSource)).rejects.toThrow(
      'The answer from Microsoft did not belong to the sign-in Ferry started',
    );
    expect(world.providers.requestsTo('/common/oauth2/v2.0/token')).toHaveLength(0);
    expect(await loadAccess('microsoft')).toBeUndefined();
    expect(await loadConnection('microsoft')).toBeUndefined();
  });

  it.each([
    ['another host', (n: string) => n.replace(/^https:\/\/[^/]+/, 'https://evil.example')],
    ['another path on the redirect host', (n: string) => n.replace('/microsoft?', '/microsoft-evil?')],
    ['another provider\'s redirect', (n: string) => n.replace('/microsoft?', '/google?')],
  ])('rejects a redirect to %s', async (_, rewrite) => {
    world.providers.rewriteRedirect = rewrite;

    await expect(world.auth.connect('microsoft', calendarSource)).rejects.toThrow(
      'The sign-in came back to an address Ferry did not give Microsoft',
    );
    expect(world.providers.requestsTo('/common/oauth2/v2.0/token')).toHaveLength(0);
    expect(await loadConnection('microsoft')).toBeUndefined();
  });

  it('turns error=access_denied into a sentence', async () => {
    world.providers.rewriteRedirect = (normal) => normal.replace(/code=[^&]+/, 'error=access_denied&error_description=AADSTS65004');

    await expect(world.auth.connect('microsoft', calendarSource)).rejects.toThrow(
      'Microsoft did not connect (access was not allowed). Try connecting again.',
    );
  });

  it('reports a closed auth window', async () => {
    fakeBrowser.identity.launchWebAuthFlow = async () => {
      throw new Error('The user did not approve access.');
    };
    await expect(world.auth.connect('microsoft', calendarSource)).rejects.toThrow(
      'Signing in to Microsoft did not finish: The user did not approve access. Try connecting again.',
    );
  });

  it('asks for both sides\' scopes once the provider is used on both', async () => {
    await world.auth.connect('microsoft', calendarSource);
    await world.auth.connect('microsoft', calendarDestination);

    const scopes = world.providers.authorizations[1]?.url.searchParams.get('scope')?.split(' ');
    expect(scopes).toEqual(['openid', 'offline_access', 'User.Read', 'Calendars.ReadWrite', 'Calendars.Read']);
  });

  it('refuses another account than the one an unfinished transfer uses, keeping the earlier connection', async () => {
    await world.auth.connect('microsoft', calendarSource);
    const before = await loadConnection('microsoft');

    await expect(
      world.auth.connect('microsoft', { ...calendarSource, requiredAccount: 'someone-else' }),
    ).rejects.toThrow('You signed in to Microsoft as alice@contoso.example, but an unfinished transfer uses another account');
    expect(await loadConnection('microsoft')).toEqual(before);
  });
});

describe('token flow (Google-like)', () => {
  const world = useAuthWorld();

  it('connects with response_type=token and reads the token from the fragment', async () => {
    const view = await world.auth.connect('google', calendarDestination);

    expect(view).toEqual({ provider: 'google', account: { id: GOOGLE_USER.sub, email: GOOGLE_USER.email }, needsReconnect: false });
    const q = world.providers.authorizations[0]?.url.searchParams;
    expect(q?.get('response_type')).toBe('token');
    expect(q?.get('client_id')).toBe('test-google');
    expect(q?.get('redirect_uri')).toBe(redirectUri('google'));
    expect(q?.get('scope')).toBe('openid email https://www.googleapis.com/auth/calendar');
    expect(q?.has('prompt')).toBe(false);
    expect(q?.has('code_challenge')).toBe(false);
    expect(await loadRefreshToken('google')).toBeUndefined();
    const access = await loadAccess('google');
    expect(access?.accessToken).toMatch(/^g-access-/);
    expect(access?.expiresAt).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('refuses a grant that leaves out a data type\'s scope, and withdraws it', async () => {
    world.providers.grantOnly = ['openid', 'email'];

    await expect(world.auth.connect('google', calendarDestination)).rejects.toThrow(
      'Google did not give Ferry all the access it needs for Calendar (not granted: https://www.googleapis.com/auth/calendar)',
    );
    expect(world.providers.revoked).toHaveLength(1);
    expect(await loadConnection('google')).toBeUndefined();
    expect(await loadAccess('google')).toBeUndefined();
  });
});

describe('token response parsing', () => {
  const redirect = 'https://id.chromiumapp.org/google';
  const parse = (url: string, state = 'S1') => parseTokenResponse(TOKEN_PROVIDER, new URL(url), state, ['a', 'b'], 1_000);

  it('reads access_token, expires_in and scope from the fragment', () => {
    expect(parse(`${redirect}#access_token=T&token_type=Bearer&expires_in=120&scope=a%20c&state=S1`)).toEqual({
      accessToken: 'T',
      expiresAt: 121_000,
      scopes: ['a', 'c'],
    });
  });

  it('takes the requested scopes and an hour when the provider says nothing more', () => {
    expect(parse(`${redirect}#access_token=T&state=S1`)).toEqual({ accessToken: 'T', expiresAt: 3_601_000, scopes: ['a', 'b'] });
  });

  it.each([
    [`${redirect}#error=access_denied&state=S1`, 'Google did not connect (access was not allowed). Try connecting again.'],
    [`${redirect}#error=interaction_required&state=S1`, 'Google did not connect (interaction_required). Try connecting again.'],
    [`${redirect}?error=unsupported_response_type&error_description=Unsupported&state=S1`, 'Google did not connect (unsupported_response_type: Unsupported)'],
    [`${redirect}#access_token=T&state=S2`, 'did not belong to the sign-in Ferry started'],
    [`${redirect}#access_token=T`, 'did not belong to the sign-in Ferry started'],
    [`${redirect}#error=access_denied`, 'did not belong to the sign-in Ferry started'],
    [`${redirect}#token_type=Bearer&state=S1`, 'Google answered the sign-in without a usable access token'],
    [`${redirect}#access_token=T&token_type=mac&state=S1`, 'Google answered the sign-in without a usable access token'],
  ])('rejects %s', (url, message) => {
    expect(() => parse(url)).toThrow(message);
  });
});
