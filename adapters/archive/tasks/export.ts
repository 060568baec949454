/**
 * Exports the task lists of an archive's `tasks/` folder, one `.ics` file of VTODOs each, through the task codec.
 * Subtasks come after their parents and name them, so the engine imports the parent first.
 */
import { AdapterError, type AdapterContext, type Container, type ExportPage, type ExportedItem, type Exporter } from '../../../model/adapter';
import type { Task } from '../../../model/task';
import { parseTaskFile } from '../../../model/task-ics';
import { planOnce, planPage, type PlannedList } from '../../archive-paging';
import { entryText } from '../../zip-entry';
import { openFerryArchive, typeFiles } from '../client';
import { listContainer, parentsFirst } from './map';

export const PAGE_SIZE = 250;

export const containerKey = (account: string, path: string): string => `archive:${account}:tasks:container:${path}`;
export const taskKey = (account: string, path: string, uid: string): string => `archive:${account}:tasks:${path}/${uid}`;

export class ArchiveTasksExporter implements Exporter {
  readonly dataType = 'tasks' as const;
  private readonly open = planOnce(() => this.plan());

  constructor(
    private readonly ctx: AdapterContext,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private async plan(): Promise<PlannedList<Task>> {
    const archive = await openFerryArchive(this.ctx);
    const files = typeFiles(archive, 'task lists', 'tasks').filter((f) => f.path.toLowerCase().endsWith('.ics'));
    const account = this.ctx.account;
    const containers: Container[] = [];
    const items: ExportedItem<Task>[] = [];
    for (const { path, file } of files) {
      const parsed = parseTaskFile(await entryText(file));
      if (!parsed.tasks.length && parsed.problems.length) {
        throw new AdapterError(`${file.path} in ${file.part} is not a task list Ferry can read: ${parsed.problems[0]}.`, 'fatal');
      }
      const container = listContainer(containerKey(account, path), path, parsed.list);
      containers.push(container);
      for (const task of parentsFirst(parsed.tasks)) {
        const item: ExportedItem<Task> = { key: taskKey(account, path, task.uid), dataType: 'tasks', containerKey: container.key, title: task.title || '(no title)', data: task };
        if (task.parent) item.parentKey = taskKey(account, path, task.parent);
        items.push(item);
      }
    }
    return { containers, items };
  }

  async exportPage(cursor: string | undefined): Promise<ExportPage> {
    return planPage(this.open(), cursor, this.pageSize);
  }
}
