import { describe, expect, it } from 'vitest';
import { loadConnection } from '../../../entrypoints/background/auth/connection-store';
import { loadAccess, loadRefreshToken } from '../../../entrypoints/background/auth/token-store';
import { rawLocalStorage } from './fake-providers';
import { useAuthWorld } from './setup';

const source = { role: 'source' as const, dataTypes: ['calendar' as const] };

describe('disconnect', () => {
  const world = useAuthWorld();

  it('revokes the Google token and forgets everything', async () => {
    await world.auth.connect('google', source);
    const token = (await loadAccess('google'))?.accessToken;

    await world.auth.disconnect('google');

    const [revoke] = world.providers.requestsTo('/revoke');
    expect(revoke?.method).toBe('POST');
    expect(revoke?.url.search).toBe('');
    expect(revoke?.body.get('token')).toBe(token);
    expect(world.providers.revoked).toEqual([token]);
    expect(await loadAccess('google')).toBeUndefined();
    expect(await loadConnection('google')).toBeUndefined();
    expect(await world.auth.connections()).toEqual([]);
  });

  it('discards Microsoft tokens without a network call (no revocation endpoint)', async () => {
    await world.auth.connect('microsoft', source);
    const before = world.providers.requests.length;

    await world.auth.disconnect('microsoft');

    expect(world.providers.requests.length).toBe(before);
    expect(await loadAccess('microsoft')).toBeUndefined();
    expect(await loadRefreshToken('microsoft')).toBeUndefined();
    expect(await rawLocalStorage()).toBe('{}');
  });

  it('says so when Google cannot be reached, with everything local already gone', async () => {
    await world.auth.connect('google', source);
    globalThis.fetch = async () => Promise.reject(new TypeError('Failed to fetch'));

    await expect(world.auth.disconnect('google')).rejects.toThrow(
      'Ferry forgot its access to Google, but could not ask Google to withdraw it (Failed to fetch)',
    );
    expect(await loadAccess('google')).toBeUndefined();
    expect(await loadConnection('google')).toBeUndefined();
  });

  it('takes a token Google already considers revoked as withdrawn', async () => {
    await world.auth.connect('google', source);
    globalThis.fetch = async () =>
      new Response(JSON.stringify({ error: 'invalid_token', error_description: 'Token expired or revoked' }), { status: 400 });

    await expect(world.auth.disconnect('google')).resolves.toBeUndefined();
  });
});

describe('release after a finished transfer', () => {
  const world = useAuthWorld();

  it('withdraws access connected before the transfer finished', async () => {
    await world.auth.connect('google', source);

    await world.auth.release('google', Date.now() + 1);

    expect(world.providers.revoked).toHaveLength(1);
    expect(await world.auth.connections()).toEqual([]);
  });

  it('keeps a connection made after the transfer finished', async () => {
    await world.auth.connect('google', source);

    await world.auth.release('google', Date.now() - 60_000);

    expect(world.providers.revoked).toEqual([]);
    expect(await world.auth.connections()).toHaveLength(1);
  });
});
