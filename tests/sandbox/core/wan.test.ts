import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../server';
import { h2Request, openH2 } from './http-clients';
import { testProviders } from './test-providers';
import { wanFromEnv, type WanExchange } from './wan';

const LATENCY_MS = 60;
const MBIT = 40; // 5 MB/s each way

describe('emulated wide-area network', () => {
  let sandbox: RunningSandbox;
  const exchanges: WanExchange[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, providers: testProviders(), wan: { latencyMs: LATENCY_MS, mbit: MBIT }, onExchange: (e) => exchanges.push(e) });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('delays each request and each answer by the latency, and counts the bodies', async () => {
    const session = openH2(sandbox.origin);
    try {
      const started = performance.now();
      const res = await h2Request(session, '/alpha.example/ping', { method: 'POST', body: 'hello' });
      const took = performance.now() - started;
      expect(res.status).toBe(200);
      expect(took).toBeGreaterThanOrEqual(2 * LATENCY_MS - 5);
      const seen = exchanges.find((e) => e.path === '/ping')!;
      expect(seen).toMatchObject({ method: 'POST', host: 'alpha.example', status: 200, bytesIn: 5 });
      expect(seen.bytesOut).toBe(Number(res.headers['content-length']));
      // Control calls are the harness's own and go at loopback speed.
      const controlStarted = performance.now();
      expect((await h2Request(session, '/__sandbox/health')).status).toBe(200);
      expect(performance.now() - controlStarted).toBeLessThan(LATENCY_MS);
    } finally {
      session.close();
    }
  });

  it('shares one bandwidth cap among parallel uploads', async () => {
    const session = openH2(sandbox.origin);
    try {
      const body = Buffer.alloc(1_000_000, 7);
      const started = performance.now();
      const replies = await Promise.all([0, 1].map(() => h2Request(session, '/alpha.example/upload', { method: 'PUT', body })));
      const took = performance.now() - started;
      expect(replies.map((r) => (r.json() as { bodyLength: number }).bodyLength)).toEqual([1_000_000, 1_000_000]);
      // 2 MB at 5 MB/s: 400 ms on the line, less one burst.
      expect(took).toBeGreaterThanOrEqual(2 * LATENCY_MS + 350);
      expect(exchanges.filter((e) => e.path === '/upload').map((e) => e.bytesIn)).toEqual([1_000_000, 1_000_000]);
    } finally {
      session.close();
    }
  });

  it('is off unless asked for, and says what a bad setting should look like', () => {
    expect(wanFromEnv(undefined)).toBeUndefined();
    expect(wanFromEnv('off')).toBeUndefined();
    expect(wanFromEnv('40,200')).toEqual({ latencyMs: 40, mbit: 200 });
    expect(() => wanFromEnv('fast')).toThrow('FERRY_SANDBOX_WAN must be "off" or "<latency ms>,<Mbit/s>"');
  });
});
