/**
 * A deterministic sample To-do account in the archive layout: `tasks/default.ics` and one more file per list,
 * every field exercised (notes, due dates, completed with a time, subtasks, order, unicode titles).
 * Run: `npx tsx tests/sandbox/sample-data/tasks.ts OUTDIR`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Task } from '../../../model/task';
import { writeTaskFile } from '../../../model/task-ics';
import { SeededRandom } from './random';

export interface SampleTaskOptions {
  /** Task lists, the default list included; default 5. */
  lists?: number;
  /** Tasks in all, subtasks included; default 500. */
  count?: number;
  seed?: number;
}

const LIST_NAMES = ['My Tasks', 'Groceries 🛒', 'Work', 'Déménagement', '読書リスト', 'Garden', 'Trips', 'Ideas'];
const VERBS = ['Buy', 'Call', 'Write', 'Fix', 'Book', 'Plan', 'Read', 'Send', 'Clean', 'Renew'];
const THINGS = ['milk', 'the dentist', 'report for Zoë', 'bike tyre', 'train to Zürich', 'garden party 🎉', 'Œuvres complètes', 'invoice #42', 'kitchen', 'passport', '東京の地図', 'Ελληνικά notes'];
const NOTES = ['Ask about the price first.', 'Two of them\nand a spare one.', 'Link: https://example.com/item?id=7&ref=ferry', 'Notes with “quotes”, commas; and semicolons.', 'Ünïcödé ✓ — em dash'];

const day = (n: number): string => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const moment = (rng: SeededRandom): string => new Date(Date.UTC(2024, 0, 1) + rng.int(0, 500 * 86_400) * 1000).toISOString().replace(/\.000Z$/, 'Z');

/** The sample tasks by list name, exactly `count` of them; the first list is the default list. */
export function sampleTasks(opts: SampleTaskOptions = {}): Map<string, Task[]> {
  const rng = new SeededRandom(opts.seed ?? 1);
  const listCount = Math.max(1, Math.min(opts.lists ?? 5, LIST_NAMES.length));
  const byList = new Map<string, Task[]>(LIST_NAMES.slice(0, listCount).map((name) => [name, []]));
  const names = [...byList.keys()];
  const count = opts.count ?? 500;
  for (let i = 0; i < count; i += 1) {
    const listName = names[i % names.length]!;
    const tasks = byList.get(listName)!;
    const topLevel = tasks.filter((t) => !t.parent);
    const parent = topLevel.length > 0 && rng.chance(0.25) ? rng.pick(topLevel.slice(-5)) : undefined;
    const completed = rng.chance(0.3);
    const task: Task = {
      uid: `sample-task-${opts.seed ?? 1}-${i}`,
      title: `${rng.pick(VERBS)} ${rng.pick(THINGS)} (${i + 1})`,
      status: completed ? 'completed' : 'needs-action',
      order: tasks.filter((t) => t.parent === parent?.uid).length,
    };
    if (rng.chance(0.4)) task.notes = rng.pick(NOTES);
    if (rng.chance(0.5)) task.due = day(rng.int(-60, 300));
    if (completed) task.completed = moment(rng);
    if (parent) task.parent = parent.uid;
    tasks.push(task);
  }
  return byList;
}

export async function writeSampleTasks(dir: string, opts: SampleTaskOptions = {}): Promise<{ files: string[]; taskCount: number }> {
  const folder = join(resolve(dir), 'tasks');
  await mkdir(folder, { recursive: true });
  const files: string[] = [];
  let taskCount = 0;
  for (const [i, [name, tasks]] of [...sampleTasks(opts).entries()].entries()) {
    const file = join(folder, i === 0 ? 'default.ics' : `${name}.ics`);
    await writeFile(file, writeTaskFile({ name }, tasks, { now: new Date(Date.UTC(2025, 0, 1)) }), 'utf8');
    files.push(file);
    taskCount += tasks.length;
  }
  return { files, taskCount };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = process.argv[2];
  if (!out) throw new Error('Usage: tsx tests/sandbox/sample-data/tasks.ts OUTDIR');
  const { files, taskCount } = await writeSampleTasks(out);
  console.log(`${taskCount} tasks in ${files.length} lists under ${join(resolve(out), 'tasks')}`);
}
