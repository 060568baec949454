import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AdapterError } from '../../../model/adapter';
import { loadConnection } from '../../../entrypoints/background/auth/connection-store';
import { loadAccess, loadRefreshToken } from '../../../entrypoints/background/auth/token-store';
import { GOOGLE_USER, rawLocalStorage } from './fake-providers';
import { useAuthWorld } from './setup';

const source = { role: 'source' as const, dataTypes: ['calendar' as const] };
const API = 'https://graph.microsoft.com/v1.0/me/events';

async function fatalOf(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdapterError);
  return error as AdapterError;
}

describe('authorized fetch with refresh tokens (code flow)', () => {
  const world = useAuthWorld();

  it('sends the bearer token', async () => {
    await world.auth.connect('microsoft', source);
    const response = await world.auth.authorizedFetch('microsoft')(API, { headers: { Accept: 'application/json' } });

    expect(response.status).toBe(200);
    const sent = world.providers.requestsTo('/v1.0/me/events')[0];
    expect(sent?.headers.get('authorization')).toBe(`Bearer ${(await loadAccess('microsoft'))?.accessToken}`);
    expect(sent?.headers.get('accept')).toBe('application/json');
  });

  it('refreshes once for two concurrent 401s and retries both', async () => {
    await world.auth.connect('microsoft', source);
    const firstRefreshToken = await loadRefreshToken('microsoft');
    world.providers.expireAccessTokens();
    const fetch = world.auth.authorizedFetch('microsoft');

    const [a, b] = await Promise.all([fetch(API), fetch(`${API}?page=2`)]);

    expect([a.status, b.status]).toEqual([200, 200]);
    expect(world.providers.refreshGrants).toBe(1);
    const refresh = world.providers.requestsTo('/common/oauth2/v2.0/token').at(-1);
    expect(refresh?.body.get('grant_type')).toBe('refresh_token');
    expect(refresh?.body.get('refresh_token')).toBe(firstRefreshToken);
    expect(refresh?.body.get('scope')).toBe('openid offline_access User.Read Calendars.Read');
    expect(await loadRefreshToken('microsoft')).not.toBe(firstRefreshToken);
    expect(await rawLocalStorage()).not.toContain('canary');
  });

  it('refreshes before a request when the token expires within a minute', async () => {
    world.providers.expiresIn = 30;
    await world.auth.connect('microsoft', source);
    const before = world.providers.requests.length;

    await world.auth.authorizedFetch('microsoft')(API);

    const after = world.providers.requests.slice(before).map((r) => r.url.pathname);
    expect(after).toEqual(['/common/oauth2/v2.0/token', '/v1.0/me/events']);
  });

  it('returns a 401 that survives one refresh as a 401', async () => {
    await world.auth.connect('microsoft', source);
    const fetch = world.auth.authorizedFetch('microsoft');
    world.providers.expireAccessTokens();
    const renewAndForget = world.providers.token.bind(world.providers);
    world.providers.token = (prefix) => {
      const token = renewAndForget(prefix);
      if (prefix === 'm-access') world.providers.validTokens.delete(token);
      return token;
    };

    expect((await fetch(API)).status).toBe(401);
    expect(world.providers.requestsTo('/v1.0/me/events')).toHaveLength(2);
  });

  it('does not replay a streamed body after a 401', async () => {
    await world.auth.connect('microsoft', source);
    world.providers.expireAccessTokens();
    const body = new ReadableStream({ start: (c) => c.close() });

    const response = await world.auth.authorizedFetch('microsoft')(API, { method: 'PUT', body, duplex: 'half' } as RequestInit);

    expect(response.status).toBe(401);
    expect(world.providers.refreshGrants).toBe(0);
  });

  it('turns invalid_grant into needsReconnect and a fatal reconnect error', async () => {
    await world.auth.connect('microsoft', source);
    world.providers.expireAccessTokens();
    world.providers.failRefreshWith = 'invalid_grant';

    const error = await fatalOf(world.auth.authorizedFetch('microsoft')(API));

    expect(error.errorClass).toBe('fatal');
    expect(error.details.fatalReason).toBe('reconnect');
    expect(error.message).toMatch(/^Microsoft needs you to connect again/);
    expect(error.details.providerMessage).toContain('AADSTS50173');
    expect((await loadConnection('microsoft'))?.needsReconnect).toBe(true);
    expect(await world.auth.connections()).toEqual([expect.objectContaining({ provider: 'microsoft', needsReconnect: true })]);
    expect(await loadAccess('microsoft')).toBeUndefined();
    expect(await loadRefreshToken('microsoft')).toBeUndefined();

    const again = await fatalOf(world.auth.authorizedFetch('microsoft')(API));
    expect(again.details.fatalReason).toBe('reconnect');
    expect(world.providers.refreshGrants).toBe(1);
  });

  it('needs the person again after the browser closed (session key gone)', async () => {
    await world.auth.connect('microsoft', source);
    await fakeBrowser.storage.session.clear();

    expect(await world.auth.connections()).toEqual([expect.objectContaining({ needsReconnect: true })]);
    const error = await fatalOf(world.auth.authorizedFetch('microsoft')(API));
    expect(error.details.fatalReason).toBe('reconnect');
    expect(world.providers.refreshGrants).toBe(0);
  });

  it('treats an unreachable token endpoint as retryable, keeping the grant', async () => {
    await world.auth.connect('microsoft', source);
    world.providers.expireAccessTokens();
    const fakeFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) =>
      String(input).endsWith('/token') ? Promise.reject(new TypeError('Failed to fetch')) : fakeFetch(input, init);

    const error = await fatalOf(world.auth.authorizedFetch('microsoft')(API));

    expect(error.errorClass).toBe('retry');
    expect((await loadConnection('microsoft'))?.needsReconnect).toBe(false);
    expect(await loadRefreshToken('microsoft')).toBeDefined();
  });

  it('throws a reconnect error for a provider never connected', async () => {
    const error = await fatalOf(world.auth.authorizedFetch('microsoft')(API));
    expect(error.message).toContain('Ferry is not connected to Microsoft');
  });
});

