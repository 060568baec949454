/** Create bodies of To Do resources turned into stored ones, with Graph's refusals for what it refuses. */
import { GraphError } from '../graph/errors';
import { ianaZone, parseWall, utcMsToWall, wallToUtcMs } from '../calendar/time';
import type { StoredChecklistItem, StoredLinkedResource, StoredTodoTask, TodoStore } from './store';
import { newTodoId } from './store';
import { validateTodo } from './validate';

const invalid = (message: string) => new GraphError(400, 'invalidRequest', message);

/** A dateTimeTimeZone as the UTC wall time Graph stores (`YYYY-MM-DDTHH:mm:ss.0000000`). */
function utcWall(value: unknown, name: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const { dateTime, timeZone } = value as { dateTime: string; timeZone?: string };
  const wall = parseWall(dateTime.replace(/\.\d{1,7}$/, ''));
  if (!wall) throw invalid(`Invalid ${name}: '${dateTime}' is not a date and time.`);
  const zone = ianaZone(timeZone);
  if (!zone) throw new GraphError(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${timeZone}'.`);
  return `${utcMsToWall(wallToUtcMs(wall, zone), 'UTC')}.0000000`;
}

const graphInstant = (text: string): string => new Date(Date.parse(text)).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');

export function linkedResourceFrom(body: unknown): StoredLinkedResource {
  const input = validateTodo(body, 'graph.linkedResource', 'linkedResource', { create: true });
  return {
    id: newTodoId(),
    applicationName: input.applicationName as string,
    displayName: input.displayName as string,
    ...(typeof input.externalId === 'string' && { externalId: input.externalId }),
    ...(typeof input.webUrl === 'string' && { webUrl: input.webUrl }),
  };
}

export function checklistItemFrom(body: unknown, store: TodoStore): StoredChecklistItem {
  const input = validateTodo(body, 'graph.checklistItem', 'checklistItem', { create: true });
  const isChecked = input.isChecked === true;
  const item: StoredChecklistItem = { id: newTodoId(), displayName: input.displayName as string, isChecked, createdDateTime: store.timestamp() };
  if (isChecked) item.checkedDateTime = typeof input.checkedDateTime === 'string' ? graphInstant(input.checkedDateTime) : store.timestamp();
  return item;
}

export function taskFrom(body: unknown, store: TodoStore): StoredTodoTask {
  const input = validateTodo(body, 'graph.todoTask', 'todoTask', { create: true });
  const now = store.timestamp();
  const status = (input.status as string | undefined) ?? 'notStarted';
  const content = input.body as { content?: string; contentType?: 'text' | 'html' } | undefined;
  const task: StoredTodoTask = {
    id: newTodoId(),
    title: (input.title as string | undefined) ?? '',
    body: { content: content?.content ?? '', contentType: content?.contentType ?? 'text' },
    status,
    importance: (input.importance as string | undefined) ?? 'normal',
    isReminderOn: input.isReminderOn === true,
    categories: (input.categories as string[] | undefined) ?? [],
    createdDateTime: now,
    lastModifiedDateTime: now,
    bodyLastModifiedDateTime: now,
    checklistItems: ((input.checklistItems as unknown[] | undefined) ?? []).map((c) => checklistItemFrom(c, store)),
    linkedResources: ((input.linkedResources as unknown[] | undefined) ?? []).map(linkedResourceFrom),
  };
  const due = utcWall(input.dueDateTime, 'dueDateTime');
  if (due) task.dueDateTime = due;
  if (status === 'completed') task.completedDateTime = utcWall(input.completedDateTime, 'completedDateTime') ?? `${now.slice(0, 19)}.0000000`;
  return task;
}
