/**
 * /me/todo/lists and below (https://learn.microsoft.com/graph/api/resources/todo-overview): lists, their
 * tasks, each task's checklistItems and linkedResources, with OData paging, $select, $top, $expand and
 * $filter as the other Graph collections have them.
 */
import { ALICE } from '../account';
import { noContent, ok, readJson, type GraphCall, type GraphReply } from '../graph/call';
import { GraphError, badRequest } from '../graph/errors';
import { evaluateFilter } from '../graph/filter';
import { applySelect, parseQueryOptions, type QueryOptions, type QueryRules } from '../graph/odata';
import { pageOf } from '../graph/paging';
import type { Route } from '../graph/routes';
import { presentChecklistItem, presentLinkedResource, presentList, presentTask } from './present';
import { TASKS_READ, TASKS_WRITE, TODO_TYPES } from './schema';
import type { StoredTodoList, StoredTodoTask, TodoStore } from './store';
import { checklistItemFrom, linkedResourceFrom, taskFrom } from './task-input';
import type { TodoThrottle } from './throttle';
import { validateTodo } from './validate';

const structural = (type: string) => Object.entries(TODO_TYPES[type]!.properties).filter(([, s]) => !s.navigation).map(([n]) => n);

const rules = (type: string, expandable: string[], filterable: string[]): QueryRules => ({
  typeName: `microsoft.graph.${type.slice('graph.'.length)}`,
  defaultTop: 10,
  maxTop: 1000,
  selectable: structural(type),
  filterable,
  sortable: filterable,
  expandable,
});

const LIST_RULES = rules('graph.todoTaskList', [], ['displayName', 'wellknownListName']);
const TASK_RULES = rules('graph.todoTask', ['checklistItems', 'linkedResources'], ['status', 'importance', 'title', 'isReminderOn']);
const CHECKLIST_RULES = rules('graph.checklistItem', [], ['displayName', 'isChecked']);
const LINK_RULES = rules('graph.linkedResource', [], ['applicationName', 'externalId', 'displayName']);

const notFound = () => new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
const methodNotAllowed = () => new GraphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request uri.');
const root = `users('${ALICE.id}')/todo/lists`;

function withExpand(task: StoredTodoTask, options: QueryOptions): Record<string, unknown> {
  const out = applySelect(presentTask(task), options.select);
  for (const expand of options.expand) {
    const items = expand.property === 'checklistItems' ? task.checklistItems.map(presentChecklistItem) : task.linkedResources.map(presentLinkedResource);
    out[expand.property] = expand.filter ? items.filter((i) => evaluateFilter(expand.filter!, i)) : items;
  }
  return out;
}

