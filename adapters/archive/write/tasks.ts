/** `tasks/<list>.ics`: one VTODO file per list, the default list `default.ics` (model/task-ics.ts). */
import type { Task } from '../../../model/task';
import { writeTaskFile } from '../../../model/task-ics';
import type { LayoutContext } from './layout-context';
import { NameTaker, safeSegment } from './names';
import { stagedGroups } from './staged-groups';

const DEFAULT_LIST = 'default';

export async function writeTaskLists(ctx: LayoutContext): Promise<number> {
  const groups = await stagedGroups<Task>(ctx.scratch, 'tasks', 'Tasks');
  const names = new NameTaker([DEFAULT_LIST]);
  let defaultGiven = false;
  let count = 0;
  for (const { container, items } of groups) {
    const isDefault: boolean = container.isDefault === true && !defaultGiven;
    defaultGiven ||= isDefault;
    const name = isDefault ? names.claim(DEFAULT_LIST) : names.take(safeSegment(container.name, 'tasks'));
    const text = writeTaskFile({ name: container.name }, items.map(({ item }) => item.data), { now: ctx.madeAt });
    await ctx.zip.add(`tasks/${name}.ics`, text, { compress: true, modified: ctx.madeAt });
    count += items.length;
  }
  return count;
}