describe('authorized fetch with silent re-authorisation (token flow)', () => {
  const world = useAuthWorld();
  const CAL = 'https://www.googleapis.com/calendar/v3/users/me/calendarList';

  it('asks again without a prompt, for the connected account, after a 401', async () => {
    await world.auth.connect('google', source);
    world.providers.expireAccessTokens();

    const response = await world.auth.authorizedFetch('google')(CAL);

    expect(response.status).toBe(200);
    const silent = world.providers.authorizations[1];
    expect(silent?.interactive).toBe(false);
    expect(silent?.url.searchParams.get('prompt')).toBe('none');
    expect(silent?.url.searchParams.get('login_hint')).toBe(GOOGLE_USER.email);
    expect(silent?.url.searchParams.get('scope')).toBe('openid email https://www.googleapis.com/auth/calendar.readonly');
  });

  it('marks the connection for reconnecting when the silent attempt fails', async () => {
    await world.auth.connect('google', source);
    world.providers.expireAccessTokens();
    world.providers.failSilentWith = 'User interaction required.';

    const error = await fatalOf(world.auth.authorizedFetch('google')(CAL));

    expect(error.details.fatalReason).toBe('reconnect');
    expect(error.message).toMatch(/^Google needs you to connect again/);
    expect((await loadConnection('google'))?.needsReconnect).toBe(true);
    expect(await loadAccess('google')).toBeUndefined();
  });

  it('shares one silent renewal between concurrent callers', async () => {
    await world.auth.connect('google', source);
    world.providers.expireAccessTokens();
    const fetch = world.auth.authorizedFetch('google');

    const statuses = (await Promise.all([fetch(CAL), fetch(CAL), fetch(CAL)])).map((r) => r.status);

    expect(statuses).toEqual([200, 200, 200]);
    expect(world.providers.authorizations.filter((a) => !a.interactive)).toHaveLength(1);
  });
});
