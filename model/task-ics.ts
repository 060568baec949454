/**
 * A task list as an iCalendar file (RFC 5545) of VTODOs, with ical.js doing all parsing and writing.
 * - The list's name is X-WR-CALNAME; one file holds one list.
 * - DUE is a date (VALUE=DATE): both services keep only the day. A DUE with a time keeps its day.
 * - STATUS NEEDS-ACTION or COMPLETED, COMPLETED the UTC moment it was done.
 * - A subtask names its parent with RELATED-TO (RELTYPE=PARENT, the default).
 * - Order among siblings is X-APPLE-SORT-ORDER (an integer, lower first), which Apple Reminders and
 *   several CalDAV clients write; without it, the order the VTODOs appear in the file.
 * What a file holds that the model cannot keep is named in `problems`, never dropped silently.
 */
import ICAL from 'ical.js';
import { formatDate, formatDateTime, type IcalComponent, type IcalTime } from './ics-vocabulary';
import type { Task, TaskStatus } from './task';

const PRODID = '-//Ferry//Ferry tasks//EN';
export const SORT_ORDER_PROPERTY = 'x-apple-sort-order';

export interface TaskListInfo {
  name?: string;
}

export interface ParsedTaskFile {
  list: TaskListInfo;
  tasks: Task[];
  /** Human-readable notes on what could not be read or kept, one per finding. */
  problems: string[];
}

function declareTaskProperties(): void {
  const properties = ICAL.design.icalendar.property as Record<string, { defaultType: string }>;
  properties['x-wr-calname'] ??= { defaultType: 'text' };
  properties[SORT_ORDER_PROPERTY] ??= { defaultType: 'integer' };
}

const STATUS_WORDS: Record<string, TaskStatus> = { 'NEEDS-ACTION': 'needs-action', 'IN-PROCESS': 'needs-action', COMPLETED: 'completed' };

export function parseTaskFile(text: string): ParsedTaskFile {
  declareTaskProperties();
  const problems: string[] = [];
  const root = readRoot(text, problems);
  if (!root) return { list: {}, tasks: [], problems };
  const name = textOf(root, 'x-wr-calname') ?? textOf(root, 'name');
  const read = root.getAllSubcomponents('vtodo').flatMap((vtodo, index) => {
    const task = readSafely(vtodo, index, problems);
    return task ? [task] : [];
  });
  const others = root.getAllSubcomponents().filter((c) => c.name !== 'vtodo' && c.name !== 'vtimezone');
  if (others.length) problems.push(`${others.length} component(s) other than VTODO ignored (${[...new Set(others.map((c) => c.name.toUpperCase()))].join(', ')})`);
  return { list: name ? { name } : {}, tasks: withOrder(read, problems), problems };
}

function readRoot(text: string, problems: string[]): IcalComponent | undefined {
  const clean = text.replace(/^\uFEFF/, '');
  if (clean.trim() === '') {
    problems.push('the file is empty');
    return undefined;
  }
  try {
    const root = new ICAL.Component(ICAL.parse(clean) as unknown[]);
    if (root.name === 'vcalendar') return root;
    problems.push(`the file holds a ${root.name.toUpperCase()}, not a VCALENDAR`);
  } catch (error) {
    problems.push(`not a readable iCalendar file: ${(error as Error).message}`);
  }
  return undefined;
}

interface ReadTask {
  task: Task;
  sortOrder?: number;
  index: number;
}

function readSafely(vtodo: IcalComponent, index: number, problems: string[]): ReadTask | undefined {
  const uid = textOf(vtodo, 'uid');
  const title = textOf(vtodo, 'summary') ?? '';
  const label = `task "${title}" (${uid ?? 'no UID'})`;
  if (!uid) {
    problems.push(`${label} skipped: it has no UID`);
    return undefined;
  }
  try {
    return readTask(vtodo, uid, title, index, (note) => problems.push(`${label}: ${note}`));
  } catch (error) {
    problems.push(`${label} skipped: ${(error as Error).message}`);
    return undefined;
  }
}

function readTask(vtodo: IcalComponent, uid: string, title: string, index: number, problem: (note: string) => void): ReadTask {
  const statusWord = textOf(vtodo, 'status')?.toUpperCase();
  const status = statusWord ? STATUS_WORDS[statusWord] : undefined;
  if (statusWord && !status) problem(`STATUS ${statusWord} is read as not completed`);
  const completed = timeOf(vtodo, 'completed');
  const task: Task = { uid, title, status: status ?? (completed ? 'completed' : 'needs-action'), order: 0 };
  const notes = textOf(vtodo, 'description');
  if (notes) task.notes = notes;
  const due = vtodo.getFirstPropertyValue('due') as IcalTime | null;
  if (due) {
    if (!due.isDate) problem(`DUE ${formatDateTime(due)} keeps only its date`);
    task.due = formatDate(due);
  }
  if (completed && task.status === 'completed') task.completed = completed;
  const parent = parentOf(vtodo, problem);
  if (parent) task.parent = parent;
  const created = timeOf(vtodo, 'created');
  const updated = timeOf(vtodo, 'last-modified');
  if (created) task.created = created;
  if (updated) task.updated = updated;
  const sortOrder = vtodo.getFirstPropertyValue(SORT_ORDER_PROPERTY);
  return typeof sortOrder === 'number' ? { task, sortOrder, index } : { task, index };
}

