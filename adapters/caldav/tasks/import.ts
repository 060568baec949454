/**
 * Imports tasks into CalDAV calendars that take VTODO: one resource per task, named after its UID, with its
 * place among its siblings (X-APPLE-SORT-ORDER) and its parent (RELATED-TO, the parent's UID, which Ferry
 * keeps) written in it, so the engine may hand tasks over in any order.
 */
import type { AdapterContext, Container, ImportItem, ImportResult, Importer } from '../../../model/adapter';
import type { Task } from '../../../model/task';
import { ensureCollection } from '../collections';
import { accountOf } from '../webdav/discovery';
import { createResource, findResource, settle, type ResourceKind } from '../webdav/resources';
import { taskResourceText, taskUids } from './map';

export const TASK_RESOURCE: ResourceKind = {
  kind: 'caldav',
  component: 'VTODO',
  extension: 'ics',
  contentType: 'text/calendar; charset=utf-8',
  uidsOf: taskUids,
  noun: 'task',
};

/** A task without a UID takes its source key, which is as stable. */
const uidOf = (item: ImportItem<Task>): string => item.data.uid || item.key;

export class CalDavTasksImporter implements Importer {
  readonly dataType = 'tasks' as const;

  constructor(private readonly ctx: AdapterContext) {}

  async ensureContainer(container: Container): Promise<string> {
    const account = await accountOf(this.ctx, 'caldav');
    return ensureCollection(this.ctx, account, 'caldav', container, 'VTODO');
  }

  importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    return settle(items as ImportItem<Task>[], async (item) => {
      const task = { ...item.data, uid: uidOf(item) };
      const written = await createResource(this.ctx, item.containerId, task.uid, taskResourceText(task), TASK_RESOURCE);
      return { destinationId: written.url };
    });
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const item of items as ImportItem<Task>[]) {
      const resource = await findResource(this.ctx, item.containerId, uidOf(item), TASK_RESOURCE);
      if (resource) found.set(item.key, resource.url);
    }
    return found;
  }
}
