import { test, expect } from '../harness/fixtures';
import { diffTasks, readTaskFacts, type TaskFactName } from '../harness/task-facts';
import { moveAndDump, reportedLoss } from '../harness/transfer-dumps';
import type { ProviderName } from '../sandbox/core/types';
import { writeSampleTasks } from '../sandbox/sample-data/tasks';

/**
 * What each direction cannot keep (adapters/*\/README.md): To Do has no order, and holds a subtask as a checklist
 * item, without notes or due date. Each such loss must be in the job's report.
 */
const LOSSES: Record<string, { all: TaskFactName[]; subtasks: TaskFactName[]; reportedAs: Partial<Record<TaskFactName, string>> }> = {
  'google->microsoft': { all: ['order'], subtasks: ['notes', 'due'], reportedAs: { order: 'order', notes: 'notes', due: 'due' } },
  'microsoft->google': { all: [], subtasks: [], reportedAs: {} },
};

const directions: [ProviderName, ProviderName][] = [
  ['google', 'microsoft'],
  ['microsoft', 'google'],
];

for (const [from, to] of directions) {
  test(`tasks move ${from} → ${to}: 500 tasks in 5 lists, every field`, async ({ sandbox, app, scratch }) => {
    const moved = await moveAndDump(sandbox.control, app, scratch, {
      from,
      to,
      label: 'Tasks',
      writeSample: (dir) => writeSampleTasks(dir, { lists: 5, count: 500 }),
    });
    const { job } = moved;
    expect(job.status, job.statusMessage).toBe('done');
    expect(job.failures).toEqual([]);

    const left = await readTaskFacts(moved.leftDir);
    const arrived = await readTaskFacts(moved.arrivedDir);
    expect(left.size).toBeGreaterThanOrEqual(from === 'google' ? 500 : 400);
    expect(new Set([...left.values()].map((t) => t.list)).size).toBe(5);
    const losses = LOSSES[`${from}->${to}`]!;
    expect(diffTasks(left, arrived, new Set(losses.all), new Set(losses.subtasks))).toEqual([]);

    for (const task of left.values()) {
      const got = arrived.get(`${task.list} / ${task.title}`)!;
      const lostHere = [...losses.all, ...(task.parentTitle ? losses.subtasks : [])];
      for (const fact of lostHere) {
        if (task[fact] === undefined || JSON.stringify(task[fact]) === JSON.stringify(got[fact])) continue;
        expect(reportedLoss(job, task.title, losses.reportedAs[fact] ?? fact), `${task.title} lost ${fact} without a report`).toBe(true);
      }
    }
  });
}
