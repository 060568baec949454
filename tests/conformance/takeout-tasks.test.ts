/** The task lists of the sample Takeout → the Google Tasks sandbox: every task arrives in its list with its fields. */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeout } from '../../adapters/takeout/descriptor';
import { parseTaskFile } from '../../model/task-ics';
import type { Task } from '../../model/task';
import { openDestination } from './archive-destinations';
import { archiveContext, chosenFiles, transfer } from './archive-transfer';
import { useSampleTakeout } from './takeout-fixture';

const { sample, dir } = useSampleTakeout();

describe('Takeout tasks → google', () => {
  it('every task arrives in its list with its notes, due date, status and parent', async () => {
    const target = await openDestination('google', 'tasks');
    try {
      const exporter = takeout.dataTypes.tasks!.export!.create(archiveContext(await chosenFiles(sample().parts)));
      const { containers, results } = await transfer(exporter, target.support.import!.create(target.ctx), target.support.import!.batchSize);
      expect(containers.map((c) => c.name)).toEqual([...sample().tasks.keys()]);
      expect(containers[0]!.isDefault, 'the first list is the default one').toBe(true);
      for (const [key, result] of results) expect(result.ok, `${key}: ${result.ok ? '' : result.error.message}`).toBe(true);
      const out = join(dir(), 'tasks-dump');
      await target.dump(out);
      const lists = new Map<string, Task[]>();
      for (const file of await readdir(join(out, 'tasks'))) {
        const parsed = parseTaskFile(await readFile(join(out, 'tasks', file), 'utf8'));
        lists.set(parsed.list.name ?? file, parsed.tasks);
      }
      for (const [list, tasks] of sample().tasks) {
        const arrived = [...lists.values()].find((l) => l.some((t) => t.title === tasks[0]!.title)) ?? [];
        expect(arrived, `${list}: every task`).toHaveLength(tasks.length);
        for (const task of tasks) {
          const label = `${list}: ${task.title}`;
          const got = arrived.find((t) => t.title === task.title);
          expect(got, label).toBeDefined();
          expect(got!.notes, `${label}: notes`).toBe(task.notes);
          expect(got!.due, `${label}: due`).toBe(task.due);
          expect(got!.status, `${label}: status`).toBe(task.status);
          expect(got!.order, `${label}: order`).toBe(task.order);
          const parent = tasks.find((t) => t.uid === task.parent)?.title;
          expect(arrived.find((t) => t.uid === got!.parent)?.title, `${label}: parent`).toBe(parent);
        }
      }
    } finally {
      await target.close();
    }
  }, 60_000);
});
