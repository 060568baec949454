/**
 * Seed and dump in the archive layout: `<dir>/tasks/default.ics` is the default list ("My Tasks" unless its
 * X-WR-CALNAME says otherwise), every other `<name>.ics` one more list named by X-WR-CALNAME (else the file
 * name). Seeded completed tasks are hidden, as tasks completed in Google's own apps are.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseTaskFile, writeTaskFile } from '../../../../model/task-ics';
import type { Task } from '../../../../model/task';
import type { StoredList, TasksAccount } from './store';

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

/** Adds the lists found under `<dataDir>/tasks` to the account (reset before). */
export async function seedTasks(account: TasksAccount, dataDir: string): Promise<void> {
  const dir = join(dataDir, 'tasks');
  for (const file of await icsFiles(dir)) {
    const { list: info, tasks, problems } = parseTaskFile(await readFile(join(dir, file), 'utf8'));
    if (problems.length) console.warn(`[sandbox] google tasks: ${join(dir, file)}: ${problems.join('; ')}`);
    const isDefault = file === DEFAULT_LIST_FILE;
    const list = isDefault ? account.find('@default')! : account.addList(info.name ?? basename(file, '.ics'));
    if (isDefault && info.name) list.title = info.name;
    addTasks(account, list, tasks);
  }
}

/** Parents before children, each sibling group in its order, so each insert lands after the one before it. */
function addTasks(account: TasksAccount, list: StoredList, tasks: readonly Task[]): void {
  const idOf = new Map<string, string>();
  const byParent = new Map<string, Task[]>();
  for (const task of tasks) byParent.set(task.parent ?? '', [...(byParent.get(task.parent ?? '') ?? []), task]);
  const add = (parentUid: string) => {
    let previous: string | undefined;
    for (const task of (byParent.get(parentUid) ?? []).sort((a, b) => a.order - b.order)) {
      const stored = account.addTask(
        list,
        {
          title: task.title,
          status: task.status === 'completed' ? 'completed' : 'needsAction',
          ...(task.notes && { notes: task.notes }),
          ...(task.due && { due: `${task.due}T00:00:00.000Z` }),
          ...(task.status === 'completed' && { completed: new Date(task.completed ?? account.timestamp()).toISOString(), hidden: true }),
          ...(parentUid && { parent: idOf.get(parentUid)! }),
        },
        previous,
      );
      idOf.set(task.uid, stored.id);
      previous = stored.id;
      add(task.uid);
    }
  };
  add('');
}

const safeFileName = (name: string): string => name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').trim() || 'tasks';

function modelTasks(account: TasksAccount, list: StoredList): Task[] {
  const out: Task[] = [];
  const walk = (parent?: string) =>
    account.siblings(list, parent).filter((t) => !t.deleted).forEach((t, order) => {
      out.push({
        uid: t.id,
        title: t.title,
        status: t.status === 'completed' ? 'completed' : 'needs-action',
        order,
        updated: t.updated,
        ...(t.notes && { notes: t.notes }),
        ...(t.due && { due: t.due.slice(0, 10) }),
        ...(t.completed && { completed: t.completed }),
        ...(t.parent && { parent: t.parent }),
      });
      walk(t.id);
    });
  walk();
  return out;
}

/** Writes every list of the account to `<outDir>/tasks/`. */
export async function dumpTasks(account: TasksAccount, outDir: string): Promise<void> {
  const dir = join(outDir, 'tasks');
  await mkdir(dir, { recursive: true });
  const used = new Set<string>();
  for (const list of account.lists.values()) {
    const isDefault = list.id === account.defaultListId;
    const base = isDefault ? 'default' : safeFileName(list.title);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()) || (!isDefault && name === 'default'); n += 1) name = `${base} (${n})`;
    used.add(name.toLowerCase());
    await writeFile(join(dir, `${name}.ics`), writeTaskFile({ name: list.title }, modelTasks(account, list)), 'utf8');
  }
}
