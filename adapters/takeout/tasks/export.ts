/**
 * Exports the task lists of a Takeout's Tasks.json, one container per list, subtasks after their parents
 * (each names its parent, so the engine imports the parent first). Deleted tasks are left out, as Google
 * Tasks shows them nowhere; the first list is Google's default list ("My Tasks"), as the API lists it first.
 */
import { AdapterError, type AdapterContext, type Container, type ExportPage, type ExportedItem, type Exporter } from '../../../model/adapter';
import type { Task } from '../../../model/task';
import { planOnce, planPage, type PlannedList } from '../../archive-paging';
import { entryJson } from '../../zip-entry';
import { baseNameOf } from '../../zip-archive';
import { openTakeout, productFiles, productMissing } from '../client';
import type { TakeoutTask, TakeoutTaskLists } from './api-types';
import { fromTakeoutTask, ordersOf } from './map';

export const PAGE_SIZE = 250;
export const TASKS_FOLDERS = ['Tasks', 'Aufgaben', 'Tâches', 'Tareas', 'Attività', 'Taken', 'Tarefas'];

export const containerKey = (account: string, listId: string): string => `takeout:${account}:tasks:container:${listId}`;
export const taskKey = (account: string, listId: string, taskId: string): string => `takeout:${account}:tasks:${listId}/${taskId}`;

/** Parents before their children, siblings in order. */
function parentsFirst(tasks: (TakeoutTask & { id: string })[], orders: Map<string, number>): (TakeoutTask & { id: string })[] {
  const known = new Set(tasks.map((t) => t.id));
  const byParent = new Map<string, (TakeoutTask & { id: string })[]>();
  for (const task of tasks) {
    const parent = task.parent && known.has(task.parent) ? task.parent : '';
    byParent.set(parent, [...(byParent.get(parent) ?? []), task]);
  }
  const out: (TakeoutTask & { id: string })[] = [];
  const visit = (parent: string) => {
    for (const task of (byParent.get(parent) ?? []).sort((a, b) => orders.get(a.id)! - orders.get(b.id)!)) {
      out.push(task);
      visit(task.id);
    }
  };
  visit('');
  return out;
}

export class TakeoutTasksExporter implements Exporter {
  readonly dataType = 'tasks' as const;
  private readonly open = planOnce(() => this.plan());

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<PlannedList<Task>> {
    const tree = await openTakeout(this.ctx);
    const file = productFiles(tree, TASKS_FOLDERS)?.files.find((f) => baseNameOf(f.path).toLowerCase().endsWith('.json'));
    if (!file) throw productMissing(tree, 'Google Tasks', TASKS_FOLDERS[0]!);
    const json = (await entryJson(file)) as TakeoutTaskLists;
    if (json?.kind !== 'tasks#taskLists' || !Array.isArray(json.items)) {
      throw new AdapterError(`${file.path} in ${file.part} is not Google Tasks' export (it has no "kind": "tasks#taskLists" with the lists in "items").`, 'fatal');
    }
    const account = this.ctx.account;
    const containers: Container[] = [];
    const items: ExportedItem<Task>[] = [];
    json.items.forEach((list, i) => {
      const listId = list.id ?? `list-${i}`;
      const container: Container = { key: containerKey(account, listId), dataType: 'tasks', name: list.title ?? listId };
      if (i === 0) container.isDefault = true;
      containers.push(container);
      const tasks = (list.items ?? []).filter((t): t is TakeoutTask & { id: string } => Boolean(t.id) && !t.deleted);
      const orders = ordersOf(tasks);
      const known = new Set(tasks.map((t) => t.id));
      for (const task of parentsFirst(tasks, orders)) {
        const data = fromTakeoutTask(task, orders.get(task.id)!);
        const item: ExportedItem<Task> = { key: taskKey(account, listId, task.id), dataType: 'tasks', containerKey: container.key, title: data.title || '(no title)', data };
        if (task.parent && known.has(task.parent)) item.parentKey = taskKey(account, listId, task.parent);
        else delete data.parent;
        items.push(item);
      }
    });
    return { containers, items };
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    return planPage(this.open(), cursor, this.pageSize);
  }
}
