/** What the tasks conformance targets share: seeding a sandbox from model task lists through the archive layout, and arming a 429. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTaskFile } from '../../model/task-ics';
import type { ProviderName, ProviderSandbox } from '../sandbox/core/types';
import type { RunningSandbox } from '../sandbox/server';
import type { SeedTaskList } from './tasks.suite';

/** Empties the account and seeds it from `tasks/default.ics` (the default list) and one file per other list. */
export async function seedTaskLists(account: ProviderSandbox, lists: readonly SeedTaskList[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), `ferry-${account.name}-tasks-`));
  try {
    await mkdir(join(dir, 'tasks'), { recursive: true });
    for (const list of lists) await writeFile(join(dir, 'tasks', `${list.isDefault ? 'default' : list.name}.ics`), writeTaskFile({ name: list.name }, list.tasks));
    account.reset();
    await account.seed(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function throttleNext(sandbox: RunningSandbox, provider: ProviderName, pathPattern: string, seconds: number): Promise<void> {
  sandbox.faults.add({ provider, kind: 'status', status: 429, code: 'rateLimitExceeded', message: 'Rate Limit Exceeded', retryAfter: { seconds }, pathPattern });
  return Promise.resolve();
}
