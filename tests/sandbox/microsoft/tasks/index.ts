/**
 * Microsoft To Do through Graph v1.0 (/me/todo/lists…). To Do is not the Outlook mailbox: it does not share
 * the mailbox's concurrency limit and has a throttle of its own (throttle.ts).
 */
import type { GraphDataTypeDeps } from '../data-types';
import type { GraphDataType } from '../graph/data-type';
import { todoApi } from './api';
import { dumpTodo, seedTodo } from './archive';
import { presentChecklistItem, presentLinkedResource, presentList, presentTask } from './present';
import { TodoStore } from './store';
import { TodoThrottle, todoLimitsFromEnv, type TodoLimits } from './throttle';

export interface MicrosoftTodoOptions {
  /** null turns the throttle off; default: env FERRY_SANDBOX_GRAPH_TODO_RATE_LIMIT, else 50/s with a burst of 100. */
  limits?: TodoLimits | null;
}

export function createMicrosoftTodo(deps: GraphDataTypeDeps, options: MicrosoftTodoOptions = {}): GraphDataType & { store: TodoStore } {
  const store = new TodoStore(deps.now);
  const limits = options.limits === undefined ? todoLimitsFromEnv(process.env.FERRY_SANDBOX_GRAPH_TODO_RATE_LIMIT) : options.limits;
  const throttle = limits ? new TodoThrottle(limits, deps.now) : undefined;
  return {
    name: 'tasks',
    hosts: [],
    mailbox: false,
    store,
    route: todoApi(store, throttle),
    seed: (dataDir) => seedTodo(store, dataDir),
    dump: (outDir) => dumpTodo(store, outDir),
    snapshot: () =>
      [...store.lists.values()].map((list) => ({
        ...presentList(list),
        tasks: [...list.tasks.values()].map((task) => ({
          ...presentTask(task),
          checklistItems: task.checklistItems.map(presentChecklistItem),
          linkedResources: task.linkedResources.map(presentLinkedResource),
        })),
      })),
    reset: () => {
      store.reset();
      throttle?.reset();
    },
  };
}
