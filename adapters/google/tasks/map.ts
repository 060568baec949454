/**
 * Google Tasks ↔ the model (field table in ../README.md). Google keeps a due date only, as midnight UTC of
 * the day (discovery document: "the time portion of the timestamp is discarded"), and caps titles at 1024
 * and notes at 8192 characters: longer ones are cut and the cut is reported.
 */
import type { LostField } from '../../../model/adapter';
import type { Task } from '../../../model/task';
import type { GoogleTask } from './api-types';

export const MAX_TITLE_LENGTH = 1024;
export const MAX_NOTES_LENGTH = 8192;

/** An RFC 3339 moment as the model writes it: UTC, whole seconds. */
export const utcSeconds = (rfc3339: string): string => `${new Date(rfc3339).toISOString().slice(0, 19)}Z`;

/** A Google task as a model task; `order` is its place among its siblings, which Google gives as `position`. */
export function fromGoogleTask(task: GoogleTask & { id: string }, order: number): Task {
  const data: Task = { uid: task.id, title: task.title ?? '', status: task.status === 'completed' ? 'completed' : 'needs-action', order };
  if (task.notes) data.notes = task.notes;
  if (task.due) data.due = task.due.slice(0, 10);
  if (task.completed && data.status === 'completed') data.completed = utcSeconds(task.completed);
  if (task.parent) data.parent = task.parent;
  if (task.updated) data.updated = utcSeconds(task.updated);
  return data;
}

/** The body of tasks.insert for a model task (parent and place travel as query parameters). */
export function toGoogleTask(task: Task): { body: GoogleTask; lost: LostField[] } {
  const lost: LostField[] = [];
  const body: GoogleTask = { title: cut(task.title, MAX_TITLE_LENGTH, 'title', lost), status: task.status === 'completed' ? 'completed' : 'needsAction' };
  if (task.notes) body.notes = cut(task.notes, MAX_NOTES_LENGTH, 'notes', lost);
  if (task.due) body.due = `${task.due}T00:00:00.000Z`;
  if (task.status === 'completed' && task.completed) body.completed = new Date(task.completed).toISOString();
  return { body, lost };
}

function cut(text: string, max: number, field: string, lost: LostField[]): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  lost.push({ field, reason: `Google keeps at most ${max} characters; the last ${chars.length - max} were cut` });
  return chars.slice(0, max).join('');
}

/** What identifies a task Ferry made in a list when Google keeps no key of Ferry's: what it says and where it sits. */
export const contentKey = (task: GoogleTask, parentId: string | undefined): string =>
  JSON.stringify([task.title ?? '', task.notes ?? '', task.due?.slice(0, 10) ?? '', task.status ?? 'needsAction', parentId ?? '']);
