/**
 * The tasks conformance suite: every adapter that declares tasks support runs it against its sandbox, like
 * calendar.suite.ts. An adapter's test file is a few lines: a TaskConformanceTarget and `runTaskConformance(target)`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AdapterError, type AdapterContext, type Container, type ExportedItem, type ImportItem, type ImportResult, type ProviderDescriptor } from '../../model/adapter';
import type { Task } from '../../model/task';
import { CANONICAL_TASK_LISTS, COMPARED_FIELDS, pagingTaskList, type ComparedField, type SeedTaskList } from './tasks-fixtures';

export type { SeedTaskList } from './tasks-fixtures';

export interface TaskConformanceAccount {
  ctx: AdapterContext;
  /** Replaces the account's content with these lists (the one with isDefault fills the provider's default list). */
  seed(lists: readonly SeedTaskList[]): Promise<void>;
  /** Empties the account: only the provider's own lists are left, empty. */
  reset(): Promise<void>;
  /** Makes the provider's next tasks request answer 429 with `Retry-After: <seconds>`. */
  throttleNext(seconds: number): Promise<void>;
  close(): Promise<void>;
}

export interface TaskConformanceTarget {
  name: string;
  provider: ProviderDescriptor;
  /** Tasks per page the exporter asks for; the pagination case seeds three pages and one more task. */
  pageSize: number;
  open(): Promise<TaskConformanceAccount>;
  /** Fields a subtask cannot keep at this provider, with why (not compared on subtasks). */
  subtaskLosses?: Partial<Record<ComparedField, string>>;
}

const SUITE = 'conformance:suite:tasks';
const suiteKey = (task: Task) => `${SUITE}:${task.uid}`;
const suiteContainer = (list: SeedTaskList): Container => ({ key: `${SUITE}:container:${list.name}`, dataType: 'tasks', name: list.name, isDefault: list.isDefault });

function support(target: TaskConformanceTarget) {
  const s = target.provider.dataTypes.tasks;
  if (!s) throw new Error(`${target.name} declares no tasks support`);
  return s;
}

async function exportAll(target: TaskConformanceTarget, ctx: AdapterContext) {
  const exporter = support(target).export!.create(ctx);
  const out = { containers: [] as Container[], items: [] as ExportedItem<Task>[], pages: 0 };
  let cursor: string | undefined;
  do {
    const page = await exporter.exportPage(cursor);
    out.pages += 1;
    out.containers.push(...page.containers);
    out.items.push(...(page.items as ExportedItem<Task>[]));
    cursor = page.next;
  } while (cursor !== undefined && out.pages < 10_000);
  return out;
}

/** Imports as the engine would: containers first, a subtask once its parent is done, in batches. */
async function importAll(target: TaskConformanceTarget, ctx: AdapterContext, lists: readonly SeedTaskList[]) {
  const s = support(target).import!;
  const importer = s.create(ctx);
  const destinationIds = new Map<string, string>();
  const items: ImportItem<Task>[] = [];
  const results: ImportResult[] = [];
  const pending: { task: Task; containerId: string }[] = [];
  for (const list of lists) {
    const containerId = await importer.ensureContainer(suiteContainer(list));
    for (const task of list.tasks) pending.push({ task, containerId });
  }
  const byUid = new Map(pending.map((p) => [p.task.uid, p.task]));
  while (pending.length) {
    const ready = pending.filter((p) => !p.task.parent || destinationIds.has(suiteKey(byUid.get(p.task.parent)!)));
    if (ready.length === 0) throw new Error('a subtask names a parent that never arrived');
    for (const p of ready) pending.splice(pending.indexOf(p), 1);
    // Reverse order on purpose: the engine does not promise source order, the adapter must restore it.
    const batchItems = ready.reverse().map(({ task, containerId }): ImportItem<Task> => {
      const parentId = task.parent ? destinationIds.get(suiteKey(byUid.get(task.parent)!)) : undefined;
      return { key: suiteKey(task), dataType: 'tasks', title: task.title, data: task, containerId, ...(parentId && { parentId }) };
    });
    for (let i = 0; i < batchItems.length; i += s.batchSize) {
      const batch = batchItems.slice(i, i + s.batchSize);
      const answers = await importer.importBatch(batch);
      expect(answers.map((r) => r.key).sort(), 'one result per item').toEqual(batch.map((b) => b.key).sort());
      for (const r of answers) {
        if (!r.ok) throw new Error(`${target.name} refused ${r.key}: ${r.error.message}`);
        destinationIds.set(r.key, r.destinationId);
      }
      results.push(...answers);
      items.push(...batch);
    }
  }
  return { destinationIds, items, results };
}

