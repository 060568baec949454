/**
 * Exports every task list with its tasks. One export page is one whole list: Google gives each task's place
 * as a `position` string to compare with its siblings', and siblings may be spread over several tasks.list
 * pages, so a list is read to its end before its tasks' order is known.
 */
import type { AdapterContext, Container, ExportPage, ExportedItem, Exporter } from '../../../model/adapter';
import type { Task } from '../../../model/task';
import { decodeCursor, encodeCursor } from '../../cursor';
import type { GoogleTask, GoogleTaskList } from './api-types';
import { fromGoogleTask } from './map';
import { TASKS_PAGE_SIZE, defaultTaskList, listTaskLists, listTasks } from './tasks-client';

/** The list ids are kept in the cursor, so a list added or removed meanwhile cannot shift which one an index means. */
interface Cursor {
  lists: string[];
  index: number;
}

export const containerKey = (account: string, listId: string): string => `google:${account}:tasks:container:${listId}`;
export const taskKey = (account: string, listId: string, taskId: string): string => `google:${account}:tasks:${listId}/${taskId}`;

function containerOf(account: string, list: GoogleTaskList, defaultId: string): Container {
  const container: Container = { key: containerKey(account, list.id), dataType: 'tasks', name: list.title ?? list.id };
  if (list.id === defaultId) container.isDefault = true;
  return container;
}

/** Each task's 0-based place among its siblings, by Google's position strings. */
function ordersOf(tasks: (GoogleTask & { id: string })[]): Map<string, number> {
  const siblings = new Map<string, (GoogleTask & { id: string })[]>();
  for (const task of tasks) siblings.set(task.parent ?? '', [...(siblings.get(task.parent ?? '') ?? []), task]);
  const orders = new Map<string, number>();
  for (const group of siblings.values()) {
    group.sort((a, b) => (a.position ?? '').localeCompare(b.position ?? '') || a.id.localeCompare(b.id)).forEach((t, i) => orders.set(t.id, i));
  }
  return orders;
}

export class GoogleTasksExporter implements Exporter {
  readonly dataType = 'tasks' as const;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = TASKS_PAGE_SIZE,
  ) {}

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText !== undefined) return this.listPage(decodeCursor<Cursor>(cursorText), []);
    const [lists, defaultList] = [await listTaskLists(this.ctx), await defaultTaskList(this.ctx)];
    const containers = lists.map((list) => containerOf(this.ctx.account, list, defaultList.id));
    return this.listPage({ lists: lists.map((l) => l.id), index: 0 }, containers);
  }

  private async listPage(cursor: Cursor, containers: Container[]): Promise<ExportPage> {
    const listId = cursor.lists[cursor.index];
    if (listId === undefined) return { containers, items: [] };
    const { tasks } = await listTasks(this.ctx, listId, this.pageSize);
    const live = tasks.filter((t): t is GoogleTask & { id: string } => Boolean(t.id) && !t.deleted);
    const orders = ordersOf(live);
    const ids = new Set(live.map((t) => t.id));
    // Parents first, each group in its order, so a subtask's parent is always emitted before it.
    const sorted = [...live].sort((a, b) => Number(Boolean(a.parent)) - Number(Boolean(b.parent)) || orders.get(a.id)! - orders.get(b.id)!);
    const items = sorted.map((task) => this.itemOf(listId, task, orders.get(task.id)!, ids));
    const next = cursor.index + 1 < cursor.lists.length ? encodeCursor<Cursor>({ lists: cursor.lists, index: cursor.index + 1 }) : undefined;
    return next ? { containers, items, next } : { containers, items };
  }

  private itemOf(listId: string, task: GoogleTask & { id: string }, order: number, ids: Set<string>): ExportedItem<Task> {
    const data = fromGoogleTask(task, order);
    const account = this.ctx.account;
    const item: ExportedItem<Task> = { key: taskKey(account, listId, task.id), dataType: 'tasks', containerKey: containerKey(account, listId), title: data.title, data };
    if (task.parent && ids.has(task.parent)) item.parentKey = taskKey(account, listId, task.parent);
    else delete data.parent;
    return item;
  }
}
