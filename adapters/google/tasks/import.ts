/**
 * Imports tasks into Google Tasks, one tasks.insert at a time: a subtask names its parent (`parent`) and
 * every task the sibling it follows (`previous`), which must exist already, so a list is built in order,
 * insert by insert (hence the serial limits in support.ts). Google keeps no key of Ferry's on a task: a
 * task made before is recognised by its content in its list (destination-list.ts says how and at what cost).
 */
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer } from '../../../model/adapter';
import type { Task } from '../../../model/task';
import { googleRequest, query } from '../client';
import type { GoogleTask, GoogleTaskList } from './api-types';
import { DestinationList } from './destination-list';
import { MAX_TITLE_LENGTH, toGoogleTask } from './map';
import { TASKS_API, defaultTaskList, listTaskLists, listTasks, listUrl } from './tasks-client';

export class GoogleTasksImporter implements Importer {
  readonly dataType = 'tasks' as const;
  private readonly lists = new Map<string, Promise<DestinationList>>();

  constructor(private readonly ctx: AdapterContext) {}

  async ensureContainer(container: Container): Promise<string> {
    if (container.isDefault) return (await defaultTaskList(this.ctx)).id;
    const title = [...container.name].slice(0, MAX_TITLE_LENGTH).join('');
    const same = (await listTaskLists(this.ctx)).find((list) => list.title === title);
    if (same) return same.id;
    return (await googleRequest<GoogleTaskList>(this.ctx, 'POST', `${TASKS_API}/users/@me/lists`, { title })).id;
  }

  /** The destination list as Google has it now, read once per importer (again after an answer went missing). */
  private destination(listId: string): Promise<DestinationList> {
    let list = this.lists.get(listId);
    if (!list) {
      list = listTasks(this.ctx, listId).then(({ tasks }) => new DestinationList(tasks));
      list.catch(() => this.lists.delete(listId));
      this.lists.set(listId, list);
    }
    return list;
  }

  async importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    const results: ImportResult[] = [];
    let stop: AdapterError | undefined;
    for (const item of items as ImportItem<Task>[]) {
      if (stop) {
        results.push({ key: item.key, ok: false, error: stop });
        continue;
      }
      const result = await this.importOne(item);
      results.push(result);
      if (!result.ok && result.error.errorClass !== 'skip') stop = result.error;
    }
    throwWhenAllFailed(results);
    return results;
  }

  private async importOne(item: ImportItem<Task>): Promise<ImportResult> {
    const { body, lost } = toGoogleTask(item.data);
    const parentId = item.parentId;
    if (item.data.parent && !parentId) lost.push({ field: 'parent', reason: 'its parent task did not arrive at Google, so it is a top-level task' });
    try {
      const list = await this.destination(item.containerId);
      let id = list.find(item.key, body, parentId);
      if (!id) {
        const params = query({ parent: parentId, previous: list.previousFor(parentId, item.data.order) });
        id = (await googleRequest<GoogleTask>(this.ctx, 'POST', `${listUrl(item.containerId)}${params}`, body)).id;
        if (!id) throw new AdapterError('Google accepted the task but did not say its id; Ferry will try again.', 'retry');
        list.created(item.key, body, id, parentId);
      }
      list.placedAt(id, parentId, item.data.order);
      return lost.length ? { key: item.key, ok: true, destinationId: id, lost } : { key: item.key, ok: true, destinationId: id };
    } catch (error) {
      if (!(error instanceof AdapterError)) throw error;
      // The insert may have happened with its answer lost: the list is read again before the next try.
      if (error.errorClass === 'retry') this.lists.delete(item.containerId);
      return { key: item.key, ok: false, error };
    }
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const item of items as ImportItem<Task>[]) {
      const list = await this.destination(item.containerId);
      const id = list.find(item.key, toGoogleTask(item.data).body, item.parentId);
      if (id) {
        list.placedAt(id, item.parentId, item.data.order);
        found.set(item.key, id);
      }
    }
    return found;
  }
}

/** The whole batch failed when every item failed alike: a fatal error stops the job, all-retry backs off. */
function throwWhenAllFailed(results: ImportResult[]): void {
  const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
  const fatal = errors.find((e) => e.errorClass === 'fatal');
  if (fatal) throw fatal;
  if (errors.length === results.length && errors.every((e) => e.errorClass === 'retry')) throw errors[0]!;
}
