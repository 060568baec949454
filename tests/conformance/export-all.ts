/** Every page of an export, as the engine would ask for them, collected: containers, items and the page count. */
import type { Container, ExportedItem, Exporter, ItemData } from '../../model/adapter';

export async function exportAll<T extends ItemData = ItemData>(
  exporter: Exporter,
  maxPages = 10_000,
): Promise<{ containers: Container[]; items: ExportedItem<T>[]; pages: number }> {
  const containers: Container[] = [];
  const items: ExportedItem<T>[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await exporter.exportPage(cursor);
    pages += 1;
    containers.push(...page.containers);
    items.push(...(page.items as ExportedItem<T>[]));
    cursor = page.next;
    if (pages > maxPages) throw new Error('The exporter never stopped paging');
  } while (cursor !== undefined);
  return { containers, items, pages };
}
