import path from 'node:path';
import { test, expect } from '../harness/fixtures';
import { startTransfer } from '../harness/scenario';
import { filesHolding, storedText } from '../harness/secrets-at-rest';
import { writeSampleCalendars } from '../sandbox/sample-data/calendar';

test('no token ever reaches IndexedDB, storage.local, the console or the profile on disk', async ({ sandbox, app, ferry, scratch, profileDir }) => {
  await writeSampleCalendars(path.join(scratch, 'seed'), { events: 40 });
  await sandbox.control.seed('google', path.join(scratch, 'seed'));
  await startTransfer(app, { from: 'google', to: 'microsoft', types: ['Calendar'] });
  const job = await app.waitForJob();
  expect(job.status, job.statusMessage).toBe('done');

  const canaries = sandbox.tokens.issuedTokens();
  expect(canaries.length).toBeGreaterThanOrEqual(3);

  const stored = await storedText(app.page);
  expect(stored.length).toBeGreaterThan(1000);
  await ferry.context.close();

  for (const token of canaries) {
    expect(stored.includes(token), 'a token in IndexedDB or storage.local').toBe(false);
    expect(ferry.consoleLines.some((line) => line.includes(token)), 'a token in the console').toBe(false);
  }
  expect(await filesHolding(profileDir, canaries), 'a token written to the profile on disk').toEqual([]);
});
