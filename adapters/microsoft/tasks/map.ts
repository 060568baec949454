/**
 * To Do ↔ the model (field table in ../README.md). A model subtask is a checklist item of its parent task:
 * it keeps the person's hierarchy in To Do's own view, and its title, whether it is done and when; a checklist
 * item has no notes and no due date, and To Do gives no way to order tasks or checklist items, so those are
 * reported lost per item. A due date is written as midnight UTC of the day; To Do's other task states
 * (in progress, waiting, deferred) read as not completed.
 */
import type { LostField } from '../../../model/adapter';
import type { Task } from '../../../model/task';
import { instantOf } from '../../../model/wall-time';
import { descriptionOf } from '../calendar/map';
import { ianaZone } from '../calendar/time';
import type { GraphDateTimeTimeZone } from '../calendar/api-types';
import type { GraphChecklistItem, GraphLinkedResource, GraphTodoTask } from './api-types';

/** linkedResource.applicationName of the link that carries a task's source key. */
export const FERRY_APPLICATION = 'Ferry';

const NO_ORDER = 'To Do keeps no order that Graph can read or set; tasks were created in their source order';

const utcSeconds = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** A Graph dateTimeTimeZone as an RFC 3339 UTC moment (a zone Ferry cannot read counts as UTC). */
export function instantText(value: GraphDateTimeTimeZone): string {
  return utcSeconds(instantOf(value.dateTime, ianaZone(value.timeZone) ?? 'UTC'));
}

const stamp = (value: string | undefined): string | undefined => (value && !Number.isNaN(Date.parse(value)) ? utcSeconds(Date.parse(value)) : undefined);

function notesOf(body: GraphTodoTask['body']): string | undefined {
  if (!body?.content) return undefined;
  const text = body.contentType === 'html' ? descriptionOf({ content: body.content, contentType: 'html' }) : body.content.replace(/\r\n?/g, '\n');
  return text || undefined;
}

export function fromGraphTask(task: GraphTodoTask & { id: string }, order: number): Task {
  const data: Task = { uid: task.id, title: task.title ?? '', status: task.status === 'completed' ? 'completed' : 'needs-action', order };
  const notes = notesOf(task.body);
  if (notes) data.notes = notes;
  if (task.dueDateTime?.dateTime) data.due = task.dueDateTime.dateTime.slice(0, 10);
  if (data.status === 'completed' && task.completedDateTime?.dateTime) data.completed = instantText(task.completedDateTime);
  const created = stamp(task.createdDateTime);
  const updated = stamp(task.lastModifiedDateTime);
  if (created) data.created = created;
  if (updated) data.updated = updated;
  return data;
}

export function fromChecklistItem(item: GraphChecklistItem & { id: string }, parentUid: string, order: number): Task {
  const data: Task = { uid: item.id, title: item.displayName ?? '', status: item.isChecked ? 'completed' : 'needs-action', parent: parentUid, order };
  const completed = stamp(item.checkedDateTime ?? undefined);
  if (item.isChecked && completed) data.completed = completed;
  const created = stamp(item.createdDateTime);
  if (created) data.created = created;
  return data;
}

export const sourceLink = (key: string): GraphLinkedResource => ({ applicationName: FERRY_APPLICATION, displayName: 'Moved here by Ferry', externalId: key });

export const sourceKeyOf = (task: GraphTodoTask): string | undefined =>
  task.linkedResources?.find((link) => link.applicationName === FERRY_APPLICATION && link.externalId)?.externalId;

/** The body of a To Do task create; `lost` names what To Do cannot hold of this task. */
export function toGraphTask(task: Task): { body: GraphTodoTask; lost: LostField[] } {
  const body: GraphTodoTask = { title: task.title, status: task.status === 'completed' ? 'completed' : 'notStarted' };
  if (task.notes) body.body = { content: task.notes, contentType: 'text' };
  if (task.due) body.dueDateTime = { dateTime: `${task.due}T00:00:00.0000000`, timeZone: 'UTC' };
  if (task.status === 'completed' && task.completed) body.completedDateTime = { dateTime: `${new Date(task.completed).toISOString().slice(0, 19)}.0000000`, timeZone: 'UTC' };
  return { body, lost: [{ field: 'order', reason: NO_ORDER }] };
}

/** A model subtask as a checklist item of its parent; `lost` names what a checklist item cannot hold. */
export function toChecklistItem(task: Task): { body: GraphChecklistItem; lost: LostField[] } {
  const body: GraphChecklistItem = { displayName: task.title, isChecked: task.status === 'completed' };
  if (task.status === 'completed' && task.completed) body.checkedDateTime = new Date(task.completed).toISOString();
  const lost: LostField[] = [{ field: 'order', reason: NO_ORDER }];
  if (task.notes) lost.push({ field: 'notes', reason: 'a subtask becomes a checklist step of its parent in To Do, and steps have no notes' });
  if (task.due) lost.push({ field: 'due', reason: 'a subtask becomes a checklist step of its parent in To Do, and steps have no due date' });
  return { body, lost };
}

/** What tells a checklist item Ferry made from another: its title and whether it is checked. */
export const checklistContentKey = (item: GraphChecklistItem): string => JSON.stringify([item.displayName ?? '', Boolean(item.isChecked)]);
