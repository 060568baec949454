// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobView } from '../../../entrypoints/background/messages';
import { Report } from '../../../entrypoints/transfer/Report';
import { buttonNamed, headingNamed, textsOf } from './dom-queries';
import { jobOf, problemOf, progressOf } from './job-fixture';

let root: HTMLElement;
const onRetryFailed = vi.fn();
const onStartAnother = vi.fn();
const onError = vi.fn();

function show(job: JobView) {
  act(() => render(h(Report, { job, onRetryFailed, onStartAnother, onError }), root));
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

const finished = jobOf({
  status: 'done',
  progress: [progressOf({ moved: 95, skipped: 1, failed: 2 })],
  failures: [
    problemOf(1, { title: 'Team sync' }),
    problemOf(2, { title: 'Dentist', status: 400, message: 'Invalid recurrence', retryable: false }),
  ],
  skipped: [problemOf(3, { title: 'Birthday', status: undefined, message: 'Birthdays are made by Google itself', retryable: false })],
  losses: [
    {
      key: 'google:alice@example.com:calendar:e4',
      dataType: 'calendar',
      title: 'Offsite',
      fields: [{ field: 'color', reason: 'Outlook events have no colour of their own' }],
    },
  ],
});

describe('Report', () => {
  it('lists counts, failures, skips and losses of a finished job', () => {
    show(finished);
    expect(headingNamed(root, 'Report')).toBeDefined();
    expect(headingNamed(root, 'Calendar results')).toBeDefined();
    expect(textsOf(root, '.counts li')).toEqual(['Moved: 95', 'Skipped: 1', 'Failed: 2']);
    const failed = headingNamed(root, 'Failed items')?.parentElement as HTMLElement;
    expect(textsOf(failed, '.item-list > li')).toEqual([
      'Team sync: Rate limit exceeded (HTTP 429)',
      'Dentist: Invalid recurrence (HTTP 400)',
    ]);
    const skipped = headingNamed(root, 'Skipped items')?.parentElement as HTMLElement;
    expect(textsOf(skipped, '.item-list > li')).toEqual(['Birthday: Birthdays are made by Google itself']);
    const lost = headingNamed(root, 'Not kept at the destination')?.parentElement as HTMLElement;
    expect(textsOf(lost, '.item-list > li .item-title')).toEqual(['Offsite']);
    expect(textsOf(lost, '.item-list li li')).toEqual(['color: Outlook events have no colour of their own']);
  });

  it('offers a retry only for retryable failures, and another transfer', () => {
    show(finished);
    buttonNamed(root, 'Retry failed items')?.click();
    expect(onRetryFailed).toHaveBeenCalledOnce();
    buttonNamed(root, 'Start another transfer')?.click();
    expect(onStartAnother).toHaveBeenCalledOnce();

    show({ ...finished, failures: finished.failures.filter((failure) => !failure.retryable) });
    expect(buttonNamed(root, 'Retry failed items')).toBeUndefined();
  });

  it('shows the first 100 rows of a long list until asked for all', () => {
    const failures = Array.from({ length: 150 }, (_, index) => problemOf(index));
    show({ ...finished, failures });
    const failed = headingNamed(root, 'Failed items')?.parentElement as HTMLElement;
    expect(failed.querySelectorAll('.item-list > li')).toHaveLength(100);
    act(() => buttonNamed(failed, 'Show all 150 failed items')?.click());
    expect(failed.querySelectorAll('.item-list > li')).toHaveLength(150);
    expect(buttonNamed(failed, 'Show all 150 failed items')).toBeUndefined();
    expect(document.activeElement?.textContent).toBe('Event 100: Rate limit exceeded (HTTP 429)');
  });

  it('stays folded while the job runs, with no end-of-job buttons', () => {
    show(jobOf({ failures: [problemOf(1)] }));
    const toggle = buttonNamed(root, 'Show report') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(root.querySelector('#report-body')?.hasAttribute('hidden')).toBe(true);
    expect(buttonNamed(root, 'Retry failed items')).toBeUndefined();
    expect(buttonNamed(root, 'Start another transfer')).toBeUndefined();
    act(() => toggle.click());
    expect(buttonNamed(root, 'Hide report')?.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelector('#report-body')?.hasAttribute('hidden')).toBe(false);
  });
});
