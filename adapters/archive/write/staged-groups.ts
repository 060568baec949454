/** The staged items of a data type grouped under their containers, each container named once in its folder. */
import type { DataType, ItemData, ScratchFiles } from '../../../model/adapter';
import { stagedContainers, stagedItems, type StagedContainer, type StagedItem } from '../scratch-layout';

export interface StagedGroup<T extends ItemData> {
  container: StagedContainer;
  /** In the order they arrived. */
  items: { folder: string; item: StagedItem<T> }[];
}

/** Containers in the order they arrived, empty ones included (an empty calendar still has a name and colour). */
export async function stagedGroups<T extends ItemData>(scratch: ScratchFiles, dataType: DataType, fallbackName: string): Promise<StagedGroup<T>[]> {
  const containers = await stagedContainers(scratch, dataType);
  const groups = new Map<string, StagedGroup<T>>(containers.map((container) => [container.id, { container, items: [] }]));
  for (const staged of await stagedItems<T>(scratch, dataType)) {
    let group = groups.get(staged.item.containerId);
    if (!group) {
      // An item whose container was never staged (a source that names none): it goes with the others like it.
      const container: StagedContainer = { key: '', id: staged.item.containerId, name: fallbackName, sequence: Number.MAX_SAFE_INTEGER };
      group = { container, items: [] };
      groups.set(container.id, group);
    }
    group.items.push(staged);
  }
  return [...groups.values()];
}
