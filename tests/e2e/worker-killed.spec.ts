import path from 'node:path';
import { test, expect } from '../harness/fixtures';
import { stopServiceWorker } from '../harness/browser';
import { accountCalendars } from '../harness/account-calendars';
import { startTransfer } from '../harness/scenario';
import { writeSampleCalendars } from '../sandbox/sample-data/calendar';

const TRANSFER = { from: 'google', to: 'microsoft' } as const;

// Share of the items moved at which the worker is stopped; 0 stops it while the first page is in flight.
const STOP_AT = [0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85];

test('the worker stopped at seven points still moves every event exactly once', async ({ sandbox, app, ferry, scratch }) => {
  await writeSampleCalendars(path.join(scratch, 'seed'));
  await sandbox.control.seed('google', path.join(scratch, 'seed'));
  const left = await accountCalendars(sandbox.control, 'google', scratch, 'left', TRANSFER);

  await startTransfer(app, { ...TRANSFER, types: ['Calendar'] });
  const stopsMade: number[] = [];
  for (const share of STOP_AT) {
    const job = await app.waitForJob((j) => {
      const p = j.progress[0];
      return j.status !== 'running' || (!!p && p.moved >= share * left.events.size);
    });
    if (job.status !== 'running') break;
    await stopServiceWorker(ferry.context, app.page);
    stopsMade.push(job.progress[0]?.moved ?? 0);
  }
  expect(stopsMade.length, `stopped at ${stopsMade.join(', ')} moved items`).toBeGreaterThanOrEqual(5);

  const job = await app.waitForJob();
  expect(job.status, job.statusMessage).toBe('done');
  expect(job.failures).toEqual([]);
  const arrived = await accountCalendars(sandbox.control, 'microsoft', scratch, 'arrived', TRANSFER);
  expect(arrived.duplicates).toEqual([]);
  expect([...arrived.events.keys()].sort(), JSON.stringify(job.progress)).toEqual([...left.events.keys()].sort());
});
