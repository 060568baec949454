import path from 'node:path';
import { test, expect } from '../harness/fixtures';
import { accountCalendars } from '../harness/account-calendars';
import type { Fault, LoggedRequest } from '../harness/sandbox-control';
import { startTransfer } from '../harness/scenario';
import { writeSampleCalendars } from '../sandbox/sample-data/calendar';

const TRANSFER = { from: 'google', to: 'microsoft' } as const;

// Graph events arrive in $batch calls, whose requests inside share one path: the faults hit whole $batch calls, as
// Graph throttles them too, so each retry is told apart from its neighbours (tests/sandbox/microsoft/throttling-batch.test.ts
// covers faults inside a batch).
const API = { google: '^/www\\.googleapis\\.com/', microsoft: '^/graph\\.microsoft\\.com/v1\\.0/\\$batch$' };

test('429, 503 and a dropped connection are retried, after exactly the Retry-After the provider asked for', async ({ sandbox, app, scratch }) => {
  await writeSampleCalendars(path.join(scratch, 'seed'), { events: 200 });
  await sandbox.control.seed('google', path.join(scratch, 'seed'));
  const faults: Fault[] = [
    { provider: 'google', kind: 'status', status: 429, retryAfter: { seconds: 2 }, pathPattern: API.google, afterRequests: 1 },
    { provider: 'microsoft', kind: 'status', status: 429, retryAfter: { seconds: 3 }, pathPattern: API.microsoft, afterRequests: 1 },
    { provider: 'microsoft', kind: 'status', status: 503, retryAfter: { seconds: 3, date: true }, pathPattern: API.microsoft, afterRequests: 3 },
    { provider: 'microsoft', kind: 'status', status: 503, pathPattern: API.microsoft, afterRequests: 5 },
    { provider: 'microsoft', kind: 'drop', pathPattern: API.microsoft, afterRequests: 2 },
  ];
  for (const fault of faults) await sandbox.control.addFault(fault);

  await startTransfer(app, { ...TRANSFER, types: ['Calendar'] });
  const job = await app.waitForJob();
  expect(job.status, job.statusMessage).toBe('done');
  expect(job.failures).toEqual([]);

  const log = await sandbox.control.log();
  const statusFaults = faults.filter((f) => f.kind === 'status');
  const injected = log.filter((r) => r.fault === 'status');
  expect(injected.map((r) => `${r.provider} ${r.status}`).sort()).toEqual(statusFaults.map((f) => `${f.provider} ${f.status}`).sort());
  const dropped = log.filter((r) => r.fault === 'drop');
  expect(dropped).toHaveLength(1);
  expect(log.some((r) => r.t > dropped[0]!.t && r.path === dropped[0]!.path && r.status === 200), 'the dropped request was sent again').toBe(true);
  for (const [hit, fault] of pairHitsWithFaults(injected, statusFaults)) {
    const retry = log.find((r) => r.t > hit.t && r.provider === hit.provider && r.method === hit.method && r.path === hit.path);
    expect(retry, `no retry of ${hit.method} ${hit.path}`).toBeDefined();
    if (!fault.retryAfter) continue;
    // The HTTP-date form has whole-second resolution: the wait may be up to a second shorter.
    const floor = fault.retryAfter.seconds * 1000 - (fault.retryAfter.date ? 1000 : 20);
    const around = log
      .filter((r) => r.provider === hit.provider && r.t >= hit.t - 500 && r.t <= hit.t + floor + 500)
      .map((r) => `${r.t - hit.t} ms ${r.method} ${r.path} ${r.status}${r.fault ? ` (${r.fault})` : ''}`);
    expect(retry!.t - hit.t, `${hit.provider} ${hit.status} retried too early:\n${around.join('\n')}`).toBeGreaterThanOrEqual(floor);
    const during = log.filter((r) => r.provider === hit.provider && r.t > hit.t + 300 && r.t < hit.t + floor - 50);
    expect(during, `requests to ${hit.provider} during its Retry-After`).toEqual([]);
  }

  const left = await accountCalendars(sandbox.control, 'google', scratch, 'left', TRANSFER);
  const arrived = await accountCalendars(sandbox.control, 'microsoft', scratch, 'arrived', TRANSFER);
  expect(arrived.duplicates).toEqual([]);
  expect([...arrived.events.keys()].sort()).toEqual([...left.events.keys()].sort());
});

/** Faults with the same pattern fire in the order of their `afterRequests`, per provider. */
function pairHitsWithFaults(hits: LoggedRequest[], faults: Fault[]): [LoggedRequest, Fault][] {
  const pairs: [LoggedRequest, Fault][] = [];
  for (const provider of new Set(faults.map((f) => f.provider))) {
    const ordered = faults.filter((f) => f.provider === provider).sort((a, b) => (a.afterRequests ?? 0) - (b.afterRequests ?? 0));
    hits.filter((h) => h.provider === provider).forEach((hit, i) => pairs.push([hit, ordered[i]!]));
  }
  return pairs;
}
