import type { DataTypeProgress, ItemProblem, JobView } from '../../../entrypoints/background/messages';

export function progressOf(overrides: Partial<DataTypeProgress> = {}): DataTypeProgress {
  return {
    dataType: 'calendar',
    total: 100,
    exportDone: true,
    moved: 35,
    failed: 3,
    skipped: 2,
    bytes: 0,
    totalBytes: 0,
    itemsPerSecond: 12.34,
    bytesPerSecond: 0,
    secondsLeft: 120,
    ...overrides,
  };
}

export function problemOf(index: number, overrides: Partial<ItemProblem> = {}): ItemProblem {
  return {
    key: `google:alice@example.com:calendar:event${index}`,
    dataType: 'calendar',
    title: `Event ${index}`,
    status: 429,
    message: 'Rate limit exceeded',
    retryable: true,
    ...overrides,
  };
}

export function jobOf(overrides: Partial<JobView> = {}): JobView {
  return {
    id: 'job-1',
    source: { provider: 'google', account: 'alice@example.com' },
    destination: { provider: 'microsoft', account: 'alice@contoso.example' },
    dataTypes: ['calendar'],
    status: 'running',
    createdAt: 1_700_000_000_000,
    progress: [progressOf()],
    failures: [],
    skipped: [],
    losses: [],
    ...overrides,
  };
}

export const providerName = (id: string) => ({ google: 'Google', microsoft: 'Microsoft' })[id] ?? id;
