/**
 * An archive task file → model container and tasks (README.md, "Tasks"). The tasks are the task codec's own
 * (model/task-ics.ts); X-WR-CALNAME names the list, else the file's name. `default.ics` is the account's default
 * list. Parents come before their subtasks, siblings in their order, so each subtask can name its parent.
 */
import type { Container } from '../../../model/adapter';
import type { Task } from '../../../model/task';
import type { TaskListInfo } from '../../../model/task-ics';

export const DEFAULT_LIST_FILE = 'default.ics';

export function listContainer(key: string, path: string, info: TaskListInfo): Container {
  const container: Container = { key, dataType: 'tasks', name: info.name?.trim() || path.replace(/\.ics$/i, '') };
  if (path.toLowerCase() === DEFAULT_LIST_FILE) container.isDefault = true;
  return container;
}

export function parentsFirst(tasks: readonly Task[]): Task[] {
  const byParent = new Map<string, Task[]>();
  for (const task of tasks) byParent.set(task.parent ?? '', [...(byParent.get(task.parent ?? '') ?? []), task]);
  const out: Task[] = [];
  const visit = (parent: string) => {
    for (const task of (byParent.get(parent) ?? []).sort((a, b) => a.order - b.order)) {
      out.push(task);
      visit(task.uid);
    }
  };
  visit('');
  return out;
}
