import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Auth, ConnectionState } from '../../../entrypoints/background/auth';
import type { JobView, ProviderView } from '../../../entrypoints/background/messages';
import type { ProviderDescriptor } from '../../../model/adapter';
import { createMessageHandler, type TransferEngine } from '../../../entrypoints/background/messaging';
import type { Sender } from '../../../entrypoints/background/messaging/preflight';
import { PASSWORD_PROVIDER } from '../auth/fake-password-provider';
import { CODE_PROVIDER, TOKEN_PROVIDER } from '../auth/fake-providers';

const PAGE: Sender = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/transfer.html' };
const GOOGLE_READ = 'https://www.googleapis.com/auth/calendar.readonly';

function job(overrides: Partial<JobView> = {}): JobView {
  return {
    id: 'job-1',
    source: { provider: 'google', account: 'g-1' },
    destination: { provider: 'microsoft', account: 'm-1' },
    dataTypes: ['calendar'],
    status: 'running',
    createdAt: 1,
    progress: [],
    failures: [],
    skipped: [],
    losses: [],
    ...overrides,
  };
}

function connection(provider: string, account: string, scopes: string[], needsReconnect = false): ConnectionState {
  return { provider, account: { id: account, email: `${account}@example.com` }, needsReconnect, scopes };
}

function makeWorld(providers: ProviderDescriptor[] = [TOKEN_PROVIDER, CODE_PROVIDER]) {
  const connections = new Map<string, ConnectionState>();
  const jobs: JobView[] = [];
  const auth = {
    connect: vi.fn(async (provider: string) => {
      const made = connection(provider, `${provider[0]}-1`, []);
      connections.set(provider, made);
      return { provider, account: made.account, needsReconnect: false };
    }),
    disconnect: vi.fn(async () => undefined),
    release: vi.fn(async () => undefined),
    connections: vi.fn(async () => [...connections.values()]),
    connection: vi.fn(async (provider: string) => connections.get(provider)),
    authorizedFetch: vi.fn(),
  } satisfies Auth;
  const engine = {
    start: vi.fn(async () => job()),
    pause: vi.fn(async (id: string) => job({ id, status: 'paused' })),
    resume: vi.fn(async (id: string) => job({ id })),
    cancel: vi.fn(async (id: string) => job({ id, status: 'cancelled' })),
    retryFailed: vi.fn(async (id: string) => job({ id })),
    forget: vi.fn(async () => undefined),
    view: vi.fn(async (id: string) => jobs.find((j) => j.id === id)),
    list: vi.fn(async () => jobs),
    reconnected: vi.fn(async () => undefined),
    metrics: vi.fn(async () => ({ idbMs: 12.5, idbTransactions: 40, since: 1_700_000_000_000 })),
  } satisfies TransferEngine;
  const deps = {
    providers,
    auth,
    engine: async () => engine,
    hasHostPermission: vi.fn(async () => true),
    jobForgotten: vi.fn(async () => undefined),
  };
  const handle = createMessageHandler(deps);
  return { connections, jobs, auth, engine, deps, send: (message: unknown) => handle(message, PAGE) };
}

