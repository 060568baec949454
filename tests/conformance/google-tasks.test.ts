/**
 * The Google Tasks adapter against the Google sandbox, started in this process, through the tasks conformance
 * suite. The sandbox's own quota is off (the engine's pacer is not in play here); the throttling case arms a 429.
 */
import { GoogleTasksExporter } from '../../adapters/google/tasks/export';
import { google } from '../../adapters/google/descriptor';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import { GOOGLE_ACCOUNT } from '../sandbox/google/account';
import { createGoogleSandbox } from '../sandbox/google/index';
import { startSandbox } from '../sandbox/server';
import { sandboxContext } from './sandbox-target';
import { seedTaskLists, throttleNext } from './tasks-target';
import { runTaskConformance } from './tasks.suite';

const PAGE_SIZE = 20;
const tasks = google.dataTypes.tasks as DataTypeSupport;
const provider: ProviderDescriptor = { ...google, dataTypes: { tasks: { ...tasks, export: { create: (ctx) => new GoogleTasksExporter(ctx, PAGE_SIZE) } } } };

runTaskConformance({
  name: 'google',
  provider,
  pageSize: PAGE_SIZE,
  async open() {
    process.env.FERRY_SANDBOX_GOOGLE_TASKS_RATE_LIMIT = 'off';
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createGoogleSandbox(ctx, { rateLimit: null })] });
    const { ctx, close } = sandboxContext(sandbox, 'google', google, tasks, { tokenAccount: GOOGLE_ACCOUNT.email, contextAccount: GOOGLE_ACCOUNT.sub });
    const account = sandbox.providers.google;
    return {
      ctx,
      seed: (lists) => seedTaskLists(account, lists),
      reset: async () => account.reset(),
      throttleNext: (seconds) => throttleNext(sandbox, 'google', '^/tasks\\.googleapis\\.com/tasks/v1/', seconds),
      close,
    };
  },
});