function parentOf(vtodo: IcalComponent, problem: (note: string) => void): string | undefined {
  const parents = vtodo.getAllProperties('related-to').filter((p) => String(p.getParameter('reltype') ?? 'PARENT').toUpperCase() === 'PARENT');
  if (parents.length > 1) problem('it names more than one parent; the first is kept');
  const value = parents[0]?.getFirstValue();
  return typeof value === 'string' && value ? value : undefined;
}

/** Orders siblings by X-APPLE-SORT-ORDER (file position breaks ties and stands in when absent), numbered from 0. */
function withOrder(read: ReadTask[], problems: string[]): Task[] {
  const uids = new Set(read.map((r) => r.task.uid));
  for (const r of read) {
    if (r.task.parent && !uids.has(r.task.parent)) {
      problems.push(`task "${r.task.title}" (${r.task.uid}): its parent ${r.task.parent} is not in the file, so it is kept as a top-level task`);
      delete r.task.parent;
    }
  }
  const siblings = new Map<string, ReadTask[]>();
  for (const r of read) siblings.set(r.task.parent ?? '', [...(siblings.get(r.task.parent ?? '') ?? []), r]);
  for (const group of siblings.values()) {
    group
      .sort((a, b) => (a.sortOrder ?? Number.MAX_SAFE_INTEGER) - (b.sortOrder ?? Number.MAX_SAFE_INTEGER) || a.index - b.index)
      .forEach((r, order) => (r.task.order = order));
  }
  return read.sort((a, b) => a.index - b.index).map((r) => r.task);
}

const textOf = (c: IcalComponent, name: string): string | undefined => {
  const value = c.getFirstPropertyValue(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** A DATE-TIME property as RFC 3339 UTC (a floating time is read as UTC). */
function timeOf(c: IcalComponent, name: string): string | undefined {
  const value = c.getFirstPropertyValue(name) as IcalTime | null;
  if (!value || typeof value !== 'object') return undefined;
  const utc = value.zone && value.zone !== ICAL.Timezone.localTimezone ? value.convertToZone(ICAL.Timezone.utcTimezone) : value;
  return `${formatDateTime(utc)}Z`;
}

/** `now` stamps tasks that carry neither `updated` nor `created` (DTSTAMP is required); default: the current time. */
export function writeTaskFile(list: TaskListInfo, tasks: readonly Task[], opts: { now?: Date } = {}): string {
  declareTaskProperties();
  const now = (opts.now ?? new Date()).toISOString();
  const root = new ICAL.Component(['vcalendar', [], []]);
  root.addPropertyWithValue('prodid', PRODID);
  root.addPropertyWithValue('version', '2.0');
  if (list.name) root.addPropertyWithValue('x-wr-calname', list.name);
  for (const task of tasks) root.addSubcomponent(vtodo(task, now));
  return `${root.toString()}\r\n`;
}

function vtodo(task: Task, now: string): IcalComponent {
  const c = new ICAL.Component('vtodo');
  c.addPropertyWithValue('uid', task.uid);
  c.addPropertyWithValue('dtstamp', utcTime(task.updated ?? task.created ?? now));
  c.addPropertyWithValue('summary', task.title);
  if (task.notes) c.addPropertyWithValue('description', task.notes);
  if (task.due) c.addPropertyWithValue('due', ICAL.Time.fromDateString(task.due));
  c.addPropertyWithValue('status', task.status === 'completed' ? 'COMPLETED' : 'NEEDS-ACTION');
  if (task.completed) c.addPropertyWithValue('completed', utcTime(task.completed));
  if (task.parent) c.addPropertyWithValue('related-to', task.parent).setParameter('reltype', 'PARENT');
  c.addPropertyWithValue(SORT_ORDER_PROPERTY, task.order);
  if (task.created) c.addPropertyWithValue('created', utcTime(task.created));
  if (task.updated) c.addPropertyWithValue('last-modified', utcTime(task.updated));
  return c;
}

const utcTime = (rfc3339: string): IcalTime => {
  const time = ICAL.Time.fromDateTimeString(new Date(rfc3339).toISOString().slice(0, 19));
  time.zone = ICAL.Timezone.utcTimezone;
  return time;
};
