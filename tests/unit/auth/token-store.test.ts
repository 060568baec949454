import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { discardTokens, loadAccess, loadRefreshToken, saveGrant } from '../../../entrypoints/background/auth/token-store';
import { rawLocalStorage } from './fake-providers';

const ACCESS = 'access-token-canary-4f1d';
const REFRESH = 'refresh-token-canary-9b2e';

describe('token store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the access token in session storage and no token in clear in storage.local', async () => {
    await saveGrant('microsoft', { accessToken: ACCESS, refreshToken: REFRESH, expiresAt: 1_000, scopes: ['a'] });

    const local = await rawLocalStorage();
    expect(local).not.toContain(ACCESS);
    expect(local).not.toContain(REFRESH);
    expect(local).toContain('auth:refresh:microsoft');
    const session = JSON.stringify(await fakeBrowser.storage.session.get(null));
    expect(session).toContain(ACCESS);
    expect(session).not.toContain(REFRESH);
    expect(await loadAccess('microsoft')).toEqual({ accessToken: ACCESS, expiresAt: 1_000, scopes: ['a'] });
    expect(await loadRefreshToken('microsoft')).toBe(REFRESH);
  });

  it('cannot open the refresh token once the session key is gone (browser closed)', async () => {
    await saveGrant('microsoft', { accessToken: ACCESS, refreshToken: REFRESH, expiresAt: 1_000, scopes: [] });
    await fakeBrowser.storage.session.clear();

    expect(await loadAccess('microsoft')).toBeUndefined();
    expect(await loadRefreshToken('microsoft')).toBeUndefined();
    expect(await rawLocalStorage()).not.toContain(REFRESH);
  });

  it('binds a sealed refresh token to its provider', async () => {
    await saveGrant('microsoft', { accessToken: ACCESS, refreshToken: REFRESH, expiresAt: 1_000, scopes: [] });
    const sealed = (await fakeBrowser.storage.local.get('auth:refresh:microsoft'))['auth:refresh:microsoft'];
    await fakeBrowser.storage.local.set({ 'auth:refresh:dropbox': sealed });

    expect(await loadRefreshToken('dropbox')).toBeUndefined();
    expect(await loadRefreshToken('microsoft')).toBe(REFRESH);
  });

  it('seals each value with its own IV', async () => {
    await saveGrant('microsoft', { accessToken: ACCESS, refreshToken: REFRESH, expiresAt: 1_000, scopes: [] });
    const first = await fakeBrowser.storage.local.get('auth:refresh:microsoft');
    await saveGrant('microsoft', { accessToken: ACCESS, refreshToken: REFRESH, expiresAt: 1_000, scopes: [] });
    const second = await fakeBrowser.storage.local.get('auth:refresh:microsoft');

    expect(second).not.toEqual(first);
  });

  it('discards both tokens', async () => {
    await saveGrant('microsoft', { accessToken: ACCESS, refreshToken: REFRESH, expiresAt: 1_000, scopes: [] });
    await discardTokens('microsoft');

    expect(await loadAccess('microsoft')).toBeUndefined();
    expect(await loadRefreshToken('microsoft')).toBeUndefined();
    expect(await rawLocalStorage()).toBe('{}');
  });

  it('closes storage.session to content scripts before the first token is written', async () => {
    vi.resetModules();
    const order: string[] = [];
    const session = fakeBrowser.storage.session as unknown as Record<string, unknown>;
    session.setAccessLevel = vi.fn(async (options: unknown) => void order.push(`access ${JSON.stringify(options)}`));
    const set = vi.spyOn(fakeBrowser.storage.session, 'set').mockImplementation(async () => void order.push('set'));
    const { saveGrant: freshSaveGrant } = await import('../../../entrypoints/background/auth/token-store');

    await freshSaveGrant('google', { accessToken: ACCESS, expiresAt: 1, scopes: [] });

    expect(order).toEqual(['access {"accessLevel":"TRUSTED_CONTEXTS"}', 'set']);
    set.mockRestore();
    delete session.setAccessLevel;
  });
});
