/** Items and bytes moved per second over the last minute, per job and data type (kept in memory only). */
import type { DataType } from '../../../model/adapter';

const WINDOW_MS = 60_000;

interface Sample {
  at: number;
  items: number;
  bytes: number;
}

interface Series {
  since: number;
  samples: Sample[];
}

export interface Rate {
  itemsPerSecond: number;
  bytesPerSecond: number;
}

export class RateTracker {
  private series = new Map<string, Series>();

  /** Marks when this process began moving the data type, so the first minute is not averaged over 60 s. */
  begin(jobId: string, dataType: DataType, now: number): void {
    const key = `${jobId}/${dataType}`;
    if (!this.series.has(key)) this.series.set(key, { since: now, samples: [] });
  }

  record(jobId: string, dataType: DataType, items: number, bytes: number, now: number): void {
    this.begin(jobId, dataType, now);
    const series = this.series.get(`${jobId}/${dataType}`)!;
    series.samples.push({ at: now, items, bytes });
    series.samples = series.samples.filter((s) => s.at > now - WINDOW_MS);
  }

  rate(jobId: string, dataType: DataType, now: number): Rate {
    const series = this.series.get(`${jobId}/${dataType}`);
    if (!series) return { itemsPerSecond: 0, bytesPerSecond: 0 };
    const recent = series.samples.filter((s) => s.at > now - WINDOW_MS);
    const seconds = Math.max(1, Math.min(WINDOW_MS, now - series.since) / 1000);
    const sum = (pick: (s: Sample) => number) => recent.reduce((total, s) => total + pick(s), 0);
    return { itemsPerSecond: sum((s) => s.items) / seconds, bytesPerSecond: sum((s) => s.bytes) / seconds };
  }

  forget(jobId: string): void {
    for (const key of this.series.keys()) if (key.startsWith(`${jobId}/`)) this.series.delete(key);
  }
}
