/**
 * Imports tasks into To Do. A task is created through $batch with a linkedResource that carries its
 * source key (applicationName "Ferry", externalId the key: what linkedResource is made for), so a task made
 * before, even by a request whose answer was lost, is found in its list. A subtask becomes a checklist item
 * of its parent; checklist items carry no key of Ferry's, so one made before is recognised by its title and
 * state among its parent's items, each standing for one subtask at most.
 * https://learn.microsoft.com/graph/api/todotasklist-post-tasks, https://learn.microsoft.com/graph/api/todotask-post-checklistitems
 */
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer, type LostField } from '../../../model/adapter';
import type { Task } from '../../../model/task';
import { graphBatch, graphRequest, type BatchAnswer } from '../client';
import type { GraphChecklistItem, GraphCollection, GraphTodoTask, GraphTodoTaskList } from './api-types';
import { checklistContentKey, sourceKeyOf, sourceLink, toChecklistItem, toGraphTask } from './map';
import { TODO_LISTS, checklistUrl, listTasksWithLinks, listTodoLists, tasksUrl } from './todo-lists';

interface Planned {
  item: ImportItem<Task>;
  lost: LostField[];
}

export class MicrosoftTasksImporter implements Importer {
  readonly dataType = 'tasks' as const;
  private readonly containers = new Map<string, string>();
  /** Per list: source key → To Do task id, read once and kept up to date (read again after a lost answer). */
  private readonly keyed = new Map<string, Promise<Map<string, string>>>();
  /** Checklist item ids already standing for a subtask, per parent task. */
  private readonly claimedSteps = new Map<string, Map<string, string>>();

  constructor(private readonly ctx: AdapterContext) {}

  async ensureContainer(container: Container): Promise<string> {
    const known = this.containers.get(container.key);
    if (known) return known;
    const lists = await listTodoLists(this.ctx);
    const found = container.isDefault
      ? lists.find((l) => l.wellknownListName === 'defaultList')
      : lists.find((l) => l.displayName === container.name && l.wellknownListName !== 'flaggedEmails');
    const id = found?.id ?? (await graphRequest<GraphTodoTaskList>(this.ctx, 'POST', TODO_LISTS, { displayName: container.name })).id;
    this.containers.set(container.key, id);
    return id;
  }

  private keysOf(listId: string): Promise<Map<string, string>> {
    let keys = this.keyed.get(listId);
    if (!keys) {
      keys = listTasksWithLinks(this.ctx, listId).then((tasks) => {
        const map = new Map<string, string>();
        for (const task of tasks) {
          const key = sourceKeyOf(task);
          if (key && task.id) map.set(key, task.id);
        }
        return map;
      });
      keys.catch(() => this.keyed.delete(listId));
      this.keyed.set(listId, keys);
    }
    return keys;
  }

  importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    return this.importAll(items as ImportItem<Task>[]);
  }

  private async importAll(all: ImportItem<Task>[]): Promise<ImportResult[]> {
    const results = new Map<string, ImportResult>();
    await this.createTasks(all.filter((i) => !i.parentId), results);
    await this.createSteps(all.filter((i) => i.parentId), results);
    const ordered = all.map((i) => results.get(i.key)!);
    throwWhenAllFailed(ordered);
    return ordered;
  }

  private async createTasks(items: ImportItem<Task>[], results: Map<string, ImportResult>): Promise<void> {
    const toCreate: (Planned & { body: GraphTodoTask })[] = [];
    for (const item of items) {
      const { body, lost } = toGraphTask(item.data);
      if (item.data.parent) lost.push({ field: 'parent', reason: 'its parent task did not arrive in To Do, so it is a task of its own' });
      const existing = (await this.keysOf(item.containerId)).get(item.key);
      if (existing) results.set(item.key, done(item.key, existing, lost));
      else toCreate.push({ item, lost, body: { ...body, linkedResources: [sourceLink(item.key)] } });
    }
    const answers = await this.send(
      toCreate.map((c) => c.item.containerId),
      toCreate.map((c, i) => ({ id: String(i), method: 'POST' as const, url: tasksUrl(c.item.containerId), body: c.body })),
    );
    for (const [i, create] of toCreate.entries()) {
      const answer = answers[i]!;
      const id = answer.ok ? (answer.body as GraphTodoTask | undefined)?.id : undefined;
      if (id) (await this.keysOf(create.item.containerId)).set(create.item.key, id);
      else if (!answer.ok && answer.error.errorClass === 'retry') this.keyed.delete(create.item.containerId);
      results.set(create.item.key, id ? done(create.item.key, id, create.lost) : failed(create.item.key, answer));
    }
  }

  /** $batch, forgetting what is known of the lists involved when the whole call failed (it may have been done). */
  private async send(listIds: string[], requests: Parameters<typeof graphBatch>[1]): Promise<BatchAnswer[]> {
    try {
      return await graphBatch(this.ctx, requests);
    } catch (error) {
      for (const id of listIds) this.keyed.delete(id);
      throw error;
    }
  }

  private async createSteps(items: ImportItem<Task>[], results: Map<string, ImportResult>): Promise<void> {
    if (items.length === 0) return;
    const found = await this.findSteps(items);
    const toCreate: (Planned & { body: GraphChecklistItem })[] = [];
    for (const item of items) {
      const { body, lost } = toChecklistItem(item.data);
      const id = found.get(item.key);
      if (id) results.set(item.key, done(item.key, id, lost));
      else toCreate.push({ item, lost, body });
    }
    const answers = await graphBatch(
      this.ctx,
      toCreate.map((c, i) => ({ id: String(i), method: 'POST' as const, url: checklistUrl(c.item.containerId, c.item.parentId!), body: c.body })),
    );
    toCreate.forEach((create, i) => {
      const answer = answers[i]!;
      const id = answer.ok ? (answer.body as GraphChecklistItem | undefined)?.id : undefined;
      if (id) this.claimsOf(create.item.parentId!).set(id, create.item.key);
      results.set(create.item.key, id ? done(create.item.key, id, create.lost) : failed(create.item.key, answer));
    });
  }

  private claimsOf(parentId: string): Map<string, string> {
    let claims = this.claimedSteps.get(parentId);
    if (!claims) this.claimedSteps.set(parentId, (claims = new Map()));
    return claims;
  }

  /** The checklist items already standing for these subtasks, read fresh from each parent. */
  private async findSteps(items: ImportItem<Task>[]): Promise<Map<string, string>> {
    const parents = [...new Set(items.map((i) => `${i.containerId}\n${i.parentId}`))].map((p) => p.split('\n') as [string, string]);
    const answers = await graphBatch(this.ctx, parents.map(([listId, taskId], i) => ({ id: String(i), method: 'GET' as const, url: checklistUrl(listId, taskId) })));
    const found = new Map<string, string>();
    parents.forEach(([, taskId], i) => {
      const answer = answers[i]!;
      if (!answer.ok) {
        if (answer.error.errorClass !== 'skip') throw answer.error;
        return;
      }
      const steps = (answer.body as GraphCollection<GraphChecklistItem> | undefined)?.value ?? [];
      const claims = this.claimsOf(taskId);
      for (const item of items.filter((it) => it.parentId === taskId)) {
        const mine = [...claims].find(([, key]) => key === item.key)?.[0];
        const want = checklistContentKey(toChecklistItem(item.data).body);
        const id = mine ?? steps.find((s) => s.id && !claims.has(s.id) && checklistContentKey(s) === want)?.id;
        if (!id) continue;
        claims.set(id, item.key);
        found.set(item.key, id);
      }
    });
    return found;
  }

  lookup(items: ImportItem[]): Promise<Map<string, string>> {
    return this.findAll(items as ImportItem<Task>[]);
  }

  /** What exists now: the lists are read afresh, as anything may have been made since they were last read. */
  private async findAll(all: ImportItem<Task>[]): Promise<Map<string, string>> {
    const found = await this.findSteps(all.filter((i) => i.parentId));
    const tasks = all.filter((i) => !i.parentId);
    for (const listId of new Set(tasks.map((i) => i.containerId))) this.keyed.delete(listId);
    for (const item of tasks) {
      const id = (await this.keysOf(item.containerId)).get(item.key);
      if (id) found.set(item.key, id);
    }
    return found;
  }
}

const done = (key: string, destinationId: string, lost: LostField[]): ImportResult =>
  lost.length ? { key, ok: true, destinationId, lost } : { key, ok: true, destinationId };

const failed = (key: string, answer: BatchAnswer): ImportResult => ({
  key,
  ok: false,
  error: answer.ok ? new AdapterError('To Do accepted the task but did not say its id; Ferry will try again.', 'retry') : answer.error,
});

/** The whole batch failed when every item failed alike: a fatal error stops the job, all-retry backs off. */
function throwWhenAllFailed(results: ImportResult[]): void {
  const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
  const fatal = errors.find((e) => e.errorClass === 'fatal');
  if (fatal) throw fatal;
  if (errors.length > 0 && errors.length === results.length && errors.every((e) => e.errorClass === 'retry')) throw errors[0]!;
}
