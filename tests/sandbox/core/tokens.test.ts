import { describe, expect, it } from 'vitest';
import { SandboxTokenStore } from './tokens';

const grant = { provider: 'microsoft' as const, clientId: 'client-1', account: 'alice', scopes: ['Calendars.ReadWrite', 'offline_access'] };

function storeAt(start: number) {
  let now = start;
  return { store: new SandboxTokenStore(() => now), advance: (ms: number) => (now += ms) };
}

describe('SandboxTokenStore', () => {
  it('issues opaque 256-bit tokens, with a refresh token only when asked', () => {
    const { store } = storeAt(0);
    const withRefresh = store.issue(grant, { expiresInSec: 3600, refresh: true });
    const without = store.issue(grant, { expiresInSec: 60, refresh: false });
    expect(Buffer.from(withRefresh.accessToken, 'base64url')).toHaveLength(32);
    expect(Buffer.from(withRefresh.refreshToken!, 'base64url')).toHaveLength(32);
    expect(withRefresh.expiresInSec).toBe(3600);
    expect(without.refreshToken).toBeUndefined();
    expect(new Set([withRefresh.accessToken, withRefresh.refreshToken, without.accessToken]).size).toBe(3);
  });

  it('checks the bearer header, the provider, expiry and scopes', () => {
    const { store, advance } = storeAt(1_000_000);
    const { accessToken, refreshToken } = store.issue(grant, { expiresInSec: 60, refresh: true });
    const ok = store.check('microsoft', `Bearer ${accessToken}`, ['Calendars.Read', 'Calendars.ReadWrite']);
    expect(ok).toEqual({ ok: true, grant: { ...grant, revoked: false } });
    expect(store.check('microsoft', `bearer ${accessToken}`, []).ok).toBe(true);
    expect(store.check('microsoft', undefined, [])).toEqual({ ok: false, reason: 'missing' });
    expect(store.check('microsoft', `Basic ${accessToken}`, [])).toEqual({ ok: false, reason: 'missing' });
    expect(store.check('microsoft', 'Bearer nope', [])).toEqual({ ok: false, reason: 'invalid' });
    expect(store.check('google', `Bearer ${accessToken}`, [])).toEqual({ ok: false, reason: 'invalid' });
    expect(store.check('microsoft', `Bearer ${refreshToken}`, [])).toEqual({ ok: false, reason: 'invalid' });
    expect(store.check('microsoft', `Bearer ${accessToken}`, ['Mail.Read'])).toEqual({ ok: false, reason: 'insufficient-scope' });
    advance(59_999);
    expect(store.check('microsoft', `Bearer ${accessToken}`, []).ok).toBe(true);
    advance(1);
    expect(store.check('microsoft', `Bearer ${accessToken}`, [])).toEqual({ ok: false, reason: 'expired' });
  });

  it('rotates refresh tokens; old ones keep working until the grant is revoked', () => {
    const { store } = storeAt(0);
    const first = store.issue(grant, { expiresInSec: 60, refresh: true });
    const second = store.refresh('microsoft', first.refreshToken!, 120)!;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.grant).toEqual({ ...grant, revoked: false });
    expect(store.check('microsoft', `Bearer ${second.accessToken}`, ['offline_access']).ok).toBe(true);
    expect(store.refresh('microsoft', first.refreshToken!, 60)).not.toBeNull();
    expect(store.refresh('google', second.refreshToken, 60)).toBeNull();
    expect(store.refresh('microsoft', first.accessToken, 60)).toBeNull();
    expect(store.refresh('microsoft', 'unknown', 60)).toBeNull();
  });

  it('revokes a whole grant through any of its tokens', () => {
    const { store } = storeAt(0);
    const issued = store.issue(grant, { expiresInSec: 60, refresh: true });
    const other = store.issue(grant, { expiresInSec: 60, refresh: true });
    expect(store.revokeToken('google', issued.accessToken)).toBe(false);
    expect(store.revokeToken('microsoft', 'unknown')).toBe(false);
    expect(store.revokeToken('microsoft', issued.accessToken)).toBe(true);
    expect(store.check('microsoft', `Bearer ${issued.accessToken}`, [])).toEqual({ ok: false, reason: 'revoked' });
    expect(store.refresh('microsoft', issued.refreshToken!, 60)).toBeNull();
    expect(store.check('microsoft', `Bearer ${other.accessToken}`, []).ok).toBe(true);
    expect(store.grants('microsoft').map((g) => g.revoked)).toEqual([true, false]);
  });

  it('expires and revokes everything of one provider only', () => {
    const { store } = storeAt(0);
    const ms = store.issue(grant, { expiresInSec: 3600, refresh: true });
    const google = store.issue({ ...grant, provider: 'google' }, { expiresInSec: 3600, refresh: true });
    store.expireAll('microsoft');
    expect(store.check('microsoft', `Bearer ${ms.accessToken}`, [])).toEqual({ ok: false, reason: 'expired' });
    expect(store.check('google', `Bearer ${google.accessToken}`, []).ok).toBe(true);
    const renewed = store.refresh('microsoft', ms.refreshToken!, 60)!;
    expect(store.check('microsoft', `Bearer ${renewed.accessToken}`, []).ok).toBe(true);
    store.revokeAll('microsoft');
    expect(store.check('microsoft', `Bearer ${renewed.accessToken}`, [])).toEqual({ ok: false, reason: 'revoked' });
    expect(store.refresh('microsoft', renewed.refreshToken, 60)).toBeNull();
    expect(store.check('google', `Bearer ${google.accessToken}`, []).ok).toBe(true);
    store.reset('google');
    expect(store.check('google', `Bearer ${google.accessToken}`, [])).toEqual({ ok: false, reason: 'invalid' });
    expect(store.grants().map((g) => g.provider)).toEqual(['microsoft']);
  });
});
