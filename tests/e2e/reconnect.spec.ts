import path from 'node:path';
import { test, expect } from '../harness/fixtures';
import { accountCalendars } from '../harness/account-calendars';
import { startTransfer, PROVIDER_NAMES } from '../harness/scenario';
import { writeSampleCalendars } from '../sandbox/sample-data/calendar';
import type { ProviderName } from '../sandbox/core/types';

/** The destination's write requests, the fourth of which finds the grant revoked. */
const WRITES: Record<ProviderName, string> = {
  google: '^/www\\.googleapis\\.com/batch/',
  microsoft: '^/graph\\.microsoft\\.com/v1\\.0/\\$batch',
};

for (const [from, to] of [['google', 'microsoft'], ['microsoft', 'google']] as [ProviderName, ProviderName][]) {
  test(`${to} revoked mid-transfer (${from} → ${to}): the page asks to reconnect, then the job finishes`, async ({ sandbox, app, scratch }) => {
    await writeSampleCalendars(path.join(scratch, 'seed'), { events: 150 });
    await sandbox.control.seed(from, path.join(scratch, 'seed'));
    const left = await accountCalendars(sandbox.control, from, scratch, 'left', { from, to });
    // Microsoft: the refresh token is refused (invalid_grant); Google: silent re-consent is refused.
    await sandbox.control.addFault({ provider: to, kind: 'revoke-grants', pathPattern: WRITES[to], afterRequests: 3 });

    await startTransfer(app, { from, to, types: ['Calendar'] });
    const waiting = await app.waitForJob((j) => j.status !== 'running');
    expect(waiting.status, waiting.statusMessage).toBe('needs-reconnect');
    expect(waiting.reconnectProvider).toBe(to);
    expect(waiting.progress[0]?.moved).toBeLessThan(left.events.size);
    await expect(app.page.getByRole('status').first()).toContainText(`reconnect ${PROVIDER_NAMES[to]}`);
    await app.connect(PROVIDER_NAMES[to], 'Reconnect');

    const job = await app.waitForJob((j) => j.status !== 'running' && j.status !== 'needs-reconnect');
    expect(job.status, job.statusMessage).toBe('done');
    expect(job.failures).toEqual([]);
    const arrived = await accountCalendars(sandbox.control, to, scratch, 'arrived', { from, to });
    expect(arrived.duplicates).toEqual([]);
    expect([...arrived.events.keys()].sort()).toEqual([...left.events.keys()].sort());
  });
}
