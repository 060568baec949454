import { describe, expect, it } from 'vitest';
import { AdapterError } from '../../../model/adapter';
import { pacedFetch } from '../../../entrypoints/background/engine/paced-fetch';
import { Pacer } from '../../../entrypoints/background/engine/pacer';
import { fakeClock } from './fake-clock';

type Answer = Response | Error | 'hang';

/** A fetch that gives the scripted answers in turn and records when each request started. */
function scripted(answers: Answer[], clock: { read: () => number }) {
  const calls: { at: number; init?: RequestInit }[] = [];
  const fetch = (url: string, init?: RequestInit): Promise<Response> => {
    calls.push({ at: clock.read(), init });
    const answer = answers.shift() ?? new Response('ok');
    if (answer === 'hang') {
      return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    }
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { fetch, calls };
}

function setup(answers: Answer[], options: { maxRetries?: number; responseTimeoutMs?: number } = {}) {
  const clock = fakeClock(Date.UTC(2025, 2, 14, 12, 0, 0));
  const pacer = new Pacer({ minIntervalMs: 0, maxConcurrency: 4 }, { now: clock.read, sleep: clock.sleep, jitter: false });
  const inner = scripted(answers, clock);
  const fetch = pacedFetch(inner.fetch, pacer, { now: clock.read, ...options });
  return { clock, pacer, fetch, calls: inner.calls, start: clock.now };
}

const status = (code: number, headers: Record<string, string> = {}) => new Response(`{"error":${code}}`, { status: code, headers });

describe('pacedFetch', () => {
  it('retries 429, 500, 502, 503, 504 and network errors, then returns the answer', async () => {
    const { fetch, calls } = setup([status(429), status(500), status(502), status(503), status(504), new TypeError('Failed to fetch')]);
    const response = await fetch('https://api.example.com/x');
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(7);
  });

  it('returns other answers at once, for the adapter to decode', async () => {
    const { fetch, calls } = setup([status(400), status(401), status(404)]);
    expect((await fetch('https://api.example.com/x')).status).toBe(400);
    expect(calls).toHaveLength(1);
  });

  it('waits as Retry-After says, in seconds or as an HTTP date', async () => {
    const { fetch, calls, start } = setup([status(429, { 'Retry-After': '7' }), status(503, { 'Retry-After': 'Fri, 14 Mar 2025 12:00:30 GMT' })]);
    await fetch('https://api.example.com/x');
    expect(calls.map((c) => c.at - start)).toEqual([0, 7_000, 30_000]);
  });

  it('backs off exponentially without Retry-After', async () => {
    const { fetch, calls, start } = setup([status(500), status(500), status(500)]);
    await fetch('https://api.example.com/x');
    expect(calls.map((c) => c.at - start)).toEqual([0, 1_000, 3_000, 7_000]);
  });

  it('gives up after maxRetries and returns the last error response', async () => {
    const { fetch, calls } = setup([status(503), status(503), status(503), status(503)], { maxRetries: 2 });
    const response = await fetch('https://api.example.com/x');
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('{"error":503}');
    expect(calls).toHaveLength(3);
  });

  it('aborts a request whose response does not start in time, retries it, and finally says which host did not answer', async () => {
    const { fetch, calls } = setup(['hang', new Response('late but fine')], { responseTimeoutMs: 20 });
    expect(await (await fetch('https://api.example.com/x')).text()).toBe('late but fine');
    expect(calls).toHaveLength(2);

    const stuck = setup(['hang', 'hang', 'hang'], { responseTimeoutMs: 20, maxRetries: 2 });
    const error = await stuck.fetch('https://api.example.com/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect(error).toMatchObject({ errorClass: 'retry', message: 'api.example.com did not answer within 20 ms, several times in a row.' });
  });

  it('does not replay a streamed body', async () => {
    const { fetch, calls } = setup([status(503)]);
    const body = new ReadableStream({ start: (c) => c.close() });
    expect((await fetch('https://api.example.com/upload', { method: 'PUT', body })).status).toBe(503);
    expect(calls).toHaveLength(1);
  });

  it('passes AdapterErrors of the authorised fetch through untouched (a revoked grant is not retried)', async () => {
    const revoked = new AdapterError('revoked', 'fatal', { fatalReason: 'reconnect' });
    const { fetch, calls } = setup([revoked]);
    await expect(fetch('https://api.example.com/x')).rejects.toBe(revoked);
    expect(calls).toHaveLength(1);
  });

  it("halves the pacer's concurrency on 429", async () => {
    const { fetch, pacer } = setup([status(429)]);
    await fetch('https://api.example.com/x');
    expect(pacer.concurrency).toBe(2);
  });

  it("halves the pacer's concurrency on 503 too, not on 500", async () => {
    const { fetch, pacer } = setup([status(500), status(503), status(503)]);
    await fetch('https://api.example.com/x');
    expect(pacer.concurrency).toBe(1);
  });

  it('spaces requests by the quota units each costs, a batch by the sum of its calls', async () => {
    const clock = fakeClock(0);
    const cost = ({ method, body }: { method: string; body?: unknown }) => (typeof body === 'string' ? body.split('GET').length - 1 : method === 'POST' ? 25 : 5) * 1;
    const pacer = new Pacer({ minIntervalMs: 0, maxConcurrency: 1, quota: { unitsPerSecond: 250, cost } }, { now: clock.read, sleep: clock.sleep, jitter: false });
    const inner = scripted([], clock);
    const fetch = pacedFetch(inner.fetch, pacer, { now: clock.read });
    await fetch('https://api.example.com/import', { method: 'POST' });
    await fetch('https://api.example.com/get');
    await fetch('https://api.example.com/batch', { method: 'POST', body: 'GET a\nGET b\nGET c' });
    await fetch('https://api.example.com/get');
    expect(inner.calls.map((c) => c.at)).toEqual([0, 100, 120, 132]);
  });
});
