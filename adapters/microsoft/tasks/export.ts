/**
 * Exports every To Do list with its tasks, each task followed by its checklist items as subtasks
 * (https://learn.microsoft.com/graph/api/todotasklist-list-tasks). Graph gives no order of its own, so a
 * task's order is its place in Graph's listing, counted across pages.
 */
import type { AdapterContext, Container, ExportPage, ExportedItem, Exporter } from '../../../model/adapter';
import type { Task } from '../../../model/task';
import { decodeCursor, encodeCursor } from '../../cursor';
import { graphNextPage, graphRequest, query } from '../client';
import type { GraphCollection, GraphTodoTask, GraphTodoTaskList } from './api-types';
import { fromChecklistItem, fromGraphTask } from './map';
import { listTodoLists, tasksUrl } from './todo-lists';

export const TASKS_PAGE_SIZE = 100;

/** The list ids are kept in the cursor, so a list added or removed meanwhile cannot shift which one an index means. */
interface Cursor {
  lists: string[];
  index: number;
  nextLink?: string;
  /** Tasks of the current list already emitted: the order of the next one. */
  seen: number;
}

export const containerKey = (account: string, listId: string): string => `microsoft:${account}:tasks:container:${listId}`;
export const taskKey = (account: string, taskId: string): string => `microsoft:${account}:tasks:${taskId}`;
export const checklistKey = (account: string, taskId: string, itemId: string): string => `microsoft:${account}:tasks:${taskId}/checklist/${itemId}`;

function containerOf(account: string, list: GraphTodoTaskList): Container {
  const container: Container = { key: containerKey(account, list.id), dataType: 'tasks', name: list.displayName ?? list.id };
  if (list.wellknownListName === 'defaultList') container.isDefault = true;
  return container;
}

export class MicrosoftTasksExporter implements Exporter {
  readonly dataType = 'tasks' as const;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = TASKS_PAGE_SIZE,
  ) {}

  exportPage(cursorText: string | undefined): Promise<ExportPage> {
    return this.page(cursorText);
  }

  private async page(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText !== undefined) return this.tasksPage(decodeCursor<Cursor>(cursorText), []);
    // Flagged e-mails are mail, not tasks the person wrote: that list is left to the mail transfer.
    const lists = (await listTodoLists(this.ctx)).filter((l) => l.wellknownListName !== 'flaggedEmails');
    const containers = lists.map((list) => containerOf(this.ctx.account, list));
    return this.tasksPage({ lists: lists.map((l) => l.id), index: 0, seen: 0 }, containers);
  }

  private async tasksPage(cursor: Cursor, containers: Container[]): Promise<ExportPage> {
    const listId = cursor.lists[cursor.index];
    if (listId === undefined) return { containers, items: [] };
    const page = cursor.nextLink
      ? await graphNextPage<GraphCollection<GraphTodoTask>>(this.ctx, cursor.nextLink)
      : await graphRequest<GraphCollection<GraphTodoTask>>(this.ctx, 'GET', `${tasksUrl(listId)}${query({ $top: this.pageSize, $expand: 'checklistItems' })}`);
    const tasks = (page.value ?? []).filter((t): t is GraphTodoTask & { id: string } => Boolean(t.id));
    const items = tasks.flatMap((task, i) => this.itemsOf(listId, task, cursor.seen + i));
    const nextLink = page['@odata.nextLink'];
    const next: Cursor | undefined = nextLink
      ? { ...cursor, nextLink, seen: cursor.seen + tasks.length }
      : cursor.index + 1 < cursor.lists.length
        ? { lists: cursor.lists, index: cursor.index + 1, seen: 0 }
        : undefined;
    return next ? { containers, items, next: encodeCursor(next) } : { containers, items };
  }

  private itemsOf(listId: string, task: GraphTodoTask & { id: string }, order: number): ExportedItem<Task>[] {
    const account = this.ctx.account;
    const containerKeyOf = containerKey(account, listId);
    const data = fromGraphTask(task, order);
    const parent: ExportedItem<Task> = { key: taskKey(account, task.id), dataType: 'tasks', containerKey: containerKeyOf, title: data.title, data };
    const steps = (task.checklistItems ?? []).filter((c): c is typeof c & { id: string } => Boolean(c.id));
    return [
      parent,
      ...steps.map((step, i): ExportedItem<Task> => {
        const sub = fromChecklistItem(step, task.id, i);
        return { key: checklistKey(account, task.id, step.id), dataType: 'tasks', containerKey: containerKeyOf, parentKey: parent.key, title: sub.title, data: sub };
      }),
    ];
  }
}
