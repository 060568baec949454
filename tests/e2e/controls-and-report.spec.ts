import path from 'node:path';
import { test, expect } from '../harness/fixtures';
import { startTransfer } from '../harness/scenario';
import { writeSampleCalendars } from '../sandbox/sample-data/calendar';

test('pause, a reload of the page, resume, and the report at the end — by keyboard-reachable controls', async ({ sandbox, app, scratch }) => {
  await writeSampleCalendars(path.join(scratch, 'seed'), { events: 200 });
  await sandbox.control.seed('microsoft', path.join(scratch, 'seed'));
  await startTransfer(app, { from: 'microsoft', to: 'google', types: ['Calendar'] });
  const { page } = app;

  await app.waitForJob((j) => (j.progress[0]?.moved ?? 0) > 0);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText('Paused');
  await app.waitForJob((j) => j.status === 'paused');
  // Pausing lets the batches already sent finish and be recorded; after that nothing moves.
  await page.waitForTimeout(2_500);
  const settled = (await app.currentJob())?.progress[0]?.moved;
  await page.waitForTimeout(1_500);
  expect((await app.currentJob())?.progress[0]?.moved, 'nothing moves while paused').toBe(settled);

  await page.reload();
  await expect(page.getByRole('status').first()).toHaveText('Paused');
  await expect(page.getByRole('progressbar', { name: 'Calendar progress' })).toBeVisible();
  const resume = page.getByRole('button', { name: 'Resume', exact: true });
  await resume.focus();
  await page.keyboard.press('Enter');

  const job = await app.waitForJob((j) => j.status !== 'running');
  expect(job.status, job.statusMessage).toBe('done');
  await expect(page.getByRole('status').first()).toHaveText('Done');
  await expect(page.getByRole('heading', { name: 'Report' })).toBeVisible();
  await expect(page.getByText(`Moved: ${job.progress[0]!.moved}`, { exact: true })).toBeVisible();
  await expect(page.getByText('Failed: 0', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Not kept at the destination' })).toBeVisible();
});

test('cancel asks first, then stops the transfer for good', async ({ sandbox, app, scratch }) => {
  await writeSampleCalendars(path.join(scratch, 'seed'), { events: 200 });
  await sandbox.control.seed('microsoft', path.join(scratch, 'seed'));
  await startTransfer(app, { from: 'microsoft', to: 'google', types: ['Calendar'] });
  const { page } = app;
  await app.waitForJob((j) => (j.progress[0]?.moved ?? 0) > 0);
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, cancel transfer', exact: true }).click();
  const job = await app.waitForJob((j) => j.status !== 'running');
  expect(job.status).toBe('cancelled');
  await expect(page.getByRole('status').first()).toHaveText('Cancelled');
  await page.waitForTimeout(2_500);
  const moved = (await app.currentJob())!.progress[0]!.moved;
  expect(moved).toBeLessThan(200);
  await page.waitForTimeout(1_500);
  expect((await app.currentJob())?.progress[0]?.moved, 'nothing moves once cancelled').toBe(moved);
  await expect(page.getByRole('button', { name: 'Start another transfer', exact: true })).toBeVisible();
});
