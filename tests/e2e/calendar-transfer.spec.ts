import path from 'node:path';
import { test, expect } from '../harness/fixtures';
import { accountCalendars } from '../harness/account-calendars';
import { diffCalendars, type FactName } from '../harness/calendar-facts';
import { CALENDAR_LOSSES } from '../harness/known-losses';
import { startTransfer } from '../harness/scenario';
import { writeSampleCalendars } from '../sandbox/sample-data/calendar';
import type { ProviderName } from '../sandbox/core/types';

const directions: [ProviderName, ProviderName][] = [
  ['google', 'microsoft'],
  ['microsoft', 'google'],
];

for (const [from, to] of directions) {
  test(`calendar moves ${from} → ${to}, every event field by field`, async ({ sandbox, app, scratch }) => {
    const seedDir = path.join(scratch, 'seed');
    await writeSampleCalendars(seedDir);
    await sandbox.control.seed(from, seedDir);
    const left = await accountCalendars(sandbox.control, from, scratch, 'left', { from, to });
    expect(left.duplicates).toEqual([]);
    expect(left.events.size).toBeGreaterThanOrEqual(300);

    await startTransfer(app, { from, to, types: ['Calendar'] });
    const job = await app.waitForJob();
    expect(job.status, job.statusMessage).toBe('done');
    expect(job.failures).toEqual([]);
    await expect(app.page.getByRole('status').first()).toContainText('Done');

    const arrived = await accountCalendars(sandbox.control, to, scratch, 'arrived', { from, to });
    expect(arrived.duplicates).toEqual([]);
    const losses = CALENDAR_LOSSES[`${from}->${to}`];
    expect(diffCalendars(left.events, arrived.events, new Set(Object.keys(losses) as FactName[]))).toEqual([]);

    for (const [fact, field] of Object.entries(losses) as [FactName, string][]) {
      for (const [key, want] of left.events) {
        const got = arrived.events.get(key);
        if (!got || JSON.stringify(got[fact]) === JSON.stringify(want[fact])) continue;
        const reported = job.losses.some((l) => l.title === want.summary && l.fields.some((f) => f.field.startsWith(field)));
        expect(reported, `${key} lost ${fact} without a report`).toBe(true);
      }
    }
    const calendar = job.progress.find((p) => p.dataType === 'calendar');
    expect(calendar?.exportDone).toBe(true);
    expect(calendar?.failed).toBe(0);
    expect(calendar?.moved).toBeGreaterThanOrEqual(left.events.size);
  });
}
