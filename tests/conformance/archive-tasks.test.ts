/**
 * The Ferry archive's task lists: every `tasks/*.ics` read back as the task codec reads it, then moved into Google
 * Tasks and Microsoft To Do. What left is judged against the folder the sample archive was zipped from
 * (tests/sandbox/sample-data/archive.ts).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../model/task';
import { parseTaskFile } from '../../model/task-ics';
import { ARCHIVE_ACCOUNT, archiveExporter, useSampleArchive, moveInto } from './archive-read-fixture';
import { exportAll } from './export-all';
import { diffTasks, readTaskFacts } from '../harness/task-facts';

const { sample, dir } = useSampleArchive();

describe('Ferry archive: tasks', () => {
  it('every list is a container and every task arrives as the codec reads it, subtasks after their parents', async () => {
    const { containers, items } = await exportAll<Task>(await archiveExporter(sample().zip, 'tasks'));
    const folder = join(sample().folder, 'tasks');
    const files = (await readdir(folder)).sort();
    expect(containers).toHaveLength(files.length);
    expect(containers.filter((c) => c.isDefault).map((c) => c.key)).toEqual([`archive:${ARCHIVE_ACCOUNT}:tasks:container:default.ics`]);
    for (const file of files) {
      const parsed = parseTaskFile(await readFile(join(folder, file), 'utf8'));
      const key = `archive:${ARCHIVE_ACCOUNT}:tasks:container:${file}`;
      expect(containers.find((c) => c.key === key)!.name).toBe(parsed.list.name);
      const inList = items.filter((i) => i.containerKey === key);
      expect(inList.map((i) => i.data).sort((a, b) => a.uid.localeCompare(b.uid))).toEqual([...parsed.tasks].sort((a, b) => a.uid.localeCompare(b.uid)));
      for (const item of inList) {
        if (!item.data.parent) {
          expect(item.parentKey).toBeUndefined();
          continue;
        }
        expect(item.parentKey).toBe(`archive:${ARCHIVE_ACCOUNT}:tasks:${file}/${item.data.parent}`);
        expect(items.findIndex((i) => i.key === item.parentKey)).toBeLessThan(items.indexOf(item));
      }
    }
    expect(items.some((i) => i.parentKey)).toBe(true);
  });

  it('tasks → Google: every task with its list, order, notes, due date, status and parent', async () => {
    const arrived = await readTaskFacts(await moveInto(sample().zip, dir(), 'google', 'tasks'));
    const left = await readTaskFacts(sample().folder);
    expect(arrived.size).toBe(left.size);
    expect(diffTasks(left, arrived, new Set())).toEqual([]);
  }, 120_000);

  it('tasks → Microsoft To Do: every task, subtasks as checklist items without their notes and due dates', async () => {
    const arrived = await readTaskFacts(await moveInto(sample().zip, dir(), 'microsoft', 'tasks'));
    const left = await readTaskFacts(sample().folder);
    // To Do has no order among tasks and holds a subtask as a checklist item (adapters/microsoft/README.md, "Tasks").
    expect(diffTasks(left, arrived, new Set(['order']), new Set(['notes', 'due']))).toEqual([]);
  }, 120_000);
});
