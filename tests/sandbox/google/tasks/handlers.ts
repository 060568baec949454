/** What each served method does to the account, with Google's refusals for what it would refuse. */
import { badRequest, notFound } from '../errors';
import { paginate } from '../calendar/paging';
import type { Params } from '../calendar/query-params';
import { renderList, renderTask } from './render';
import { readTaskBody, readTaskListBody } from './task-body';
import { LISTS_MAX_RESULTS, TASKS_DEFAULT_RESULTS } from './schema';
import type { TasksMethod, TasksRoute } from './methods';
import type { StoredList, StoredTask, TasksAccount } from './store';

export interface TasksCall {
  account: TasksAccount;
  route: TasksRoute;
  params: Params;
  json(): Promise<unknown>;
}

type Handler = (call: TasksCall) => Promise<object> | object;

function listOf(call: TasksCall): StoredList {
  const list = call.account.find(call.route.listId ?? '');
  if (!list) throw notFound();
  return list;
}

const within = (value: string | undefined, min: unknown, max: unknown): boolean =>
  (min === undefined || (value !== undefined && value >= new Date(String(min)).toISOString())) &&
  (max === undefined || (value !== undefined && value <= new Date(String(max)).toISOString()));

/** tasks.list's filters, with the document's defaults: completed shown, hidden and deleted not. */
function shown(task: StoredTask, p: Params): boolean {
  if (task.deleted && p.showDeleted !== true) return false;
  if (task.hidden && p.showHidden !== true) return false;
  if (task.status === 'completed' && p.showCompleted === false) return false;
  if ((p.completedMin !== undefined || p.completedMax !== undefined) && !within(task.completed, p.completedMin, p.completedMax)) return false;
  if ((p.dueMin !== undefined || p.dueMax !== undefined) && !within(task.due, p.dueMin, p.dueMax)) return false;
  return p.updatedMin === undefined || task.updated >= new Date(String(p.updatedMin)).toISOString();
}

/** `parent` must be a live task of the list; `previous` a live sibling under the same parent. */
function placeOf(list: StoredList, params: Params): { parent?: string; previous?: string } {
  const parent = params.parent as string | undefined;
  const previous = params.previous as string | undefined;
  if (parent !== undefined) {
    const task = list.tasks.get(parent);
    if (!task || task.deleted) throw badRequest('Invalid parent task: no such task in this list.', 'invalid', 'global', 'parent');
  }
  if (previous !== undefined) {
    const task = list.tasks.get(previous);
    if (!task || task.deleted || (task.parent ?? undefined) !== parent) {
      throw badRequest('Invalid previous task: it must be a task of this list under the same parent.', 'invalid', 'global', 'previous');
    }
  }
  return { ...(parent !== undefined && { parent }), ...(previous !== undefined && { previous }) };
}

export const HANDLERS: Readonly<Record<TasksMethod, Handler>> = {
  'tasklists.list': ({ account, params }) => {
    const page = paginate([...account.lists.values()], (params.maxResults as number | undefined) ?? LISTS_MAX_RESULTS, params.pageToken as string | undefined);
    return { kind: 'tasks#taskLists', etag: account.etag(), ...(page.nextPageToken && { nextPageToken: page.nextPageToken }), items: page.items.map(renderList) };
  },
  'tasklists.get': (call) => renderList(listOf(call)),
  'tasklists.insert': async (call) => renderList(call.account.addList(readTaskListBody(await call.json()).title)),
  'tasks.list': (call) => {
    const list = listOf(call);
    const tasks = [...list.tasks.values()].filter((t) => shown(t, call.params));
    const page = paginate(tasks, (call.params.maxResults as number | undefined) ?? TASKS_DEFAULT_RESULTS, call.params.pageToken as string | undefined);
    return {
      kind: 'tasks#tasks',
      etag: call.account.etag(),
      ...(page.nextPageToken && { nextPageToken: page.nextPageToken }),
      items: page.items.map((t) => renderTask(call.account, list, t)),
    };
  },
  'tasks.get': (call) => {
    const list = listOf(call);
    const task = list.tasks.get(call.route.taskId ?? '');
    if (!task) throw notFound();
    return renderTask(call.account, list, task);
  },
  'tasks.insert': async (call) => {
    const list = listOf(call);
    const body = readTaskBody(await call.json(), call.account.timestamp());
    const { parent, previous } = placeOf(list, call.params);
    const task = call.account.addTask(list, { ...body, ...(parent && { parent }) }, previous);
    return renderTask(call.account, list, task);
  },
};
