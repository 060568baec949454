/**
 * The Tasks API methods the sandbox serves, their paths (below `/tasks/v1`), scopes and query parameters, as
 * the discovery document lists them. Other methods of the document are answered 501, never silently.
 */
import type { ParamSpecs } from '../calendar/query-params';
import { LISTS_MAX_RESULTS, TASKS_MAX_RESULTS, TASKS_READONLY_SCOPE, TASKS_SCOPE } from './schema';

export type TasksMethod = 'tasklists.list' | 'tasklists.get' | 'tasklists.insert' | 'tasks.list' | 'tasks.get' | 'tasks.insert';

export interface TasksRoute {
  method: TasksMethod;
  listId?: string;
  taskId?: string;
}

const READ = [TASKS_SCOPE, TASKS_READONLY_SCOPE];
const WRITE = [TASKS_SCOPE];

export const METHOD_SCOPES: Readonly<Record<TasksMethod, readonly string[]>> = {
  'tasklists.list': READ,
  'tasklists.get': READ,
  'tasklists.insert': WRITE,
  'tasks.list': READ,
  'tasks.get': READ,
  'tasks.insert': WRITE,
};

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const dateTime = { type: 'date-time' } as const;

export const METHOD_PARAMS: Readonly<Record<TasksMethod, ParamSpecs>> = {
  'tasklists.list': { maxResults: { type: 'integer', minimum: 1, maximum: LISTS_MAX_RESULTS }, pageToken: str },
  'tasklists.get': {},
  'tasklists.insert': {},
  'tasks.list': {
    completedMax: dateTime,
    completedMin: dateTime,
    dueMax: dateTime,
    dueMin: dateTime,
    maxResults: { type: 'integer', minimum: 1, maximum: TASKS_MAX_RESULTS },
    pageToken: str,
    showAssigned: bool,
    showCompleted: bool,
    showDeleted: bool,
    showHidden: bool,
    updatedMin: dateTime,
  },
  'tasks.get': {},
  'tasks.insert': { parent: str, previous: str },
};

export function matchTasksRoute(httpMethod: string, segments: readonly string[]): TasksRoute | 'unserved' | undefined {
  const [a, b, c, d, e, f] = segments;
  const n = segments.length;
  if (a === 'users' && b === '@me' && c === 'lists') {
    if (n === 3 && httpMethod === 'GET') return { method: 'tasklists.list' };
    if (n === 3 && httpMethod === 'POST') return { method: 'tasklists.insert' };
    if (n === 4 && httpMethod === 'GET') return { method: 'tasklists.get', listId: d };
    if (n === 4 && ['PUT', 'PATCH', 'DELETE'].includes(httpMethod)) return 'unserved';
  }
  if (a === 'lists' && b !== undefined) {
    if (n === 3 && c === 'tasks' && httpMethod === 'GET') return { method: 'tasks.list', listId: b };
    if (n === 3 && c === 'tasks' && httpMethod === 'POST') return { method: 'tasks.insert', listId: b };
    if (n === 3 && c === 'clear' && httpMethod === 'POST') return 'unserved';
    if (n === 4 && c === 'tasks' && httpMethod === 'GET') return { method: 'tasks.get', listId: b, taskId: d };
    if (n === 4 && c === 'tasks' && ['PUT', 'PATCH', 'DELETE'].includes(httpMethod)) return 'unserved';
    if (n === 5 && c === 'tasks' && e === 'move' && httpMethod === 'POST' && f === undefined) return 'unserved';
  }
  return undefined;
}
