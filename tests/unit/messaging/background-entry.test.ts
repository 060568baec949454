import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background';
import { RESUME_ALARM } from '../../../entrypoints/background/lifecycle/resume';
import { providers } from '../../../adapters';

const PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/transfer.html' };

describe('background entry', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    background.main();
  });

  it('answers Ferry\'s pages through the preflight and the registry', async () => {
    const [reply] = await fakeBrowser.runtime.onMessage.trigger({ type: 'providers/list' }, PAGE);

    // Every registered provider is listed, in the registry's order.
    expect(reply).toMatchObject({ ok: true, value: providers.map((p) => expect.objectContaining({ id: p.id })) });
    expect(providers.map((p) => p.id)).toEqual(expect.arrayContaining(['google', 'microsoft', 'caldav', 'carddav', 'webdav', 'takeout']));
  });

  it('refuses a web page without acting', async () => {
    const [reply] = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'disconnect', provider: 'google' },
      { id: 'test-extension-id', url: 'https://evil.example/', tab: { url: 'https://evil.example/' } } as never,
    );

    expect(reply).toEqual({ ok: false, error: expect.stringContaining("did not come from one of Ferry's own pages") });
  });

  it('lists no jobs in a fresh profile, and resumes on startup, install and the resume alarm', async () => {
    const [jobs] = await fakeBrowser.runtime.onMessage.trigger({ type: 'jobs/list' }, PAGE);
    expect(jobs).toEqual({ ok: true, value: [] });

    const failures = vi.spyOn(console, 'error');
    await fakeBrowser.runtime.onStartup.trigger();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await fakeBrowser.alarms.onAlarm.trigger({ name: RESUME_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(RESUME_ALARM)).toBeUndefined());
    expect(failures).not.toHaveBeenCalled();
    failures.mockRestore();
  });
});
