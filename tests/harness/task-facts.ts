/**
 * A dumped account's tasks as a person sees them, read from the archive layout (`tasks/<list>.ics`) with
 * ical.js directly rather than Ferry's own codec, so the end-to-end check does not share Ferry's mistakes.
 * Tasks are keyed by list and title (the sample titles are unique); subtasks name their parent by title.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ICAL from 'ical.js';

export interface TaskFacts {
  list: string;
  title: string;
  notes?: string;
  due?: string;
  status: string;
  /** Whole seconds, UTC. */
  completed?: string;
  parentTitle?: string;
  order?: number;
}

export type TaskFactName = Exclude<keyof TaskFacts, 'list' | 'title'>;

/** Every task of the dump under `<dir>/tasks`, by `<list> / <title>`. */
export async function readTaskFacts(dir: string): Promise<Map<string, TaskFacts>> {
  const folder = path.join(dir, 'tasks');
  const files = (await readdir(folder).catch(() => [] as string[])).filter((f) => f.endsWith('.ics')).sort();
  const facts = new Map<string, TaskFacts>();
  for (const file of files) {
    const root = new ICAL.Component(ICAL.parse(await readFile(path.join(folder, file), 'utf8')));
    const list = file === 'default.ics' ? '(default list)' : String(root.getFirstPropertyValue('x-wr-calname') ?? path.basename(file, '.ics'));
    const todos = root.getAllSubcomponents('vtodo');
    const titleOf = new Map(todos.map((t) => [String(t.getFirstPropertyValue('uid')), String(t.getFirstPropertyValue('summary') ?? '')]));
    for (const todo of todos) {
      const title = String(todo.getFirstPropertyValue('summary') ?? '');
      const fact: TaskFacts = { list, title, status: String(todo.getFirstPropertyValue('status') ?? 'NEEDS-ACTION').toUpperCase() };
      const notes = todo.getFirstPropertyValue('description');
      if (notes) fact.notes = String(notes);
      const due = todo.getFirstPropertyValue('due');
      if (due) fact.due = String(due).slice(0, 10);
      const completed = todo.getFirstPropertyValue('completed');
      if (completed instanceof ICAL.Time) fact.completed = completed.toJSDate().toISOString().slice(0, 19);
      const related = todo.getFirstProperty('related-to');
      const parent = related?.getFirstValue();
      if (parent) fact.parentTitle = titleOf.get(String(parent)) ?? `(unknown ${String(parent)})`;
      const order = todo.getFirstPropertyValue('x-apple-sort-order');
      if (order !== null && order !== undefined) fact.order = Number(order);
      const key = `${list} / ${title}`;
      if (facts.has(key)) throw new Error(`two tasks titled "${title}" in ${list}: the dump holds a duplicate`);
      facts.set(key, fact);
    }
  }
  return facts;
}

/** Differences between what left and what arrived, ignoring the facts the direction is known to lose. */
export function diffTasks(left: Map<string, TaskFacts>, arrived: Map<string, TaskFacts>, lost: ReadonlySet<TaskFactName>, lostOnSubtasks: ReadonlySet<TaskFactName> = new Set()): string[] {
  const problems: string[] = [];
  for (const [key, want] of left) {
    const got = arrived.get(key);
    if (!got) {
      problems.push(`${key}: missing at the destination`);
      continue;
    }
    for (const fact of ['notes', 'due', 'status', 'completed', 'parentTitle', 'order'] as TaskFactName[]) {
      if (lost.has(fact) || (want.parentTitle && lostOnSubtasks.has(fact))) continue;
      if (JSON.stringify(want[fact]) !== JSON.stringify(got[fact])) problems.push(`${key}: ${fact} ${JSON.stringify(want[fact])} → ${JSON.stringify(got[fact])}`);
    }
  }
  for (const key of arrived.keys()) if (!left.has(key)) problems.push(`${key}: at the destination but never at the source`);
  return problems;
}
