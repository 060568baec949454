/**
 * The Tasks API v1 resources the sandbox reads in request bodies: property names and JSON types of Task and
 * TaskList in Google's discovery document (tasks-v1.json), which properties are output only, and the
 * documented value rules. `tasks-schema.test.ts` checks this against the document itself when it is available.
 */
export type JsonType = 'string' | 'boolean' | 'object' | 'array';

export interface PropertySpec {
  type: JsonType;
  /** "Output only" / "read-only" in the document: accepted in a body and ignored, as Google does. */
  readOnly?: boolean;
}

export const TASK_SCHEMA: Readonly<Record<string, PropertySpec>> = {
  assignmentInfo: { type: 'object', readOnly: true },
  completed: { type: 'string' },
  deleted: { type: 'boolean' },
  due: { type: 'string' },
  etag: { type: 'string' },
  hidden: { type: 'boolean', readOnly: true },
  id: { type: 'string' },
  kind: { type: 'string', readOnly: true },
  links: { type: 'array', readOnly: true },
  notes: { type: 'string' },
  parent: { type: 'string', readOnly: true },
  position: { type: 'string', readOnly: true },
  selfLink: { type: 'string', readOnly: true },
  status: { type: 'string' },
  title: { type: 'string' },
  updated: { type: 'string', readOnly: true },
  webViewLink: { type: 'string', readOnly: true },
};

export const TASK_LIST_SCHEMA: Readonly<Record<string, PropertySpec>> = {
  etag: { type: 'string' },
  id: { type: 'string' },
  kind: { type: 'string', readOnly: true },
  selfLink: { type: 'string', readOnly: true },
  title: { type: 'string' },
  updated: { type: 'string', readOnly: true },
};

/** Task.status: "This is either "needsAction" or "completed"." */
export const TASK_STATUSES = ['needsAction', 'completed'] as const;
/** "Maximum length allowed: 1024 characters" (Task.title, TaskList.title), "8192 characters" (Task.notes). */
export const MAX_TITLE = 1024;
export const MAX_NOTES = 8192;
/** tasks.list maxResults "max allowed: 100", tasklists.list "max allowed: 1000"; defaults 20 and 1000. */
export const TASKS_MAX_RESULTS = 100;
export const TASKS_DEFAULT_RESULTS = 20;
export const LISTS_MAX_RESULTS = 1000;

export const TASKS_SCOPE = 'https://www.googleapis.com/auth/tasks';
export const TASKS_READONLY_SCOPE = 'https://www.googleapis.com/auth/tasks.readonly';
