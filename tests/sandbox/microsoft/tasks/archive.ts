/**
 * Seed and dump in the archive layout: `<dir>/tasks/default.ics` is the default list ("Tasks" unless its
 * X-WR-CALNAME says otherwise), every other `<name>.ics` one more list. A subtask seeds as a checklist item of
 * its top-level ancestor, as To Do holds subtasks; what a checklist item cannot hold (notes, due date) is
 * named in a warning.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Task } from '../../../../model/task';
import { parseTaskFile, writeTaskFile } from '../../../../model/task-ics';
import { newTodoId, type StoredTodoList, type StoredTodoTask, type TodoStore } from './store';

export const DEFAULT_LIST_FILE = 'default.ics';

async function icsFiles(dir: string): Promise<string[]> {
  try {
    const files = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith('.ics')).sort();
    return [...files.filter((f) => f === DEFAULT_LIST_FILE), ...files.filter((f) => f !== DEFAULT_LIST_FILE)];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

const graphWall = (rfc3339: string): string => `${new Date(rfc3339).toISOString().slice(0, 19)}.0000000`;
const graphInstant = (rfc3339: string): string => new Date(rfc3339).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');

export async function seedTodo(store: TodoStore, dataDir: string): Promise<void> {
  const dir = join(dataDir, 'tasks');
  for (const file of await icsFiles(dir)) {
    const { list: info, tasks, problems } = parseTaskFile(await readFile(join(dir, file), 'utf8'));
    const isDefault = file === DEFAULT_LIST_FILE;
    const list = isDefault ? store.defaultList : store.addList(info.name ?? basename(file, '.ics'));
    if (isDefault && info.name) list.displayName = info.name;
    problems.push(...addTasks(store, list, tasks));
    if (problems.length) console.warn(`[sandbox] microsoft to do: ${join(dir, file)}: ${problems.join('; ')}`);
  }
}

function addTasks(store: TodoStore, list: StoredTodoList, tasks: readonly Task[]): string[] {
  const problems: string[] = [];
  const byUid = new Map(tasks.map((t) => [t.uid, t]));
  const topOf = (task: Task): Task => (task.parent && byUid.get(task.parent) ? topOf(byUid.get(task.parent)!) : task);
  const stored = new Map<string, StoredTodoTask>();
  const now = store.timestamp();
  for (const task of tasks.filter((t) => !t.parent).sort((a, b) => a.order - b.order)) {
    const todo: StoredTodoTask = {
      id: newTodoId(),
      title: task.title,
      body: { content: task.notes ?? '', contentType: 'text' },
      status: task.status === 'completed' ? 'completed' : 'notStarted',
      importance: 'normal',
      isReminderOn: false,
      categories: [],
      createdDateTime: task.created ? graphInstant(task.created) : now,
      lastModifiedDateTime: task.updated ? graphInstant(task.updated) : now,
      bodyLastModifiedDateTime: now,
      checklistItems: [],
      linkedResources: [],
      ...(task.due && { dueDateTime: `${task.due}T00:00:00.0000000` }),
      ...(task.status === 'completed' && { completedDateTime: graphWall(task.completed ?? new Date().toISOString()) }),
    };
    list.tasks.set(todo.id, todo);
    stored.set(task.uid, todo);
  }
  const subtasks = tasks.filter((t) => t.parent).sort((a, b) => a.order - b.order);
  for (const task of subtasks) {
    const parent = stored.get(topOf(task).uid)!;
    if (task.notes || task.due) problems.push(`subtask "${task.title}" keeps neither notes nor due date as a checklist item`);
    parent.checklistItems.push({
      id: newTodoId(),
      displayName: task.title,
      isChecked: task.status === 'completed',
      createdDateTime: task.created ? graphInstant(task.created) : now,
      ...(task.status === 'completed' && { checkedDateTime: graphInstant(task.completed ?? new Date().toISOString()) }),
    });
  }
  return problems;
}

const utcStamp = (graph: string): string => `${graph.slice(0, 19)}Z`;

function modelTasks(list: StoredTodoList): Task[] {
  return [...list.tasks.values()].flatMap((t, order): Task[] => [
    {
      uid: t.id,
      title: t.title,
      status: t.status === 'completed' ? 'completed' : 'needs-action',
      order,
      created: utcStamp(t.createdDateTime),
      updated: utcStamp(t.lastModifiedDateTime),
      ...(t.body.content && { notes: t.body.content }),
      ...(t.dueDateTime && { due: t.dueDateTime.slice(0, 10) }),
      ...(t.completedDateTime && { completed: utcStamp(t.completedDateTime) }),
    },
    ...t.checklistItems.map((c, i): Task => ({
      uid: c.id,
      title: c.displayName,
      status: c.isChecked ? 'completed' : 'needs-action',
      parent: t.id,
      order: i,
      created: utcStamp(c.createdDateTime),
      ...(c.checkedDateTime && { completed: utcStamp(c.checkedDateTime) }),
    })),
  ]);
}

const safeFileName = (name: string): string => name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').trim() || 'tasks';

export async function dumpTodo(store: TodoStore, outDir: string): Promise<void> {
  const dir = join(outDir, 'tasks');
  await mkdir(dir, { recursive: true });
  const used = new Set<string>();
  for (const list of store.lists.values()) {
    if (list.wellknownListName === 'flaggedEmails' && list.tasks.size === 0) continue;
    const isDefault = list.wellknownListName === 'defaultList';
    const base = isDefault ? 'default' : safeFileName(list.displayName);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()) || (!isDefault && name === 'default'); n += 1) name = `${base} (${n})`;
    used.add(name.toLowerCase());
    await writeFile(join(dir, `${name}.ics`), writeTaskFile({ name: list.displayName }, modelTasks(list)), 'utf8');
  }
}
