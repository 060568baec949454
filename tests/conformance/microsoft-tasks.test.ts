/**
 * The Microsoft To Do adapter against the Microsoft sandbox, started in this process, through the tasks
 * conformance suite. To Do's own throttle is off here; the throttling case arms a 429.
 */
import { MicrosoftTasksExporter } from '../../adapters/microsoft/tasks/export';
import { microsoft } from '../../adapters/microsoft/descriptor';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import { ALICE } from '../sandbox/microsoft/account';
import { createMicrosoftSandbox } from '../sandbox/microsoft/index';
import { startSandbox } from '../sandbox/server';
import { sandboxContext } from './sandbox-target';
import { seedTaskLists, throttleNext } from './tasks-target';
import { runTaskConformance } from './tasks.suite';

const PAGE_SIZE = 5;
const tasks = microsoft.dataTypes.tasks as DataTypeSupport;
const provider: ProviderDescriptor = { ...microsoft, dataTypes: { tasks: { ...tasks, export: { create: (ctx) => new MicrosoftTasksExporter(ctx, PAGE_SIZE) } } } };

const CHECKLIST = 'a subtask is a checklist item in To Do, which has no';

runTaskConformance({
  name: 'microsoft',
  provider,
  pageSize: PAGE_SIZE,
  subtaskLosses: { notes: `${CHECKLIST} notes`, due: `${CHECKLIST} due date` },
  async open() {
    process.env.FERRY_SANDBOX_GRAPH_TODO_RATE_LIMIT = 'off';
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createMicrosoftSandbox(ctx)] });
    const { ctx, close } = sandboxContext(sandbox, 'microsoft', microsoft, tasks, { tokenAccount: ALICE.id, contextAccount: ALICE.id });
    const account = sandbox.providers.microsoft;
    return {
      ctx,
      seed: (lists) => seedTaskLists(account, lists),
      reset: async () => account.reset(),
      throttleNext: (seconds) => throttleNext(sandbox, 'microsoft', '^/graph\\.microsoft\\.com/v1\\.0/me/todo/', seconds),
      close,
    };
  },
});
