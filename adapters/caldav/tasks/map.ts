/**
 * Task resources (one VTODO each, RFC 4791 §4.1) ↔ model tasks. The order among siblings and the parent
 * (RELATED-TO) only mean something across the whole list, so a list's VTODOs are read together through the
 * model's task-list codec, as one file.
 */
import ICAL from 'ical.js';
import type { Task } from '../../../model/task';
import { parseTaskFile, writeTaskFile } from '../../../model/task-ics';
import type { DavObject } from '../webdav/collections';

export interface TaskInList {
  task: Task;
  /** The resource it was read from. */
  url: string;
}

/** The tasks of a list, each with its resource; unreadable resources are left out with a problem named. */
export function tasksOfList(objects: readonly DavObject[]): { tasks: TaskInList[]; problems: string[] } {
  const problems: string[] = [];
  const root = new ICAL.Component(['vcalendar', [], []]);
  root.addPropertyWithValue('version', '2.0');
  const zones = new Set<string>();
  const urlOf = new Map<string, string>();
  for (const object of objects) {
    let resource: InstanceType<typeof ICAL.Component>;
    try {
      resource = new ICAL.Component(ICAL.parse(object.data) as unknown[]);
    } catch (error) {
      problems.push(`${object.url} is not readable iCalendar (${(error as Error).message})`);
      continue;
    }
    for (const zone of resource.getAllSubcomponents('vtimezone')) {
      const tzid = String(zone.getFirstPropertyValue('tzid'));
      if (!zones.has(tzid)) root.addSubcomponent(zone);
      zones.add(tzid);
    }
    for (const vtodo of resource.getAllSubcomponents('vtodo')) {
      const uid = vtodo.getFirstPropertyValue('uid');
      if (typeof uid === 'string' && !urlOf.has(uid)) urlOf.set(uid, object.url);
      root.addSubcomponent(vtodo);
    }
  }
  const parsed = parseTaskFile(root.toString());
  problems.push(...parsed.problems);
  return { tasks: parsed.tasks.flatMap((task) => (urlOf.has(task.uid) ? [{ task, url: urlOf.get(task.uid)! }] : [])), problems };
}

/** Parents before their subtasks, each level in list order: the order an importer needs them in. */
export function parentsFirst(tasks: readonly TaskInList[]): TaskInList[] {
  const byUid = new Map(tasks.map((t) => [t.task.uid, t]));
  const depth = (t: TaskInList, seen = new Set<string>()): number => {
    const parent = t.task.parent && byUid.get(t.task.parent);
    if (!parent || seen.has(t.task.uid)) return 0;
    seen.add(t.task.uid);
    return 1 + depth(parent, seen);
  };
  return tasks
    .map((t, index) => ({ t, index, depth: depth(t) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map(({ t }) => t);
}

/** The resource text of one task: a VCALENDAR holding its VTODO, order as X-APPLE-SORT-ORDER. */
export const taskResourceText = (task: Task): string => writeTaskFile({}, [task]);

/** The UIDs a task resource holds. */
export const taskUids = (text: string): string[] => parseTaskFile(text).tasks.map((t) => t.uid);