/** A task as the suite compares it: its parent named by title, so providers' own ids do not matter. */
function comparable(task: Task, titleOf: (uid: string) => string | undefined): Record<ComparedField, unknown> {
  return {
    title: task.title,
    notes: task.notes,
    due: task.due,
    status: task.status,
    completed: task.completed,
    parent: task.parent ? titleOf(task.parent) : undefined,
    order: task.order,
  };
}

function expectSameTasks(target: TaskConformanceTarget, want: readonly SeedTaskList[], got: ExportedItem<Task>[], containers: Container[], fields: readonly ComparedField[]) {
  for (const list of want) {
    const container = containers.find((c) => (list.isDefault ? c.isDefault : c.name === list.name));
    expect(container, `list ${list.name} exported`).toBeDefined();
    const mine = got.filter((i) => i.containerKey === container!.key).map((i) => i.data);
    expect(mine.map((t) => t.title).sort(), `tasks of ${list.name}`).toEqual(list.tasks.map((t) => t.title).sort());
    const wantTitle = new Map(list.tasks.map((t) => [t.uid, t.title]));
    const gotTitle = new Map(mine.map((t) => [t.uid, t.title]));
    for (const task of list.tasks) {
      const found = mine.filter((t) => t.title === task.title);
      expect(found, `${task.title} arrived once`).toHaveLength(1);
      const a = comparable(task, (uid) => wantTitle.get(uid));
      const b = comparable(found[0]!, (uid) => gotTitle.get(uid));
      for (const field of fields) {
        if (task.parent && target.subtaskLosses?.[field]) continue;
        expect(b[field], `${target.name}: ${task.title} → ${field}`).toEqual(a[field]);
      }
    }
  }
}

