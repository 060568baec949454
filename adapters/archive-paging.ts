/** Export pages over a list an archive exporter planned once: the cursor is the index of the next entry. */
import type { Container, ExportPage, ExportedItem, ItemData } from '../model/adapter';
import { decodeCursor, encodeCursor } from './cursor';

/** What an exporter read whole when it started: its containers, handed out on the first page, and every item. */
export interface PlannedList<T extends ItemData> {
  containers: Container[];
  items: ExportedItem<T>[];
}

interface Slice<T> {
  first: boolean;
  refs: T[];
  next?: string;
}

function sliceAt<T>(list: readonly T[], cursorText: string | undefined, size: number): Slice<T> {
  const at = cursorText === undefined ? 0 : decodeCursor<{ at: number }>(cursorText).at;
  const end = Math.min(list.length, at + size);
  const slice: Slice<T> = { first: cursorText === undefined, refs: list.slice(at, end) };
  if (end < list.length) slice.next = encodeCursor({ at: end });
  return slice;
}

/**
 * The plan made once and shared by every page; a plan that failed is made again on the next call, so a person
 * who adds the missing zip file and resumes is not held to the first failure.
 */
export function planOnce<T>(plan: () => Promise<T>): () => Promise<T> {
  let planned: Promise<T> | undefined;
  return () => {
    planned ??= plan();
    planned.catch(() => (planned = undefined));
    return planned;
  };
}

/**
 * The page of a planned list at `cursor`: the containers (asked for on the first page only) and each entry turned
 * into its item (undefined leaves it out), or the entries themselves when they are items already.
 */
export async function pageAt(list: readonly ExportedItem[], cursor: string | undefined, size: number, containers: () => Container[] | Promise<Container[]>): Promise<ExportPage>;
export async function pageAt<R>(
  list: readonly R[],
  cursor: string | undefined,
  size: number,
  containers: () => Container[] | Promise<Container[]>,
  itemOf: (ref: R) => Promise<ExportedItem | undefined>,
): Promise<ExportPage>;
export async function pageAt<R>(
  list: readonly R[],
  cursor: string | undefined,
  size: number,
  containers: () => Container[] | Promise<Container[]>,
  itemOf?: (ref: R) => Promise<ExportedItem | undefined>,
): Promise<ExportPage> {
  const slice = sliceAt(list, cursor, size);
  const items: ExportedItem[] = [];
  for (const ref of slice.refs) {
    const item = itemOf ? await itemOf(ref) : (ref as ExportedItem);
    if (item) items.push(item);
  }
  const page: ExportPage = { containers: slice.first ? await containers() : [], items };
  if (slice.next) page.next = slice.next;
  return page;
}

/** The page of a planned list at `cursor`. */
export async function planPage(planned: Promise<PlannedList<ItemData>>, cursor: string | undefined, size: number): Promise<ExportPage> {
  const { containers, items } = await planned;
  return pageAt(items, cursor, size, () => containers);
}
