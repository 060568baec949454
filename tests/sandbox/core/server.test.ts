import type { ClientHttp2Session } from 'node:http2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../server';
import { h1Request, h2Request, openH2 } from './http-clients';
import { echoProvider, testProviders, type RecordingProvider } from './test-providers';

let sandbox: RunningSandbox;
let session: ClientHttp2Session;

const control = (path: string, opts: Parameters<typeof h2Request>[2] = {}) => h2Request(session, `/__sandbox${path}`, opts);
const addFault = (fault: object) => control('/faults', { method: 'POST', body: fault });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, providers: testProviders() });
  session = openH2(sandbox.origin);
});
afterAll(async () => {
  session.close();
  await sandbox.close();
});
afterEach(async () => {
  expect((await control('/reset', { method: 'POST' })).status).toBe(200);
});

describe('transport', () => {
  it('answers over HTTP/2 on 127.0.0.1 with a random port', async () => {
    expect(sandbox.origin).toBe(`https://127.0.0.1:${sandbox.port}`);
    expect(sandbox.port).toBeGreaterThan(0);
    const res = await h2Request(session, '/alpha.example/calendar/v3/x?maxResults=5&q=a%20b');
    expect(session.alpnProtocol).toBe('h2');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-provider']).toBe('google');
    expect(res.json()).toEqual({
      provider: 'google',
      method: 'GET',
      host: 'alpha.example',
      path: '/calendar/v3/x',
      query: { maxResults: '5', q: 'a b' },
      bodyLength: 0,
      contentType: null,
      hostUrl: `${sandbox.origin}/alpha.example`,
    });
  });

  it('answers over HTTP/1.1 too', async () => {
    const res = await h1Request(sandbox.origin, '/beta.example/v1.0/me/events', { method: 'POST', body: { subject: 'x' } });
    expect(res.httpVersion).toBe('1.1');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ provider: 'microsoft', method: 'POST', path: '/v1.0/me/events', bodyLength: 15, contentType: 'application/json' });
  });

  it('passes request bodies through over HTTP/2', async () => {
    const res = await h2Request(session, '/beta.example/upload', { method: 'PUT', body: Buffer.alloc(100_000, 7) });
    expect(res.json()).toMatchObject({ method: 'PUT', bodyLength: 100_000 });
  });
});