describe('message handlers', () => {
  beforeEach(() => fakeBrowser.reset());
  const world = () => makeWorld();

  it('acts on nothing when the preflight refuses', async () => {
    const w = world();
    const reply = await w.send({ type: 'disconnect', provider: 'google', extra: 1 });

    expect(reply.ok).toBe(false);
    expect(w.auth.disconnect).not.toHaveBeenCalled();
  });

  it('lists providers with host patterns and what each data type supports', async () => {
    const w = world();
    expect(await w.send({ type: 'providers/list' })).toEqual({
      ok: true,
      value: [
        { id: 'google', name: 'Google', hostPermissions: TOKEN_PROVIDER.hostPermissions, auth: { kind: 'oauth' }, dataTypes: [{ dataType: 'calendar', export: false, import: false }] },
        { id: 'microsoft', name: 'Microsoft', hostPermissions: CODE_PROVIDER.hostPermissions, auth: { kind: 'oauth' }, dataTypes: [{ dataType: 'calendar', export: false, import: false }] },
      ],
    });
  });

  describe('with calendar support', () => {
    const calendarBothWays = (provider: ProviderDescriptor): ProviderDescriptor => ({
      ...provider,
      dataTypes: {
        calendar: {
          scopes: provider.dataTypes.calendar?.scopes ?? { export: [], import: [] },
          export: { create: vi.fn() },
          import: { create: vi.fn(), batchSize: 50, fields: [] },
        },
      },
    });
    const world = () => makeWorld([calendarBothWays(TOKEN_PROVIDER), calendarBothWays(CODE_PROVIDER)]);

    it('connects, tells the engine, and passes the account an unfinished job waits for', async () => {
      const w = world();
      w.jobs.push(job({ status: 'needs-reconnect', reconnectProvider: 'microsoft' }), job({ id: 'old', status: 'done', destination: { provider: 'microsoft', account: 'm-old' } }));

      const reply = await w.send({ type: 'connect', provider: 'microsoft', role: 'destination', dataTypes: ['calendar'] });

      expect(reply).toEqual({ ok: true, value: { provider: 'microsoft', account: { id: 'm-1', email: 'm-1@example.com' }, needsReconnect: false } });
      expect(w.deps.hasHostPermission).toHaveBeenCalledWith(CODE_PROVIDER.hostPermissions);
      expect(w.auth.connect).toHaveBeenCalledWith('microsoft', { role: 'destination', dataTypes: ['calendar'], requiredAccount: 'm-1' });
      expect(w.engine.reconnected).toHaveBeenCalledWith('microsoft');
    });

    it('asks for the host permission before connecting', async () => {
      const w = world();
      w.deps.hasHostPermission.mockResolvedValue(false);

      const reply = await w.send({ type: 'connect', provider: 'google', role: 'source', dataTypes: ['calendar'] });

      expect(reply).toEqual({ ok: false, error: expect.stringContaining('Ferry needs your permission to reach Google first') });
      expect(w.auth.connect).not.toHaveBeenCalled();
    });

    it('passes on the sentence of a failed connection, without telling the engine', async () => {
      const w = world();
      w.auth.connect.mockRejectedValue(new Error('Google did not connect (access was not allowed). Try connecting again.'));

      expect(await w.send({ type: 'connect', provider: 'google', role: 'source', dataTypes: ['calendar'] })).toEqual({
        ok: false,
        error: 'Google did not connect (access was not allowed). Try connecting again.',
      });
      expect(w.engine.reconnected).not.toHaveBeenCalled();
    });

    it('starts a job with both accounts once both sides are connected with the right scopes', async () => {
      const w = world();
      w.connections.set('google', connection('google', 'g-1', ['openid', GOOGLE_READ]));
      w.connections.set('microsoft', connection('microsoft', 'm-1', ['https://graph.microsoft.com/Calendars.ReadWrite']));

      const reply = await w.send({ type: 'job/start', source: 'google', destination: 'microsoft', dataTypes: ['calendar'] });

      expect(reply.ok).toBe(true);
      expect(w.engine.start).toHaveBeenCalledWith({
        source: 'google',
        sourceAccount: 'g-1',
        destination: 'microsoft',
        destinationAccount: 'm-1',
        dataTypes: ['calendar'],
      });
    });

    it.each([
      ['the destination is not connected', () => undefined, 'Connect Microsoft first.'],
      ['the destination needs reconnecting', () => connection('microsoft', 'm-1', ['Calendars.ReadWrite'], true), 'Microsoft needs you to connect again before a transfer can start.'],
      ['the destination lacks the import scope', () => connection('microsoft', 'm-1', ['Calendars.Read']), 'Connect Microsoft again as the destination'],
    ])('refuses to start when %s', async (_, destination, message) => {
      const w = world();
      w.connections.set('google', connection('google', 'g-1', [GOOGLE_READ]));
      const made = destination();
      if (made) w.connections.set('microsoft', made);

      const reply = await w.send({ type: 'job/start', source: 'google', destination: 'microsoft', dataTypes: ['calendar'] });

      expect(reply).toEqual({ ok: false, error: expect.stringContaining(message) });
      expect(w.engine.start).not.toHaveBeenCalled();
    });

    it('refuses data types a side cannot handle', async () => {
      const w = world();
      const reply = await w.send({ type: 'job/start', source: 'google', destination: 'microsoft', dataTypes: ['calendar', 'photos'] });

      expect(reply).toEqual({ ok: false, error: 'Ferry cannot read Photos and videos from Google yet. Choose other data or another source.' });
    });
  });

  it('refuses to connect for a data type the provider cannot export', async () => {
    const w = world();
    const reply = await w.send({ type: 'connect', provider: 'google', role: 'source', dataTypes: ['calendar'] });

    expect(reply).toEqual({ ok: false, error: 'Ferry cannot read Calendar from Google yet. Choose other data or another source.' });
    expect(w.auth.connect).not.toHaveBeenCalled();
  });

  it('maps job requests to the engine', async () => {
    const w = world();
    expect(await w.send({ type: 'job/pause', jobId: 'j1' })).toEqual({ ok: true, value: job({ id: 'j1', status: 'paused' }) });
    expect(await w.send({ type: 'job/cancel', jobId: 'j1' })).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    await w.send({ type: 'job/resume', jobId: 'j2' });
    await w.send({ type: 'job/retry-failed', jobId: 'j3' });
    expect(w.engine.resume).toHaveBeenCalledWith('j2');
    expect(w.engine.retryFailed).toHaveBeenCalledWith('j3');
  });

  it('answers engine/metrics with the store\'s time and transactions', async () => {
    const w = world();
    expect(await w.send({ type: 'engine/metrics' })).toEqual({ ok: true, value: { idbMs: 12.5, idbTransactions: 40, since: 1_700_000_000_000 } });
    expect(w.engine.metrics).toHaveBeenCalledOnce();
  });

  it('answers job/get for an unknown job with a sentence', async () => {
    expect(await world().send({ type: 'job/get', jobId: 'gone' })).toEqual({
      ok: false,
      error: 'This transfer no longer exists; it may have been forgotten. Reload the page.',
    });
  });

  it('releases providers when an unfinished job is forgotten, not when a finished one is', async () => {
    const w = world();
    w.jobs.push(job({ id: 'paused', status: 'paused' }), job({ id: 'done', status: 'done', finishedAt: 5 }));

    expect(await w.send({ type: 'job/forget', jobId: 'done' })).toEqual({ ok: true, value: null });
    expect(w.deps.jobForgotten).not.toHaveBeenCalled();
    await w.send({ type: 'job/forget', jobId: 'paused' });
    expect(w.engine.forget).toHaveBeenCalledWith('paused');
    expect(w.deps.jobForgotten).toHaveBeenCalledWith(expect.objectContaining({ id: 'paused' }));
  });

  it('never throws across: an engine failure becomes a reply', async () => {
    const w = world();
    w.engine.list.mockRejectedValue(new Error('The database is closed.'));
    expect(await w.send({ type: 'jobs/list' })).toEqual({ ok: false, error: 'The database is closed.' });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    w.engine.list.mockRejectedValue('not even an Error');
    expect(await w.send({ type: 'jobs/list' })).toEqual({ ok: false, error: 'Something went wrong inside Ferry. Reload the page and try again.' });
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });

  describe('with a password provider', () => {
    const caldav: ProviderDescriptor = {
      ...PASSWORD_PROVIDER,
      dataTypes: { calendar: { scopes: { export: [], import: [] }, export: { create: vi.fn() }, import: { create: vi.fn(), batchSize: 50, fields: [] } } },
    };
    const world = () => makeWorld([TOKEN_PROVIDER, caldav]);
    const credentials = { serverUrl: 'https://caldav.icloud.com/', username: 'alice@icloud.com', password: 'abcd-efgh-ijkl-mnop' };

    it('lists it with its app-password help and its own host patterns', async () => {
      const reply = await world().send({ type: 'providers/list' });
      expect(reply.ok && (reply.value as ProviderView[])[1]).toEqual({
        id: 'caldav',
        name: 'CalDAV',
        hostPermissions: ['https://*.icloud.com/*'],
        auth: PASSWORD_PROVIDER.auth,
        dataTypes: [{ dataType: 'calendar', export: true, import: true }],
      });
    });

    it("checks the permission for the typed server's host (and its family), then passes the credentials on", async () => {
      const w = world();

      const reply = await w.send({ type: 'connect', provider: 'caldav', role: 'source', dataTypes: ['calendar'], credentials });

      expect(reply.ok).toBe(true);
      expect(w.deps.hasHostPermission).toHaveBeenCalledWith(['https://caldav.icloud.com/*', 'https://*.icloud.com/*']);
      expect(w.auth.connect).toHaveBeenCalledWith('caldav', { role: 'source', dataTypes: ['calendar'], credentials });
    });

    it('refuses to connect without credentials, or without the permission for that server', async () => {
      const w = world();
      expect(await w.send({ type: 'connect', provider: 'caldav', role: 'source', dataTypes: ['calendar'] })).toEqual({
        ok: false,
        error: "Type your CalDAV server's address, your user name and an app password, then choose Connect.",
      });
      w.deps.hasHostPermission.mockResolvedValue(false);
      const refused = await w.send({ type: 'connect', provider: 'caldav', role: 'source', dataTypes: ['calendar'], credentials });
      expect(refused).toEqual({ ok: false, error: expect.stringContaining('Ferry needs your permission to reach CalDAV first') });
      expect(w.auth.connect).not.toHaveBeenCalled();
    });
  });
});
