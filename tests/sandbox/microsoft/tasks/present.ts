/** To Do resources as Graph answers them (https://learn.microsoft.com/graph/api/resources/todotask). */
import type { StoredChecklistItem, StoredLinkedResource, StoredTodoList, StoredTodoTask } from './store';

const etag = (id: string, at: string): string => `W/"${Buffer.from(`${id}${at}`).toString('base64').slice(-24)}"`;

export const presentList = (list: StoredTodoList): Record<string, unknown> => ({
  '@odata.etag': etag(list.id, list.displayName),
  displayName: list.displayName,
  isOwner: true,
  isShared: false,
  wellknownListName: list.wellknownListName,
  id: list.id,
});

export const presentChecklistItem = (item: StoredChecklistItem): Record<string, unknown> => ({
  displayName: item.displayName,
  createdDateTime: item.createdDateTime,
  checkedDateTime: item.checkedDateTime ?? null,
  isChecked: item.isChecked,
  id: item.id,
});

export const presentLinkedResource = (link: StoredLinkedResource): Record<string, unknown> => ({
  webUrl: link.webUrl ?? null,
  applicationName: link.applicationName,
  displayName: link.displayName,
  externalId: link.externalId ?? null,
  id: link.id,
});

export const presentTask = (task: StoredTodoTask): Record<string, unknown> => ({
  '@odata.etag': etag(task.id, task.lastModifiedDateTime),
  importance: task.importance,
  isReminderOn: task.isReminderOn,
  status: task.status,
  title: task.title,
  createdDateTime: task.createdDateTime,
  lastModifiedDateTime: task.lastModifiedDateTime,
  hasAttachments: false,
  categories: task.categories,
  id: task.id,
  body: task.body,
  bodyLastModifiedDateTime: task.bodyLastModifiedDateTime,
  ...(task.dueDateTime && { dueDateTime: { dateTime: task.dueDateTime, timeZone: 'UTC' } }),
  ...(task.completedDateTime && { completedDateTime: { dateTime: task.completedDateTime, timeZone: 'UTC' } }),
});
