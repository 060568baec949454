/**
 * The account's task lists and tasks as Google holds them. Order is kept as one array of ids per parent (the
 * top level is parent ''); `position` is derived from it when a task is shown, as a zero-padded string that
 * sorts like the order (Google's positions compare lexicographically among siblings).
 */
import { randomBytes } from 'node:crypto';

export interface StoredTask {
  id: string;
  title: string;
  notes?: string;
  /** RFC 3339, always midnight UTC: Google keeps the date only. */
  due?: string;
  status: 'needsAction' | 'completed';
  completed?: string;
  parent?: string;
  deleted?: boolean;
  /** Completed in Google's own apps and cleared: listed only with showHidden. */
  hidden?: boolean;
  updated: string;
  etag: string;
}

export interface StoredList {
  id: string;
  title: string;
  updated: string;
  etag: string;
  tasks: Map<string, StoredTask>;
  /** Sibling ids in order, per parent id ('' for the top level). */
  children: Map<string, string[]>;
}

export const DEFAULT_LIST_TITLE = 'My Tasks';

const newId = (): string => randomBytes(16).toString('base64url');

export class TasksAccount {
  readonly lists = new Map<string, StoredList>();
  defaultListId = '';
  private etagCounter = 0;

  constructor(private readonly now: () => number) {
    this.reset();
  }

  reset(): void {
    this.lists.clear();
    this.defaultListId = this.addList(DEFAULT_LIST_TITLE).id;
  }

  timestamp(): string {
    return new Date(this.now()).toISOString();
  }

  etag(): string {
    this.etagCounter += 1;
    return `"${Buffer.from(`${this.now()}-${this.etagCounter}`).toString('base64url')}"`;
  }

  addList(title: string): StoredList {
    const list: StoredList = { id: newId(), title, updated: this.timestamp(), etag: this.etag(), tasks: new Map(), children: new Map() };
    this.lists.set(list.id, list);
    return list;
  }

  /** A list by id, `@default` naming the default list. */
  find(listId: string): StoredList | undefined {
    return this.lists.get(listId === '@default' ? this.defaultListId : listId);
  }

  /** Adds a task under `parent` (top level when absent) right after `previous` (first when absent). */
  addTask(list: StoredList, task: Omit<StoredTask, 'id' | 'updated' | 'etag'>, previous?: string): StoredTask {
    const stored: StoredTask = { ...task, id: newId(), updated: this.timestamp(), etag: this.etag() };
    list.tasks.set(stored.id, stored);
    const siblings = list.children.get(stored.parent ?? '') ?? [];
    siblings.splice(previous === undefined ? 0 : siblings.indexOf(previous) + 1, 0, stored.id);
    list.children.set(stored.parent ?? '', siblings);
    list.updated = stored.updated;
    return stored;
  }

  /** The task's place among its siblings as Google shows it. */
  position(list: StoredList, task: StoredTask): string {
    return String((list.children.get(task.parent ?? '') ?? []).indexOf(task.id)).padStart(20, '0');
  }

  /** Siblings in order (the top level when `parent` is absent). */
  siblings(list: StoredList, parent?: string): StoredTask[] {
    return (list.children.get(parent ?? '') ?? []).map((id) => list.tasks.get(id)!);
  }
}
