/**
 * Runs work one at a time per key. Two items that share what a destination finds them by (two copies of one
 * message) may be in batches running side by side: without this, both would look, find nothing and create two.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (!key) return work();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /**
   * Runs work once it holds every one of the keys (a whole batch). Keys are taken in sorted order, so two
   * batches that share several keys cannot each hold one the other waits for.
   */
  runAll<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys.filter(Boolean))].sort();
    return sorted.reduceRight<() => Promise<T>>((inner, key) => () => this.run(key, inner), work)();
  }
}
