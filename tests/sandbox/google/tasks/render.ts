/** Tasks and lists as the Tasks API shows them (discovery document: Task, TaskList). */
import type { StoredList, StoredTask, TasksAccount } from './store';

const API = 'https://www.googleapis.com/tasks/v1';

export const renderList = (list: StoredList): Record<string, unknown> => ({
  kind: 'tasks#taskList',
  id: list.id,
  etag: list.etag,
  title: list.title,
  updated: list.updated,
  selfLink: `${API}/users/@me/lists/${list.id}`,
});

export function renderTask(account: TasksAccount, list: StoredList, task: StoredTask): Record<string, unknown> {
  return {
    kind: 'tasks#task',
    id: task.id,
    etag: task.etag,
    title: task.title,
    updated: task.updated,
    selfLink: `${API}/lists/${list.id}/tasks/${task.id}`,
    ...(task.parent && { parent: task.parent }),
    position: account.position(list, task),
    ...(task.notes && { notes: task.notes }),
    status: task.status,
    ...(task.due && { due: task.due }),
    ...(task.completed && { completed: task.completed }),
    ...(task.deleted && { deleted: true }),
    ...(task.hidden && { hidden: true }),
    links: [],
    webViewLink: `https://tasks.google.com/task/${task.id}`,
  };
}