export const todoApi = (store: TodoStore, throttle?: TodoThrottle) => {
  const listOf = (id: string): StoredTodoList => store.lists.get(id) ?? (() => { throw notFound(); })();
  const taskOf = (list: StoredTodoList, id: string): StoredTodoTask => list.tasks.get(id) ?? (() => { throw notFound(); })();

  const collection = <T>(call: GraphCall, all: T[], r: QueryRules, context: string, present: (t: T, o: QueryOptions) => Record<string, unknown>) => {
    const options = parseQueryOptions(call.query, r);
    const items = options.filter ? all.filter((i) => evaluateFilter(options.filter!, present(i, { ...options, select: undefined }))) : all;
    return ok(pageOf(call, items, options, context, (i) => present(i, options), 'skiptoken'));
  };

  const lists = {
    list: (call: GraphCall) => collection(call, [...store.lists.values()], LIST_RULES, root, (l, o) => applySelect(presentList(l), o.select)),
    get: (call: GraphCall, id: string) => ok({ '@odata.context': `${call.serviceRoot}/$metadata#${root}/$entity`, ...applySelect(presentList(listOf(id)), parseQueryOptions(call.query, LIST_RULES).select) }),
    create: async (call: GraphCall) => {
      const input = validateTodo(await readJson(call), 'graph.todoTaskList', 'todoTaskList', { create: true });
      return ok({ '@odata.context': `${call.serviceRoot}/$metadata#${root}/$entity`, ...presentList(store.addList(input.displayName as string)) }, 201);
    },
  };

  const tasks = {
    list: (call: GraphCall, listId: string) => collection(call, [...listOf(listId).tasks.values()], TASK_RULES, `${root}('${listId}')/tasks`, withExpand),
    get: (call: GraphCall, listId: string, taskId: string) => ok(withExpand(taskOf(listOf(listId), taskId), parseQueryOptions(call.query, TASK_RULES))),
    create: async (call: GraphCall, listId: string) => {
      const list = listOf(listId);
      const task = taskFrom(await readJson(call), store);
      list.tasks.set(task.id, task);
      return ok({ '@odata.context': `${call.serviceRoot}/$metadata#${root}('${listId}')/tasks/$entity`, ...presentTask(task) }, 201);
    },
    remove: (_call: GraphCall, listId: string, taskId: string) => {
      const list = listOf(listId);
      taskOf(list, taskId);
      list.tasks.delete(taskId);
      return noContent();
    },
  };

  const children = (kind: 'checklistItems' | 'linkedResources') => ({
    list: (call: GraphCall, task: StoredTodoTask, context: string) =>
      kind === 'checklistItems'
        ? collection(call, task.checklistItems, CHECKLIST_RULES, context, (c, o) => applySelect(presentChecklistItem(c), o.select))
        : collection(call, task.linkedResources, LINK_RULES, context, (l, o) => applySelect(presentLinkedResource(l), o.select)),
    create: async (call: GraphCall, task: StoredTodoTask, context: string) => {
      const body = await readJson(call);
      const made = kind === 'checklistItems' ? presentChecklistItem(pushed(task.checklistItems, checklistItemFrom(body, store))) : presentLinkedResource(pushed(task.linkedResources, linkedResourceFrom(body)));
      task.lastModifiedDateTime = store.timestamp();
      return ok({ '@odata.context': `${call.serviceRoot}/$metadata#${context}/$entity`, ...made }, 201);
    },
  });

  const pick = (method: string, handlers: Partial<Record<string, (call: GraphCall) => GraphReply | Promise<GraphReply>>>): Route => {
    const handler = handlers[method];
    if (!handler) throw methodNotAllowed();
    return {
      scopes: method === 'GET' ? TASKS_READ : TASKS_WRITE,
      run: (call) => {
        throttle?.take();
        return handler(call);
      },
    };
  };

  /** The route for a path below /me, when it is To Do's. */
  return (method: string, segments: string[]): Route | undefined => {
    if (segments[0] !== 'todo') return undefined;
    const [, lists_, listId, tasks_, taskId, child, childId, ...more] = segments;
    if (lists_ !== 'lists') throw badRequest('BadRequest', `Resource not found for the segment '${lists_ ?? 'todo'}'.`);
    if (listId === undefined) return pick(method, { GET: lists.list, POST: lists.create });
    if (tasks_ === undefined) return pick(method, { GET: (c) => lists.get(c, listId) });
    if (tasks_ !== 'tasks') throw badRequest('BadRequest', `Resource not found for the segment '${tasks_}'.`);
    if (taskId === undefined) return pick(method, { GET: (c) => tasks.list(c, listId), POST: (c) => tasks.create(c, listId) });
    if (child === undefined) return pick(method, { GET: (c) => tasks.get(c, listId, taskId), DELETE: (c) => tasks.remove(c, listId, taskId) });
    if ((child !== 'checklistItems' && child !== 'linkedResources') || childId !== undefined || more.length) {
      throw badRequest('BadRequest', `Resource not found for the segment '${childId ?? child}'.`);
    }
    const api = children(child);
    const context = `${root}('${listId}')/tasks('${taskId}')/${child}`;
    return pick(method, {
      GET: (c) => api.list(c, taskOf(listOf(listId), taskId), context),
      POST: (c) => api.create(c, taskOf(listOf(listId), taskId), context),
    });
  };
};

function pushed<T>(into: T[], item: T): T {
  into.push(item);
  return item;
}
