/**
 * Request bodies of tasks.insert and tasklists.insert, checked as Google's JSON front end checks them:
 * unknown properties and wrong JSON types are refused with 400, output-only properties are ignored, and
 * the documented value rules (status words, lengths, RFC 3339 times) are enforced.
 */
import { badRequest } from '../errors';
import { MAX_NOTES, MAX_TITLE, TASK_LIST_SCHEMA, TASK_SCHEMA, TASK_STATUSES, type PropertySpec } from './schema';
import type { StoredTask } from './store';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkShape(body: unknown, schema: Readonly<Record<string, PropertySpec>>): Record<string, unknown> {
  if (!isObject(body)) throw badRequest("Invalid JSON payload received. Expected an object at 'resource'.", 'parseError');
  for (const [key, value] of Object.entries(body)) {
    const spec = schema[key];
    if (!spec) throw badRequest(`Invalid JSON payload received. Unknown name "${key}" at 'resource': Cannot find field.`);
    if (value === null) continue;
    const ok = spec.type === 'array' ? Array.isArray(value) : spec.type === 'object' ? isObject(value) : typeof value === spec.type;
    if (!ok) throw badRequest(`Invalid value at 'resource.${key}' (TYPE_${spec.type.toUpperCase()}), ${JSON.stringify(value)}`);
  }
  return body;
}

const length = (text: string): number => [...text].length;

function rfc3339(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw badRequest(`Invalid value for ${field}: ${text}`);
  return new Date(ms).toISOString();
}

export type NewTask = Omit<StoredTask, 'id' | 'updated' | 'etag'>;

/** The task a tasks.insert body describes (parent comes from the query, not the body). */
export function readTaskBody(body: unknown, now: string): NewTask {
  const input = checkShape(body, TASK_SCHEMA);
  const title = (input.title as string | undefined) ?? '';
  if (length(title) > MAX_TITLE) throw badRequest(`Invalid value for title: longer than ${MAX_TITLE} characters`);
  const notes = input.notes as string | undefined;
  if (notes !== undefined && notes !== null && length(notes) > MAX_NOTES) throw badRequest(`Invalid value for notes: longer than ${MAX_NOTES} characters`);
  const status = (input.status as string | undefined) ?? 'needsAction';
  if (!(TASK_STATUSES as readonly string[]).includes(status)) throw badRequest(`Invalid value for status: ${status}`);
  const task: NewTask = { title, status: status as NewTask['status'] };
  if (notes) task.notes = notes;
  // "Only date information is recorded; the time portion of the timestamp is discarded."
  const due = rfc3339(input.due, 'due');
  if (due) task.due = `${due.slice(0, 10)}T00:00:00.000Z`;
  if (task.status === 'completed') task.completed = rfc3339(input.completed, 'completed') ?? now;
  if (input.deleted === true) task.deleted = true;
  return task;
}

export function readTaskListBody(body: unknown): { title: string } {
  const input = checkShape(body, TASK_LIST_SCHEMA);
  const title = input.title;
  if (typeof title !== 'string' || title.trim() === '') throw badRequest('Missing task list title.', 'required');
  if (length(title) > MAX_TITLE) throw badRequest(`Invalid value for title: longer than ${MAX_TITLE} characters`);
  return { title };
}
