// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobView } from '../../../entrypoints/background/messages';
import { ProgressPanel } from '../../../entrypoints/transfer/ProgressPanel';
import { buttonNamed, headingNamed, textsOf } from './dom-queries';
import { jobOf, progressOf, providerName } from './job-fixture';

let root: HTMLElement;
const handlers = { onPause: vi.fn(), onResume: vi.fn(), onCancel: vi.fn(), onReconnect: vi.fn() };

function show(job: JobView) {
  act(() => render(h(ProgressPanel, { job, providerName, focusOnMount: false, ...handlers }), root));
}

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  vi.clearAllMocks();
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('ProgressPanel', () => {
  it('shows a running job: live status, bar, counts, rate, time left, Pause and Cancel', () => {
    show(jobOf());
    const status = root.querySelector('[role="status"]');
    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(status?.textContent).toBe('Running');
    expect(headingNamed(root, 'Calendar')).toBeDefined();
    const bar = root.querySelector('progress[aria-label="Calendar progress"]') as HTMLProgressElement;
    expect(bar.getAttribute('max')).toBe('100');
    expect(bar.getAttribute('value')).toBe('40');
    const texts = textsOf(root, 'p');
    expect(texts).toContain('40 of 100 items');
    expect(texts).toContain('12.3 items/s');
    expect(texts).toContain('About 2 min left');
    expect(buttonNamed(root, 'Pause')).toBeDefined();
    expect(buttonNamed(root, 'Resume')).toBeUndefined();
    buttonNamed(root, 'Pause')?.click();
    expect(handlers.onPause).toHaveBeenCalledOnce();
  });

  it('shows bytes and byte rate when media moves', () => {
    show(jobOf({ progress: [progressOf({ bytes: 1_500_000, totalBytes: 9_000_000, bytesPerSecond: 4_500_000 })] }));
    const texts = textsOf(root, 'p');
    expect(texts).toContain('1.5 MB of 9.0 MB');
    expect(texts).toContain('12.3 items/s · 4.5 MB/s');
  });

  it('keeps the bar indeterminate while the export is still counting', () => {
    show(jobOf({ progress: [progressOf({ exportDone: false, total: 30, moved: 7, failed: 0, skipped: 0, secondsLeft: undefined })] }));
    const bar = root.querySelector('progress[aria-label="Calendar progress"]');
    expect(bar?.hasAttribute('value')).toBe(false);
    expect(textsOf(root, 'p')).toContain('7 items so far');
  });

  it('asks in the page before cancelling', () => {
    show(jobOf());
    act(() => buttonNamed(root, 'Cancel')?.click());
    expect(handlers.onCancel).not.toHaveBeenCalled();
    expect(buttonNamed(root, 'Cancel')).toBeUndefined();
    expect(document.activeElement).toBe(buttonNamed(root, 'No, keep going'));
    act(() => buttonNamed(root, 'Yes, cancel transfer')?.click());
    expect(handlers.onCancel).toHaveBeenCalledOnce();
  });

  it('lets a person back out of cancelling', () => {
    show(jobOf());
    act(() => buttonNamed(root, 'Cancel')?.click());
    act(() => buttonNamed(root, 'No, keep going')?.click());
    expect(handlers.onCancel).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(buttonNamed(root, 'Cancel'));
  });

  it('offers Resume on a paused job and hides rates', () => {
    show(jobOf({ status: 'paused', statusMessage: 'You paused this transfer.' }));
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Paused');
    expect(textsOf(root, 'p')).toContain('You paused this transfer.');
    expect(textsOf(root, 'p')).not.toContain('12.3 items/s');
    buttonNamed(root, 'Resume')?.click();
    expect(handlers.onResume).toHaveBeenCalledOnce();
  });

  it('asks to reconnect the provider that lost its grant', () => {
    show(jobOf({ status: 'needs-reconnect', reconnectProvider: 'google', statusMessage: 'Google ended access.' }));
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Waiting for you to reconnect Google');
    expect(textsOf(root, 'p')).toContain('Google ended access.');
    expect(buttonNamed(root, 'Pause')).toBeUndefined();
    buttonNamed(root, 'Reconnect Google')?.click();
    expect(handlers.onReconnect).toHaveBeenCalledOnce();
  });

  it('states a failure with its reason and offers no controls', () => {
    show(jobOf({ status: 'failed', statusMessage: 'Microsoft says the mailbox is full.' }));
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Failed: Microsoft says the mailbox is full.');
    expect(buttonNamed(root, 'Cancel')).toBeUndefined();
    expect(buttonNamed(root, 'Pause')).toBeUndefined();
  });
});
