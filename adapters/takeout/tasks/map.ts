/**
 * A Tasks.json task → model Task (README.md, "Tasks: field table"). A task's place among its siblings comes
 * from comparing Google's `position` strings, as the Tasks API orders them; links (a task made from an e-mail)
 * have no place in the model and are kept at the end of the notes.
 */
import type { Task } from '../../../model/task';
import type { TakeoutTask } from './api-types';

const utc = (time: string | undefined): string | undefined => {
  const ms = Date.parse(time ?? '');
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
};

/** Each task's 0-based place among the tasks of the same parent, by position, then id. */
export function ordersOf(tasks: readonly TakeoutTask[]): Map<string, number> {
  const siblings = new Map<string, TakeoutTask[]>();
  for (const task of tasks) siblings.set(task.parent ?? '', [...(siblings.get(task.parent ?? '') ?? []), task]);
  const orders = new Map<string, number>();
  for (const group of siblings.values()) {
    group.sort((a, b) => (a.position ?? '').localeCompare(b.position ?? '') || (a.id ?? '').localeCompare(b.id ?? '')).forEach((t, i) => orders.set(t.id ?? '', i));
  }
  return orders;
}

export function fromTakeoutTask(task: TakeoutTask & { id: string }, order: number): Task {
  const out: Task = { uid: task.id, title: task.title ?? '', status: task.status === 'completed' ? 'completed' : 'needs-action', order };
  const links = (task.links ?? []).filter((l) => l.link).map((l) => (l.description ? `${l.description}: ${l.link}` : l.link!));
  const notes = [task.notes, ...links].filter(Boolean).join('\n\n');
  if (notes) out.notes = notes;
  if (task.due && /^\d{4}-\d{2}-\d{2}/.test(task.due)) out.due = task.due.slice(0, 10);
  const completed = utc(task.completed);
  if (out.status === 'completed' && completed) out.completed = completed;
  if (task.parent) out.parent = task.parent;
  const created = utc(task.created);
  if (created) out.created = created;
  const updated = utc(task.updated);
  if (updated) out.updated = updated;
  return out;
}
