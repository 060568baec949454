/** Runs work over a list with a bounded number at once, keeping the results in the list's order. */

/**
 * Each item's result, in order, with at most `limit` calls running. A call that throws stops the others from
 * taking new items; the error is thrown once the running ones have settled.
 */
export async function inParallel<T, R>(items: readonly T[], limit: number, call: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await call(items[index]!);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed) throw failed.error;
  return results;
}
