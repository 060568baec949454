/** Export pages over a list an archive exporter planned once: the cursor is the index of the next entry. */
import { decodeCursor, encodeCursor } from './cursor';

export interface Slice<T> {
  first: boolean;
  refs: T[];
  next?: string;
}

export function sliceAt<T>(list: readonly T[], cursorText: string | undefined, size: number): Slice<T> {
  const at = cursorText === undefined ? 0 : decodeCursor<{ at: number }>(cursorText).at;
  const end = Math.min(list.length, at + size);
  const slice: Slice<T> = { first: cursorText === undefined, refs: list.slice(at, end) };
  if (end < list.length) slice.next = encodeCursor({ at: end });
  return slice;
}
