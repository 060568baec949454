/**
 * Tasks, on iCalendar VTODO (RFC 5545 §3.6.2): one model task is one VTODO, a subtask names its parent by
 * UID (RELATED-TO;RELTYPE=PARENT), and a task list is one file (see task-ics.ts).
 */
export type TaskStatus = 'needs-action' | 'completed';

export interface Task {
  /** The archive's identity for the task; a subtask's `parent` names it. */
  uid: string;
  title: string;
  notes?: string;
  /** Due date, YYYY-MM-DD: Google Tasks and To Do both keep only the date. */
  due?: string;
  status: TaskStatus;
  /** When it was completed, RFC 3339 UTC. */
  completed?: string;
  /** UID of the task this one is a subtask of. */
  parent?: string;
  /** Position among its siblings (same list, same parent), 0-based. */
  order: number;
  /** RFC 3339 UTC */
  created?: string;
  updated?: string;
}

/**
 * Field paths an importer can declare in `fields`, and which the engine checks on each item. `uid` is not
 * among them: it is the archive's identity, not something the person wrote, and neither service keeps one.
 */
export const TASK_FIELDS = ['title', 'notes', 'due', 'status', 'completed', 'parent', 'order', 'created', 'updated'] as const;
export type TaskField = (typeof TASK_FIELDS)[number];
