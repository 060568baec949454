/**
 * Google Tasks API v1 (https://developers.google.com/workspace/tasks/reference/rest) at tasks.googleapis.com,
 * and at www.googleapis.com/tasks/v1, where Google has long served it too (the discovery document's selfLinks
 * still point there); the calendar's routes on that host are not touched, as only `/tasks/v1/` is claimed.
 */
import type { SandboxDataType, SandboxReply, SandboxRequest } from '../../core/types';
import type { GoogleDataTypeDeps } from '../data-types';
import { createTasksApi } from './api';
import { dumpTasks, seedTasks } from './archive';
import { TasksRateLimiter, tasksQuotaFromEnv, type TasksQuota } from './quota';
import { renderList, renderTask } from './render';
import { TasksAccount } from './store';

const PREFIX = '/tasks/v1';

export interface GoogleTasksOptions {
  /** null turns the quota off; default: env FERRY_SANDBOX_GOOGLE_TASKS_RATE_LIMIT, else 10/s, burst 20, 50,000/day. */
  quota?: TasksQuota | null;
}

export function createGoogleTasks(deps: GoogleDataTypeDeps, options: GoogleTasksOptions = {}): SandboxDataType & { account: TasksAccount } {
  const account = new TasksAccount(deps.now);
  const quota = options.quota === undefined ? tasksQuotaFromEnv(process.env.FERRY_SANDBOX_GOOGLE_TASKS_RATE_LIMIT) : options.quota;
  const rateLimiter = quota ? new TasksRateLimiter(quota, deps.now) : undefined;
  const api = createTasksApi({ account, tokens: deps.ctx.tokens, ...(rateLimiter && { rateLimiter }) });
  const ours = (req: SandboxRequest) =>
    (req.host === 'tasks.googleapis.com' || req.host === 'www.googleapis.com') && (req.path === PREFIX || req.path.startsWith(`${PREFIX}/`));

  return {
    name: 'tasks',
    hosts: ['tasks.googleapis.com'],
    account,
    handle: async (req): Promise<SandboxReply | undefined> => (ours(req) ? api(req, req.path.slice(PREFIX.length)) : undefined),
    seed: (dataDir) => seedTasks(account, dataDir),
    dump: (outDir) => dumpTasks(account, outDir),
    snapshot: () =>
      [...account.lists.values()].map((list) => ({
        ...renderList(list),
        isDefault: list.id === account.defaultListId,
        tasks: [...list.tasks.values()].map((task) => renderTask(account, list, task)),
      })),
    reset: () => {
      account.reset();
      rateLimiter?.reset();
    },
  };
}
