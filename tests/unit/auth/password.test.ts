import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAuth, type Auth } from '../../../entrypoints/background/auth';
import { loadConnection } from '../../../entrypoints/background/auth/connection-store';
import { loadPassword } from '../../../entrypoints/background/auth/password-store';
import { AdapterError, type ProviderDescriptor } from '../../../model/adapter';
import { rawLocalStorage, resolveProvider } from './fake-providers';
import { APP_PASSWORD, FakeDavServer, PASSWORD_PROVIDER, SERVER_URL, USERNAME } from './fake-password-provider';

const LOCAL_FILES: ProviderDescriptor = {
  id: 'takeout',
  name: 'Google Takeout',
  auth: { kind: 'local-files', accept: ['.zip'], multiple: true },
  hostPermissions: [],
  limits: { minIntervalMs: 0, maxConcurrency: 1 },
  dataTypes: {},
  accountInfo: async () => ({ id: 'unused' }),
};

const source = { role: 'source' as const, dataTypes: ['calendar' as const] };
const credentials = { serverUrl: SERVER_URL, username: USERNAME, password: APP_PASSWORD };
const basicHeader = `Basic ${Buffer.from(`${USERNAME}:${APP_PASSWORD}`, 'utf8').toString('base64')}`;

describe('password connections', () => {
  let server: FakeDavServer;
  let auth: Auth;
  beforeEach(() => {
    fakeBrowser.reset();
    server = new FakeDavServer();
    server.install();
    auth = createAuth((id) => [PASSWORD_PROVIDER, LOCAL_FILES].find((p) => p.id === id) ?? resolveProvider(id));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('checks the credentials on the server and records who is connected where', async () => {
    const view = await auth.connect('caldav', { ...source, credentials });

    expect(view).toEqual({
      provider: 'caldav',
      account: { id: '/remote.php/dav/principals/users/alice/', email: 'alice@example.com' },
      needsReconnect: false,
      serverUrl: SERVER_URL,
      username: USERNAME,
    });
    const [check] = server.requests;
    expect(server.requests).toHaveLength(1);
    expect(check?.method).toBe('PROPFIND');
    expect(check?.url.href).toBe('https://dav.example.com/remote.php/dav/principal');
    expect(check?.authorization).toBe(basicHeader);
    expect(check?.credentials).toBe('omit');
    const record = await loadConnection('caldav');
    expect(record?.serverUrl).toBe(SERVER_URL);
    expect(record?.username).toBe(USERNAME);
    expect(record?.requestedScopes).toEqual([]);
    expect((await auth.connection('caldav'))?.serverUrl).toBe(SERVER_URL);
  });

  it('refuses a wrong app password with a sentence, and keeps nothing', async () => {
    await expect(auth.connect('caldav', { ...source, credentials: { ...credentials, password: 'wrong' } })).rejects.toThrow(
      'The server refused that user name and app password (dav.example.com answered 401).',
    );

    expect(await rawLocalStorage()).toBe('{}');
    expect(await auth.connections()).toEqual([]);
  });

  it('says when the server cannot be reached', async () => {
    server.unreachable = true;

    await expect(auth.connect('caldav', { ...source, credentials })).rejects.toThrow(
      'Ferry could not reach dav.example.com (Failed to fetch). Check the address and that the server is running',
    );
    expect(await rawLocalStorage()).toBe('{}');
  });

  it('sends no password over plain http, nor without an address', async () => {
    await expect(
      auth.connect('caldav', { ...source, credentials: { ...credentials, serverUrl: 'http://dav.example.com/' } }),
    ).rejects.toThrow('Ferry sends your app password only over an encrypted connection.');
    await expect(auth.connect('caldav', { ...source, credentials: { ...credentials, serverUrl: 'dav.example.com' } })).rejects.toThrow(
      '"dav.example.com" is not a web address.',
    );
    await expect(auth.connect('caldav', source)).rejects.toThrow("Type your CalDAV server's address, your user name and an app password");
    expect(server.requests).toEqual([]);
  });

  it('keeps the password sealed: never in the clear in storage.local or storage.session', async () => {
    await auth.connect('caldav', { ...source, credentials });

    const local = await rawLocalStorage();
    expect(local).toContain('auth:password:caldav');
    expect(local).not.toContain(APP_PASSWORD);
    expect(local).not.toContain(basicHeader.slice('Basic '.length));
    expect(local).not.toContain(Buffer.from(APP_PASSWORD, 'utf8').toString('base64'));
    const session = JSON.stringify(await fakeBrowser.storage.session.get(null));
    expect(session).not.toContain(APP_PASSWORD);
    expect(await loadPassword('caldav')).toBe(APP_PASSWORD);
  });

  it('gives adapters a fetch with Basic auth for the server, and none for other hosts', async () => {
    await auth.connect('caldav', { ...source, credentials });
    const fetch = auth.authorizedFetch('caldav');

    const atServer = await fetch('https://dav.example.com/remote.php/dav/calendars/alice/', { method: 'PROPFIND', headers: { depth: '1' } });
    await fetch('https://elsewhere.example.org/attachment.bin');

    expect(atServer.status).toBe(207);
    const [, calendars, elsewhere] = server.requests;
    expect(calendars?.authorization).toBe(basicHeader);
    expect(calendars?.method).toBe('PROPFIND');
    expect(elsewhere?.url.host).toBe('elsewhere.example.org');
    expect(elsewhere?.authorization).toBeNull();
  });

  it('needs the password again after the browser closed (its key went with the session)', async () => {
    await auth.connect('caldav', { ...source, credentials });
    await fakeBrowser.storage.session.clear();

    expect(await auth.connections()).toEqual([expect.objectContaining({ provider: 'caldav', needsReconnect: true, serverUrl: SERVER_URL, username: USERNAME })]);
    const error = await auth.authorizedFetch('caldav')(SERVER_URL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).errorClass).toBe('fatal');
    expect((error as AdapterError).details.fatalReason).toBe('reconnect');
    expect((error as AdapterError).message).toContain('Ferry keeps no app password once the browser has been closed');
    expect(server.requests).toHaveLength(1);
  });

  it('stops for the person when the server no longer takes the password (revoked at the service)', async () => {
    await auth.connect('caldav', { ...source, credentials });
    server.password = 'a-new-one';

    const error = await auth.authorizedFetch('caldav')(SERVER_URL, { method: 'PROPFIND' }).catch((e: unknown) => e);

    expect((error as AdapterError).details.fatalReason).toBe('reconnect');
    expect((error as AdapterError).message).toContain('dav.example.com no longer accepts the app password Ferry was given');
    expect((await loadConnection('caldav'))?.needsReconnect).toBe(true);
    expect(await loadPassword('caldav')).toBeUndefined();
  });

  it('connects again with a new password after a refusal', async () => {
    await auth.connect('caldav', { ...source, credentials });
    server.password = 'a-new-one';
    await auth.authorizedFetch('caldav')(SERVER_URL).catch(() => undefined);

    const view = await auth.connect('caldav', { ...source, credentials: { ...credentials, password: 'a-new-one' } });

    expect(view.needsReconnect).toBe(false);
    expect((await auth.authorizedFetch('caldav')(SERVER_URL)).status).toBe(207);
  });

  it('refuses another account than the one an unfinished transfer uses', async () => {
    await expect(
      auth.connect('caldav', { ...source, credentials, requiredAccount: '/remote.php/dav/principals/users/bob/' }),
    ).rejects.toThrow('You signed in to CalDAV as alice@example.com, but an unfinished transfer uses another account.');
    expect(await rawLocalStorage()).toBe('{}');
  });

  it('forgets the password on disconnect, with nothing to revoke at the server', async () => {
    await auth.connect('caldav', { ...source, credentials });
    const before = server.requests.length;

    await auth.disconnect('caldav');

    expect(server.requests).toHaveLength(before);
    expect(await rawLocalStorage()).toBe('{}');
    expect(await auth.connections()).toEqual([]);
    await expect(auth.authorizedFetch('caldav')(SERVER_URL)).rejects.toThrow('Ferry is not connected to CalDAV');
  });

  it('releases a password connection made before a transfer finished', async () => {
    await auth.connect('caldav', { ...source, credentials });

    await auth.release('caldav', Date.now() - 60_000);
    expect(await loadPassword('caldav')).toBe(APP_PASSWORD);
    await auth.release('caldav', Date.now() + 1);
    expect(await rawLocalStorage()).toBe('{}');
  });

  it('counts files on disk as always connected as a destination, with no account and nothing stored', async () => {
    const destination = { role: 'destination' as const, dataTypes: ['calendar' as const] };
    expect(await auth.connect('takeout', destination)).toEqual({ provider: 'takeout', account: { id: 'local', name: 'Files on this computer' }, needsReconnect: false });
    expect(await auth.connection('takeout')).toMatchObject({ needsReconnect: false, account: { id: 'local' } });
    await auth.disconnect('takeout');
    await expect(auth.authorizedFetch('takeout')('https://example.com/')).rejects.toThrow('has no web address to call');
    expect(await rawLocalStorage()).toBe('{}');
  });

  it('asks for the files before a source of files counts as connected', async () => {
    await expect(auth.connect('takeout', source)).rejects.toThrow('Choose the file of your Google Takeout on your computer first.');
    expect(await rawLocalStorage()).toBe('{}');
  });
});
