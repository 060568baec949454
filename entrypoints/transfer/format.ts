/** Decimal units, as drives and download dialogs count them. */
const BYTE_UNITS = ['KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  let value = bytes / 1000;
  let unit = 0;
  while (Math.round(value * 10) >= 10_000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

export function formatItemRate(itemsPerSecond: number): string {
  if (itemsPerSecond < 0.1) return 'under 0.1 items/s';
  return `${itemsPerSecond.toFixed(1)} items/s`;
}

export function formatByteRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

export function formatTimeLeft(seconds: number): string {
  if (seconds < 60) return 'Less than a minute left';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `About ${minutes} min left`;
  if (minutes < 24 * 60) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0 ? `About ${hours} h left` : `About ${hours} h ${rest} min left`;
  }
  const days = Math.round(minutes / (24 * 60));
  return `About ${days} ${days === 1 ? 'day' : 'days'} left`;
}

export function formatItemCount(done: number, total: number, totalKnown: boolean): string {
  if (!totalKnown) return `${done} ${done === 1 ? 'item' : 'items'} so far`;
  return `${done} of ${total} ${total === 1 ? 'item' : 'items'}`;
}
