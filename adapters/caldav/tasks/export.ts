/**
 * Exports every CalDAV calendar that takes tasks (VTODO) as a task list. A list is read whole (its order and
 * subtasks only mean something together) and handed out in pages, parents before their subtasks; the cursor
 * holds the lists and the position in the current one.
 */
import type { AdapterContext, Container, ExportPage, ExportedItem, Exporter } from '../../../model/adapter';
import type { Task } from '../../../model/task';
import { decodeCursor, encodeCursor } from '../../cursor';
import { DavCollectionExporter } from '../collection-export';
import { resourceKey } from '../collections';
import { fetchObjects, type DavCollection } from '../webdav/collections';
import { parentsFirst, tasksOfList, type TaskInList } from './map';

export const TASKS_PER_PAGE = 100;

interface Cursor {
  lists: string[];
  at: number;
  offset: number;
}

export class CalDavTasksExporter extends DavCollectionExporter implements Exporter {
  private readonly lists = new Map<string, Promise<TaskInList[]>>();

  constructor(ctx: AdapterContext, pageSize = TASKS_PER_PAGE) {
    super(ctx, 'caldav', 'tasks', 'VTODO', pageSize);
  }

  async exportPage(cursorText: string | undefined): Promise<ExportPage> {
    if (cursorText !== undefined) return this.page(decodeCursor<Cursor>(cursorText), []);
    const { collections, containers } = await this.containers();
    return this.page({ lists: collections.map((c) => c.url), at: 0, offset: 0 }, containers);
  }

  private tasksOf(list: DavCollection): Promise<TaskInList[]> {
    let tasks = this.lists.get(list.url);
    if (!tasks) {
      tasks = this.membersOf(list)
        .then((members) => fetchObjects(this.ctx, list, members, 'caldav', `reading the tasks of "${list.name}"`))
        .then((objects) => parentsFirst(tasksOfList(objects).tasks));
      tasks.catch(() => this.lists.delete(list.url));
      this.lists.set(list.url, tasks);
    }
    return tasks;
  }

  private async page(cursor: Cursor, containers: Container[]): Promise<ExportPage> {
    const known = await this.collections();
    const items: ExportedItem<Task>[] = [];
    let { at, offset } = cursor;
    while (at < cursor.lists.length && items.length < this.pageSize) {
      const list = known.find((c) => c.url === cursor.lists[at]);
      const tasks = list ? await this.tasksOf(list) : [];
      const keyOf = new Map(tasks.map((t) => [t.task.uid, resourceKey('caldav', this.ctx.account, 'tasks', t.url)]));
      const chunk = tasks.slice(offset, offset + this.pageSize - items.length);
      for (const { task, url } of chunk) {
        const item: ExportedItem<Task> = {
          key: resourceKey('caldav', this.ctx.account, 'tasks', url),
          dataType: 'tasks',
          containerKey: this.containerKey(list!.url),
          title: task.title,
          data: task,
        };
        const parentKey = task.parent && keyOf.get(task.parent);
        if (parentKey) item.parentKey = parentKey;
        items.push(item);
      }
      offset += chunk.length;
      if (offset >= tasks.length) {
        at += 1;
        offset = 0;
      }
    }
    const page: ExportPage = { containers, items };
    if (at < cursor.lists.length) page.next = encodeCursor<Cursor>({ lists: cursor.lists, at, offset });
    return page;
  }
}