describe('routing', () => {
  it('routes each host to the provider that owns it, path "/" when none is given', async () => {
    expect((await h2Request(session, '/auth.alpha.example/o/oauth2/auth')).json()).toMatchObject({ provider: 'google', path: '/o/oauth2/auth' });
    expect((await h2Request(session, '/BETA.example')).json()).toMatchObject({ provider: 'microsoft', host: 'beta.example', path: '/' });
  });

  it('answers 404 for a host no sandbox serves, naming the known hosts', async () => {
    const res = await h2Request(session, '/www.example.org/x');
    expect(res.status).toBe(404);
    expect(res.json().error).toContain('no sandbox serves host "www.example.org"');
    expect(res.json().error).toContain('beta.example');
  });

  it('answers CORS preflights without bothering the provider or the log', async () => {
    const res = await h2Request(session, '/alpha.example/calendar/v3/x', {
      method: 'OPTIONS',
      headers: { origin: 'https://page.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://page.example');
    expect(res.headers['access-control-allow-headers']).toBe('authorization, content-type');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect((await control('/log')).json()).toEqual([]);
  });

  it('turns an exception in a provider into that provider\'s 500 error body', async () => {
    const res = await h2Request(session, '/beta.example/boom');
    expect(res.status).toBe(500);
    expect(res.json().error).toMatchObject({ provider: 'microsoft', status: 500, code: 'internalError' });
    expect(res.json().error.message).toContain('handler exploded');
  });
});

describe('faults', () => {
  it('answers 429 with Retry-After in seconds, once by default', async () => {
    expect((await addFault({ provider: 'google', kind: 'status', status: 429, retryAfter: { seconds: 7 } })).status).toBe(200);
    const hit = await h2Request(session, '/alpha.example/a');
    expect(hit.status).toBe(429);
    expect(hit.headers['retry-after']).toBe('7');
    expect(hit.json().error).toMatchObject({ provider: 'google', status: 429, code: 'rateLimitExceeded' });
    expect((await h2Request(session, '/alpha.example/a')).status).toBe(200);
  });

  it('answers 429 with Retry-After as an HTTP date', async () => {
    await addFault({ provider: 'microsoft', kind: 'status', status: 429, retryAfter: { date: true, seconds: 120 } });
    const before = Date.now();
    const hit = await h1Request(sandbox.origin, '/beta.example/v1.0/me');
    const value = String(hit.headers['retry-after']);
    expect(value).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Date.parse(value) - before).toBeGreaterThan(118_000);
    expect(Date.parse(value) - before).toBeLessThan(122_000);
  });

  it('answers 503 by default for a status fault, for `count` requests, with a custom code', async () => {
    await addFault({ provider: 'google', kind: 'status', count: 2, code: 'backendError' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await h2Request(session, '/alpha.example/x')).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('lets the first `afterRequests` matching requests through', async () => {
    await addFault({ provider: 'google', kind: 'status', status: 500, afterRequests: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await h2Request(session, '/alpha.example/x')).status);
    expect(statuses).toEqual([200, 200, 500, 200]);
  });

  it('matches only the provider, method and pathPattern given', async () => {
    await addFault({ provider: 'google', kind: 'status', status: 503, method: 'post', pathPattern: '^/alpha\\.example/calendar/' });
    expect((await h2Request(session, '/beta.example/calendar/x', { method: 'POST' })).status).toBe(200);
    expect((await h2Request(session, '/auth.alpha.example/calendar/x', { method: 'POST' })).status).toBe(200);
    expect((await h2Request(session, '/alpha.example/calendar/x')).status).toBe(200);
    expect((await h2Request(session, '/alpha.example/calendar/x', { method: 'POST' })).status).toBe(503);
  });

  it('drops an HTTP/2 stream without a response, and the session survives', async () => {
    await addFault({ provider: 'google', kind: 'drop' });
    await expect(h2Request(session, '/alpha.example/x')).rejects.toThrow();
    expect((await h2Request(session, '/alpha.example/x')).status).toBe(200);
  });

  it('drops an HTTP/1.1 connection without a response', async () => {
    await addFault({ provider: 'microsoft', kind: 'drop' });
    await expect(h1Request(sandbox.origin, '/beta.example/x')).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('holds back the response start for a slow fault, then answers normally', async () => {
    await addFault({ provider: 'google', kind: 'slow', delayMs: 400 });
    const started = Date.now();
    const res = await h2Request(session, '/alpha.example/x');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('expires tokens then lets the provider answer 401; revoke-grants revokes them', async () => {
    const { accessToken } = sandbox.tokens.issue(
      { provider: 'google', clientId: 'c', account: 'alice', scopes: ['read'] },
      { expiresInSec: 3600, refresh: true },
    );
    const headers = { authorization: `Bearer ${accessToken}` };
    expect((await h2Request(session, '/alpha.example/private', { headers })).status).toBe(200);
    await addFault({ provider: 'google', kind: 'expire-tokens' });
    const expired = await h2Request(session, '/alpha.example/private', { headers });
    expect([expired.status, expired.json().error.code]).toEqual([401, 'expired']);

    const second = sandbox.tokens.issue({ provider: 'google', clientId: 'c', account: 'alice', scopes: ['read'] }, { expiresInSec: 3600, refresh: true });
    await addFault({ provider: 'google', kind: 'revoke-grants' });
    const revoked = await h2Request(session, '/alpha.example/private', { headers: { authorization: `Bearer ${second.accessToken}` } });
    expect([revoked.status, revoked.json().error.code]).toEqual([401, 'revoked']);
    expect(sandbox.tokens.refresh('google', second.refreshToken!, 60)).toBeNull();
  });

  it('never applies to the control API', async () => {
    await addFault({ provider: 'google', kind: 'status', status: 503, count: 100 });
    expect((await control('/log')).status).toBe(200);
    expect((await control('/faults')).json()).toMatchObject([{ provider: 'google', kind: 'status', fired: 0, count: 100 }]);
  });

  it('lists faults with their counters and clears them', async () => {
    await addFault([
      { provider: 'google', kind: 'status', status: 429 },
      { provider: 'microsoft', kind: 'slow', delayMs: 1 },
    ]);
    await h2Request(session, '/alpha.example/x');
    expect((await control('/faults?provider=google')).json()).toMatchObject([{ kind: 'status', seen: 1, fired: 1 }]);
    expect((await control('/faults?provider=google', { method: 'DELETE' })).status).toBe(200);
    expect((await control('/faults')).json()).toMatchObject([{ provider: 'microsoft', kind: 'slow' }]);
    await control('/faults', { method: 'DELETE' });
    expect((await control('/faults')).json()).toEqual([]);
  });

  it('rejects a malformed fault with a message that says what is wrong', async () => {
    const cases: [object, string][] = [
      [{ provider: 'yahoo', kind: 'status' }, 'provider must be one of google, microsoft'],
      [{ provider: 'google', kind: 'explode' }, 'kind must be one of'],
      [{ provider: 'google', kind: 'status', status: 200 }, 'status must be an integer from 400 to 599'],
      [{ provider: 'google', kind: 'status', pathPattern: '(' }, 'pathPattern is not a valid regular expression'],
      [{ provider: 'google', kind: 'status', retryAfter: 5 }, 'retryAfter must be'],
      [{ provider: 'google', kind: 'status', count: 0 }, 'count must be an integer from 1'],
      [{ provider: 'google', kind: 'status', statsu: 429 }, 'unknown field(s) statsu'],
    ];
    for (const [body, message] of cases) {
      const res = await addFault(body);
      expect(res.status).toBe(400);
      expect(res.json().error).toContain(message);
    }
    expect((await control('/faults', { method: 'POST', body: 'not json' })).status).toBe(400);
  });
});

describe('request log', () => {
  it('records every provider request with time, route, status and fault', async () => {
    const t0 = Date.now();
    await addFault({ provider: 'microsoft', kind: 'status', status: 503 });
    await h2Request(session, '/alpha.example/calendar/v3/a?pageToken=p1');
    await h2Request(session, '/beta.example/v1.0/me/events', { method: 'POST', body: {} });
    await addFault({ provider: 'google', kind: 'drop' });
    await h2Request(session, '/alpha.example/gone').catch(() => undefined);
    await h2Request(session, '/nowhere.example/x');

    const log = (await control('/log')).json();
    expect(log.map((e: any) => [e.provider, e.method, e.host, e.path, e.status, e.fault])).toEqual([
      ['google', 'GET', 'alpha.example', '/calendar/v3/a', 200, undefined],
      ['microsoft', 'POST', 'beta.example', '/v1.0/me/events', 503, 'status'],
      ['google', 'GET', 'alpha.example', '/gone', 0, 'drop'],
    ]);
    expect(log[0].query).toBe('pageToken=p1');
    for (const entry of log) expect(entry.t).toBeGreaterThanOrEqual(t0);
    expect(log[1].t).toBeGreaterThanOrEqual(log[0].t);

    expect((await control('/log?provider=microsoft')).json()).toHaveLength(1);
    await control('/log?provider=google', { method: 'DELETE' });
    expect((await control('/log')).json()).toHaveLength(1);
  });
});

describe('control API', () => {
  it('reports health with the providers and their hosts', async () => {
    expect((await control('/health')).json()).toEqual({
      ok: true,
      origin: sandbox.origin,
      providers: { google: { hosts: ['alpha.example', 'auth.alpha.example'] }, microsoft: { hosts: ['beta.example'] } },
    });
  });

  it('seeds, dumps and snapshots through the provider, with absolute directories', async () => {
    expect((await control('/seed', { method: 'POST', body: { provider: 'google', dir: '/data/in' } })).status).toBe(200);
    expect((await control('/dump', { method: 'POST', body: { provider: 'google', dir: 'relative/out' } })).status).toBe(200);
    const snap = (await control('/snapshot?provider=google')).json();
    expect(snap.calls.filter((c: string) => c !== 'reset')).toEqual(['seed /data/in', `dump ${process.cwd()}/relative/out`]);
    expect(Object.keys((await control('/snapshot')).json())).toEqual(['google', 'microsoft']);
  });

  it('rejects seed without a dir and unknown providers', async () => {
    expect((await control('/seed', { method: 'POST', body: { provider: 'google' } })).status).toBe(400);
    const res = await control('/snapshot?provider=yahoo');
    expect([res.status, res.json().error]).toEqual([400, 'provider must be one of google, microsoft; got "yahoo"']);
  });

  it('resets providers, tokens, faults and the log (one provider or all)', async () => {
    const google = sandbox.providers.google as RecordingProvider;
    const issued = sandbox.tokens.issue({ provider: 'google', clientId: 'c', account: 'a', scopes: ['read'] }, { expiresInSec: 60, refresh: false });
    await addFault({ provider: 'google', kind: 'status', count: 5 });
    await h2Request(session, '/alpha.example/x');
    await control('/reset', { method: 'POST', body: { provider: 'microsoft' } });
    expect((await control('/faults')).json()).toHaveLength(1);
    await control('/reset', { method: 'POST' });
    expect(google.calls.at(-1)).toBe('reset');
    expect((await control('/faults')).json()).toEqual([]);
    expect((await control('/log')).json()).toEqual([]);
    expect(sandbox.tokens.check('google', `Bearer ${issued.accessToken}`, []).ok).toBe(false);
    expect((await control('/grants')).json()).toEqual([]);
  });

  it('answers 404 for unknown endpoints and 405 for wrong methods', async () => {
    expect((await control('/nope')).status).toBe(404);
    const res = await control('/reset');
    expect([res.status, res.headers.allow]).toEqual([405, 'POST']);
  });
});

describe('startup', () => {
  it('seeds the accounts it is given and says clearly when the port is taken', async () => {
    const second = await startSandbox({ port: 0, providers: testProviders(), seed: [{ provider: 'microsoft', dir: '/seed/ms' }] });
    expect((second.providers.microsoft as RecordingProvider).calls).toEqual(['seed /seed/ms']);
    await expect(startSandbox({ port: second.port, providers: testProviders() })).rejects.toThrow(/port \d+ on 127\.0\.0\.1 is in use/);
    await second.close();
  });

  it('refuses two providers claiming the same host', async () => {
    const [google] = testProviders();
    await expect(startSandbox({ port: 0, providers: [google!, echoProvider('microsoft', ['alpha.example'])] })).rejects.toThrow(
      'host alpha.example is served by two sandboxes',
    );
  });
});
