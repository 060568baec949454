/** Every page of an export, as the engine would ask for them, collected: containers, items and the page count. */
import type { Container, ExportedItem, Exporter, ItemData } from '../../model/adapter';

export interface ExportAllOptions {
  maxPages?: number;
  /** After this page, go on with a new exporter from the saved cursor, as after the worker was stopped. */
  restart?: { afterPage: number; create: () => Exporter };
}

export async function exportAll<T extends ItemData = ItemData>(
  first: Exporter,
  { maxPages = 10_000, restart }: ExportAllOptions = {},
): Promise<{ containers: Container[]; items: ExportedItem<T>[]; pages: number; exporter: Exporter }> {
  const containers: Container[] = [];
  const items: ExportedItem<T>[] = [];
  let exporter = first;
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await exporter.exportPage(cursor);
    pages += 1;
    containers.push(...page.containers);
    items.push(...(page.items as ExportedItem<T>[]));
    cursor = page.next;
    if (pages === restart?.afterPage) exporter = restart.create();
    if (pages > maxPages) throw new Error('The exporter never stopped paging');
  } while (cursor !== undefined);
  return { containers, items, pages, exporter };
}
