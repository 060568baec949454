/**
 * What the importer knows of one destination list. Google Tasks keeps no property of Ferry's on a task, so a
 * task made before (by an earlier run, or by a request whose answer was lost) is recognised by what it says
 * and where it sits: title, notes, due date, status and parent (`contentKey`). Each Google task stands for
 * one source task at most, so two identical source tasks still get a task each. A task the person already
 * had that says exactly the same in the same place is taken as the one to keep, not copied again.
 *
 * It also remembers the source order of every task it placed, so a new task goes right after the nearest
 * earlier sibling already there (tasks.insert `previous`), whatever order the tasks arrive in.
 */
import type { GoogleTask } from './api-types';
import { contentKey } from './map';

interface Placed {
  id: string;
  order: number;
}

export class DestinationList {
  private readonly byContent = new Map<string, string[]>();
  /** Google task id → the source key it stands for, and back. */
  private readonly claimedBy = new Map<string, string>();
  private readonly idOf = new Map<string, string>();
  private readonly placed = new Map<string, Placed[]>();

  constructor(tasks: readonly GoogleTask[]) {
    for (const task of tasks) if (task.id && !task.deleted) this.add(task, task.id, task.parent);
  }

  private add(task: GoogleTask, id: string, parentId: string | undefined): void {
    const key = contentKey(task, parentId);
    this.byContent.set(key, [...(this.byContent.get(key) ?? []), id]);
  }

  /** The id of the task made before for `sourceKey`: one it already stands for, or an unclaimed one saying the same. */
  find(sourceKey: string, body: GoogleTask, parentId: string | undefined): string | undefined {
    const mine = this.idOf.get(sourceKey);
    if (mine) return mine;
    const id = this.byContent.get(contentKey(body, parentId))?.find((candidate) => !this.claimedBy.has(candidate));
    if (id) this.claim(id, sourceKey);
    return id;
  }

  /** Records a task made now for `sourceKey`. */
  created(sourceKey: string, body: GoogleTask, id: string, parentId: string | undefined): void {
    this.add(body, id, parentId);
    this.claim(id, sourceKey);
  }

  private claim(id: string, sourceKey: string): void {
    this.claimedBy.set(id, sourceKey);
    this.idOf.set(sourceKey, id);
  }

  /** Records where a task sits in the source order among its siblings. */
  placedAt(id: string, parentId: string | undefined, order: number): void {
    const siblings = (this.placed.get(parentId ?? '') ?? []).filter((p) => p.id !== id);
    this.placed.set(parentId ?? '', [...siblings, { id, order }]);
  }

  /** The sibling a task of this order goes after: the placed one with the greatest lower order, if any. */
  previousFor(parentId: string | undefined, order: number): string | undefined {
    let best: Placed | undefined;
    for (const p of this.placed.get(parentId ?? '') ?? []) if (p.order < order && (!best || p.order > best.order)) best = p;
    return best?.id;
  }
}