export function runTaskConformance(target: TaskConformanceTarget): void {
  describe(`tasks conformance: ${target.name}`, () => {
    let account: TaskConformanceAccount;
    const declared = () => COMPARED_FIELDS.filter((f) => (support(target).import!.fields as readonly string[]).includes(f));

    beforeAll(async () => {
      account = await target.open();
    });
    afterAll(async () => {
      await account?.close();
    });
    beforeEach(async () => {
      await account.reset();
    });

    it('export: keys and containers are well formed', async () => {
      await account.seed(CANONICAL_TASK_LISTS);
      const { containers, items } = await exportAll(target, account.ctx);
      const prefix = `${target.provider.id}:${account.ctx.account}:tasks:`;
      for (const c of containers) expect(c.key.startsWith(`${prefix}container:`), c.key).toBe(true);
      expect(containers.filter((c) => c.isDefault), 'exactly one default list').toHaveLength(1);
      const keys = new Set(items.map((i) => i.key));
      expect(keys.size, 'no key twice').toBe(items.length);
      const emitted = new Set<string>();
      for (const item of items) {
        expect(item.key.startsWith(prefix) && !item.key.startsWith(`${prefix}container:`), item.key).toBe(true);
        expect(item.title).toBe(item.data.title);
        expect(containers.some((c) => c.key === item.containerKey), `container of ${item.title}`).toBe(true);
        if (item.data.parent) expect(emitted.has(item.parentKey ?? ''), `parent of ${item.title} emitted before it`).toBe(true);
        emitted.add(item.key);
      }
    });

    it('export: every seeded task arrives with every field', async () => {
      await account.seed(CANONICAL_TASK_LISTS);
      const { containers, items } = await exportAll(target, account.ctx);
      expect(items).toHaveLength(CANONICAL_TASK_LISTS.reduce((n, l) => n + l.tasks.length, 0));
      expectSameTasks(target, CANONICAL_TASK_LISTS, items, containers, COMPARED_FIELDS);
    });

    it('export: pagination returns every task exactly once', async () => {
      const list = pagingTaskList(target.pageSize * 3 + 1);
      await account.seed([list]);
      const { items } = await exportAll(target, account.ctx);
      const paged = items.filter((i) => i.data.title.startsWith('Paging task'));
      expect(new Set(paged.map((i) => i.key)).size).toBe(list.tasks.length);
      expect(paged.map((i) => i.data.order).sort((a, b) => a - b)).toEqual(list.tasks.map((t) => t.order));
    });

    it('containers: ensureContainer is idempotent and the default maps to the default', async () => {
      const importer = support(target).import!.create(account.ctx);
      const [defaultList, work] = [CANONICAL_TASK_LISTS[0]!, CANONICAL_TASK_LISTS[1]!];
      const workId = await importer.ensureContainer(suiteContainer(work));
      expect(await support(target).import!.create(account.ctx).ensureContainer(suiteContainer(work))).toBe(workId);
      const defaultId = await importer.ensureContainer(suiteContainer(defaultList));
      expect(defaultId).not.toBe(workId);
      const { containers } = await exportAll(target, account.ctx);
      expect(containers.filter((c) => c.name === work.name)).toHaveLength(1);
      expect(containers.find((c) => c.isDefault)!.key.endsWith(defaultId)).toBe(true);
    });

    it('import: lookup finds nothing that was never imported', async () => {
      const importer = support(target).import!.create(account.ctx);
      const containerId = await importer.ensureContainer(suiteContainer(CANONICAL_TASK_LISTS[1]!));
      const items = CANONICAL_TASK_LISTS[1]!.tasks.map((task): ImportItem<Task> => ({ key: suiteKey(task), dataType: 'tasks', title: task.title, data: task, containerId }));
      expect((await importer.lookup(items)).size).toBe(0);
    });

    it('import: everything imported comes back field by field, losses reported per item', async () => {
      const { results, items } = await importAll(target, account.ctx, CANONICAL_TASK_LISTS);
      const { containers, items: exported } = await exportAll(target, account.ctx);
      expectSameTasks(target, CANONICAL_TASK_LISTS, exported, containers, declared());
      for (const [field, reason] of Object.entries(target.subtaskLosses ?? {})) {
        for (const item of items.filter((i) => i.data.parent && i.data[field as ComparedField] !== undefined)) {
          const result = results.find((r) => r.key === item.key)!;
          expect(result.ok && result.lost?.some((l) => l.field === field), `${item.title}: ${field} reported lost (${reason})`).toBe(true);
        }
      }
    });

    it('import: re-importing creates nothing new', async () => {
      const first = await importAll(target, account.ctx, CANONICAL_TASK_LISTS);
      const before = await exportAll(target, account.ctx);
      const second = await importAll(target, account.ctx, CANONICAL_TASK_LISTS);
      expect(Object.fromEntries(second.destinationIds)).toEqual(Object.fromEntries(first.destinationIds));
      const after = await exportAll(target, account.ctx);
      expect(after.items.length).toBe(before.items.length);
      expect(after.containers.length).toBe(before.containers.length);
      const found = await support(target).import!.create(account.ctx).lookup(first.items);
      expect(Object.fromEntries(found)).toEqual(Object.fromEntries(first.destinationIds));
    });

    it('throttling: a 429 comes back as a retry carrying its Retry-After', async () => {
      await account.seed(CANONICAL_TASK_LISTS);
      await account.throttleNext(7);
      const error = await exportAll(target, account.ctx).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(AdapterError);
      expect((error as AdapterError).errorClass).toBe('retry');
      expect((error as AdapterError).details.retryAfterMs).toBe(7000);
      const importer = support(target).import!.create(account.ctx);
      const containerId = await importer.ensureContainer(suiteContainer(CANONICAL_TASK_LISTS[1]!));
      await account.throttleNext(3);
      const task = CANONICAL_TASK_LISTS[1]!.tasks[0]!;
      const outcome = await importer.importBatch([{ key: suiteKey(task), dataType: 'tasks', title: task.title, data: task, containerId }]).then(
        (r) => (r[0]!.ok ? undefined : r[0]!.error),
        (e: unknown) => e as AdapterError,
      );
      expect(outcome?.errorClass).toBe('retry');
      expect(outcome?.details.retryAfterMs).toBe(3000);
      const again = await importer.importBatch([{ key: suiteKey(task), dataType: 'tasks', title: task.title, data: task, containerId }]);
      expect(again[0]!.ok).toBe(true);
    });
  });
}
