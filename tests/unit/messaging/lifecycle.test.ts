import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { broadcastJobChanged } from '../../../entrypoints/background/lifecycle/broadcast';
import { coalescePerKey } from '../../../entrypoints/background/lifecycle/coalesce';
import { createKeepAlive, KEEP_ALIVE_INTERVAL_MS } from '../../../entrypoints/background/lifecycle/keep-alive';
import { createResumer, RESUME_ALARM, syncResumeAlarm } from '../../../entrypoints/background/lifecycle/resume';
import { releaseUnusedProviders } from '../../../entrypoints/background/lifecycle/token-release';
import type { JobView } from '../../../entrypoints/background/messages';

function job(id: string, status: JobView['status'], source = 'google', destination = 'microsoft'): JobView {
  return {
    id,
    source: { provider: source, account: 'a' },
    destination: { provider: destination, account: 'b' },
    dataTypes: ['calendar'],
    status,
    createdAt: 1,
    finishedAt: 100,
    progress: [],
    failures: [],
    skipped: [],
    losses: [],
  };
}

describe('token release after a transfer', () => {
  it('releases both providers when nothing else uses them, at the job\'s finish time', async () => {
    const release = vi.fn(async () => undefined);
    const done = job('j1', 'done');
    await releaseUnusedProviders(done, [done, job('j0', 'cancelled')], { release });

    expect(release.mock.calls).toEqual([
      ['google', 100],
      ['microsoft', 100],
    ]);
  });

  it('keeps a provider an unfinished job still uses (paused, failed, waiting for reconnect)', async () => {
    const release = vi.fn(async () => undefined);
    const others = [job('j2', 'paused', 'google', 'dropbox'), job('j3', 'failed', 'dropbox', 'dropbox')];
    await releaseUnusedProviders(job('j1', 'done'), others, { release });

    expect(release.mock.calls).toEqual([['microsoft', 100]]);
  });

  it('goes on with the other provider when one release fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const release = vi.fn(async (provider: string) => {
      if (provider === 'google') throw new Error('Ferry forgot its access to Google, but could not ask Google to withdraw it');
    });
    await releaseUnusedProviders(job('j1', 'cancelled'), [], { release });

    expect(release).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not ask Google'));
    warn.mockRestore();
  });
});

describe('worker lifetime', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('pings every 20 s while busy and stops once idle', async () => {
    let busy = true;
    const ping = vi.fn(async () => ({}));
    const keepAlive = createKeepAlive(() => busy, ping);

    keepAlive.ensure();
    keepAlive.ensure();
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_INTERVAL_MS * 2);
    expect(ping).toHaveBeenCalledTimes(2);

    busy = false;
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_INTERVAL_MS * 3);
    expect(ping).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not start pinging when idle', () => {
    createKeepAlive(() => false, vi.fn()).ensure();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps the resume alarm exactly while something runs', async () => {
    await syncResumeAlarm(true);
    expect(await fakeBrowser.alarms.get(RESUME_ALARM)).toMatchObject({ name: RESUME_ALARM, periodInMinutes: 0.5 });
    await syncResumeAlarm(false);
    expect(await fakeBrowser.alarms.get(RESUME_ALARM)).toBeUndefined();
  });

  it('resumes once for events that arrive together', async () => {
    const engine = { resumeAll: vi.fn(async () => undefined), isBusy: () => true };
    const after = vi.fn();
    const resume = createResumer(async () => engine, after);

    await Promise.all([resume(), resume(), resume()]);

    expect(engine.resumeAll).toHaveBeenCalledTimes(1);
    expect(after).toHaveBeenCalledTimes(1);
    expect(await fakeBrowser.alarms.get(RESUME_ALARM)).toBeDefined();
  });

  it('folds many changes of one job into one run, then one more for those that came meanwhile', async () => {
    const seen: string[] = [];
    const pending = new Map<string, () => void>();
    const task = vi.fn(async (key: string) => {
      seen.push(key);
      await new Promise<void>((resolve) => pending.set(key, resolve));
    });
    const changed = coalescePerKey(task, 250);

    changed('a');
    changed('a');
    changed('b');
    changed('a');
    expect(seen).toEqual(['a', 'b']);

    pending.get('a')?.();
    await vi.advanceTimersByTimeAsync(249);
    expect(seen).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['a', 'b', 'a']);

    pending.get('a')?.();
    pending.get('b')?.();
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual(['a', 'b', 'a']);
    changed('a');
    expect(seen).toEqual(['a', 'b', 'a', 'a']);
  });
});

describe('change broadcast', () => {
  beforeEach(() => fakeBrowser.reset());

  it('sends job/changed to the pages', async () => {
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      received.push(message);
    });
    await broadcastJobChanged('j1');
    expect(received).toEqual([{ type: 'job/changed', jobId: 'j1' }]);
  });

  it('ignores "no receiver" when no page is open', async () => {
    const warn = vi.spyOn(console, 'warn');
    await expect(broadcastJobChanged('j1')).resolves.toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
