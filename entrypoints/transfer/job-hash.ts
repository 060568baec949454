/** The page keeps the shown job in its address (`#job=<id>`) so a reload shows the same transfer. */
export function jobIdFromHash(hash: string): string | undefined {
  const id = new URLSearchParams(hash.replace(/^#/, '')).get('job');
  return id || undefined;
}

export function writeJobHash(jobId: string | undefined): void {
  const hash = jobId ? `#job=${encodeURIComponent(jobId)}` : '';
  // replaceState, not location.hash: no history entry per transfer and no hashchange event back to us.
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}
