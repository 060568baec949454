/**
 * Runs `task(key)` at most once at a time per key, at least `gapMs` apart; calls arriving meanwhile fold into
 * one more run after. The engine may report many changes a second; pages and checks need the latest only.
 */
export function coalescePerKey(task: (key: string) => Promise<void>, gapMs: number): (key: string) => void {
  const state = new Map<string, { again: boolean }>();
  const run = async (key: string, entry: { again: boolean }) => {
    do {
      entry.again = false;
      await task(key).catch((error: unknown) => console.warn('Ferry: a background task failed:', error));
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    } while (entry.again);
    state.delete(key);
  };
  return (key) => {
    const entry = state.get(key);
    if (entry) {
      entry.again = true;
      return;
    }
    const fresh = { again: false };
    state.set(key, fresh);
    void run(key, fresh);
  };
}
