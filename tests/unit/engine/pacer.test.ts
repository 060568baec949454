import { describe, expect, it } from 'vitest';
import { Pacer } from '../../../entrypoints/background/engine/pacer';
import type { ProviderLimits } from '../../../model/adapter';
import { fakeClock } from './fake-clock';

function pacerWith(limits: ProviderLimits, extra: Partial<ConstructorParameters<typeof Pacer>[1]> = {}) {
  const clock = fakeClock(10_000);
  const pacer = new Pacer(limits, { now: clock.read, sleep: clock.sleep, jitter: false, ...extra });
  const startTimes: number[] = [];
  const request = async (outcome: Parameters<Awaited<ReturnType<Pacer['acquire']>>>[0] = { kind: 'ok' }) => {
    const release = await pacer.acquire();
    startTimes.push(clock.now);
    release(outcome);
  };
  return { clock, pacer, startTimes, request };
}

describe('pacer', () => {
  it('lets a request that holds several slots (a Graph $batch) run only with room for all of them, first come first served', async () => {
    const slots = (r: { url: string }) => (r.url.endsWith('/$batch') ? 4 : 1);
    const pacer = new Pacer({ minIntervalMs: 0, maxConcurrency: 4, slots });
    expect(pacer.slotsOf({ method: 'POST', url: 'https://graph.microsoft.com/v1.0/$batch' })).toBe(4);
    expect(pacer.slotsOf({ method: 'GET', url: 'https://graph.microsoft.com/v1.0/me' })).toBe(1);
    const order: string[] = [];
    const single = await pacer.acquire();
    const batch = pacer.acquire(undefined, 0, 4).then((release) => (order.push('batch'), release));
    const after = pacer.acquire().then((release) => (order.push('single after'), release));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order, 'the batch waits for the single request; the one behind it waits its turn').toEqual([]);
    single({ kind: 'ok' });
    const releaseBatch = await batch;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual(['batch']);
    releaseBatch({ kind: 'ok' });
    (await after)({ kind: 'ok' });
    expect(order).toEqual(['batch', 'single after']);
  });

  it('gives a request wanting more slots than the lowered limit all there are', async () => {
    const pacer = new Pacer({ minIntervalMs: 0, maxConcurrency: 4 });
    pacer.record({ kind: 'throttled', retryAfterMs: 0 });
    expect(pacer.concurrency).toBe(2);
    const release = await pacer.acquire(undefined, 0, 4);
    let second = false;
    const next = pacer.acquire().then((r) => ((second = true), r));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(second).toBe(false);
    release({ kind: 'ok' });
    (await next)({ kind: 'ok' });
    expect(second).toBe(true);
  });

  it('keeps the minimum gap between requests', async () => {
    const { startTimes, request } = pacerWith({ minIntervalMs: 100, maxConcurrency: 4 });
    for (let i = 0; i < 4; i += 1) await request();
    expect(startTimes).toEqual([10_000, 10_100, 10_200, 10_300]);
  });

  it('keeps the gap between requests started at once (real clock)', async () => {
    const pacer = new Pacer({ minIntervalMs: 30, maxConcurrency: 4 });
    const startTimes: number[] = [];
    await Promise.all(
      [1, 2, 3].map(async () => {
        const release = await pacer.acquire();
        startTimes.push(performance.now());
        release({ kind: 'ok' });
      }),
    );
    expect(startTimes[1]! - startTimes[0]!).toBeGreaterThanOrEqual(29);
    expect(startTimes[2]! - startTimes[1]!).toBeGreaterThanOrEqual(29);
  });

  it('doubles the backoff on each failure, from 1 s up to the 64 s cap', () => {
    const { pacer } = pacerWith({ minIntervalMs: 0, maxConcurrency: 4 });
    const delays: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      pacer.record({ kind: 'failed' });
      delays.push(pacer.backoffMs);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 64_000, 64_000]);
  });

  it('waits out the backoff before the next request', async () => {
    const { startTimes, request } = pacerWith({ minIntervalMs: 0, maxConcurrency: 4 });
    await request({ kind: 'failed' });
    await request({ kind: 'failed' });
    await request();
    expect(startTimes).toEqual([10_000, 11_000, 13_000]);
  });

  it('lets Retry-After override the computed delay', async () => {
    const { startTimes, request } = pacerWith({ minIntervalMs: 0, maxConcurrency: 4 });
    await request({ kind: 'throttled', retryAfterMs: 7_000 });
    await request();
    expect(startTimes).toEqual([10_000, 17_000]);
  });

  it('holds a request already waiting for its turn when a Retry-After arrives meanwhile', async () => {
    let now = 0;
    const sleeps: { ms: number; wake: () => void }[] = [];
    const pacer = new Pacer(
      { minIntervalMs: 100, maxConcurrency: 4 },
      { now: () => now, jitter: false, sleep: (ms) => new Promise<void>((resolve) => sleeps.push({ ms, wake: () => ((now += ms), resolve()) })) },
    );
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const first = await pacer.acquire();
    const second = pacer.acquire();
    await settle();
    expect(sleeps.map((s) => s.ms)).toEqual([100]);
    first({ kind: 'throttled', retryAfterMs: 3_000 });
    sleeps[0]!.wake();
    await settle();
    expect(sleeps.map((s) => s.ms)).toEqual([100, 2_900]);
    sleeps[1]!.wake();
    await second;
    expect(now).toBe(3_000);
  });

  it('waits a random share of the delay after a failure with full jitter (deterministic with an injected random)', async () => {
    const { startTimes, request } = pacerWith({ minIntervalMs: 0, maxConcurrency: 4 }, { jitter: true, random: () => 0.25 });
    await request({ kind: 'failed' });
    await request({ kind: 'failed' });
    await request();
    // 250 = 0.25 × 1 s; then the request that failed had claimed a gap of the (unjittered) 1 s delay.
    expect(startTimes).toEqual([10_000, 10_250, 11_250]);
  });

  it('decays the delay by a quarter per success, spacing requests meanwhile', async () => {
    const { pacer, startTimes, request } = pacerWith({ minIntervalMs: 0, maxConcurrency: 4 });
    for (let i = 0; i < 4; i += 1) pacer.record({ kind: 'failed' });
    expect(pacer.backoffMs).toBe(8_000);
    const decay: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      pacer.record({ kind: 'ok' });
      decay.push(pacer.backoffMs);
    }
    expect(decay).toEqual([6_000, 4_500, 3_375]);
    startTimes.length = 0;
    await request();
    await request();
    expect(startTimes[1]! - startTimes[0]!).toBe(3_375);
    for (let i = 0; i < 40; i += 1) pacer.record({ kind: 'ok' });
    expect(pacer.backoffMs).toBe(0);
  });

  it('halves concurrency on 429/503 down to 1, and adds one back after a run of successes (AIMD)', () => {
    const { pacer } = pacerWith({ minIntervalMs: 0, maxConcurrency: 8 }, { growAfterSuccesses: 3 });
    expect(pacer.concurrency).toBe(8);
    const halved: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      pacer.record({ kind: 'throttled' });
      halved.push(pacer.concurrency);
    }
    expect(halved).toEqual([4, 2, 1, 1]);
    pacer.record({ kind: 'failed' });
    expect(pacer.concurrency).toBe(1);
    const grown: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      pacer.record({ kind: 'ok' });
      grown.push(pacer.concurrency);
    }
    expect(grown).toEqual([1, 1, 2, 2, 2, 3, 3, 3, 4]);
    for (let i = 0; i < 100; i += 1) pacer.record({ kind: 'ok' });
    expect(pacer.concurrency).toBe(8);
  });

  it('keeps the next request as far away as the quota takes to earn back the last one\'s units', async () => {
    const { clock, pacer } = pacerWith({ minIntervalMs: 10, maxConcurrency: 4, quota: { unitsPerSecond: 250, cost: () => 0 } });
    const starts: number[] = [];
    for (const units of [25, 5, 1, 0, 5]) {
      const release = await pacer.acquire(undefined, units);
      starts.push(clock.now);
      release({ kind: 'ok' });
    }
    // 25 units: 100 ms; 5: 20 ms; 1 unit (4 ms) and none still keep the 10 ms minimum gap.
    expect(starts).toEqual([10_000, 10_100, 10_120, 10_130, 10_140]);
  });

  it('starts at most the window\'s budget of requests in any window, at once while there is room', async () => {
    const { startTimes, request } = pacerWith({ minIntervalMs: 0, maxConcurrency: 4, window: { requests: 3, ms: 1_000 } });
    for (let i = 0; i < 7; i += 1) await request();
    // Three at once; the fourth when the first leaves the window, and so on: never four within one second.
    expect(startTimes).toEqual([10_000, 10_000, 10_000, 11_000, 11_000, 11_000, 12_000]);
  });

  it('lets a window\'s room come back as old requests age out, not all at once after a pause', async () => {
    const { clock, startTimes, request } = pacerWith({ minIntervalMs: 0, maxConcurrency: 4, window: { requests: 2, ms: 1_000 } });
    await request();
    clock.now += 600;
    await request();
    await request();
    await request();
    expect(startTimes).toEqual([10_000, 10_600, 11_000, 11_600]);
  });

  it('grows concurrency by one per run of successes up to the ceiling, and halves it on each 429/503', () => {
    const { pacer } = pacerWith({ minIntervalMs: 0, maxConcurrency: 4 }, { growAfterSuccesses: 2 });
    pacer.record({ kind: 'throttled' });
    pacer.record({ kind: 'throttled' });
    expect(pacer.concurrency).toBe(1);
    const seen: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      pacer.record({ kind: 'ok' });
      seen.push(pacer.concurrency);
    }
    expect(seen).toEqual([1, 2, 2, 3, 3, 4, 4, 4, 4, 4]);
    pacer.record({ kind: 'throttled', retryAfterMs: 1_000 });
    expect(pacer.concurrency).toBe(2);
  });

  it('never lets more requests run at once than the current concurrency', async () => {
    const pacer = new Pacer({ minIntervalMs: 0, maxConcurrency: 2 });
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const release = await pacer.acquire();
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        active -= 1;
        release({ kind: 'ok' });
      }),
    );
    expect(peak).toBe(2);
  });
});
