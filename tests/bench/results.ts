/** The shape of results.json, and the targets of issue 4 checked against it. */
import type { Arrival } from './destination';
import type { Limit } from './limits';
import type { KillResend } from './traffic';

export interface Throughput {
  seconds: number;
  items: number;
  bytes: number;
  /** In the limit's unit: bytes/s for media, items/s for contacts and mail. */
  perSecond: number;
}

export interface ScenarioResult {
  id: number;
  name: string;
  dataType: 'photos' | 'contacts' | 'mail';
  count: number;
  engine: Throughput;
  /** The raw-copy loop (media only: it copies files). */
  baseline: Throughput | null;
  limit: Limit;
  ratios: { vsBaseline: number | null; vsLimit: number };
  memory: {
    workerHeapIdleBytes: number;
    workerHeapPeakBytes: number;
    workerHeapGrowthBytes: number;
    browserRssIdleBytes: number;
    browserRssPeakBytes: number;
    browserRssGrowthBytes: number;
  };
  /** From the engine's `engine/metrics` answer; null when this build does not answer it. */
  indexedDb: { idbMs: number; idbTransactions: number; wallMs: number; share: number } | null;
  kills: (KillResend & { allowedBytes: number })[];
  arrival: Arrival;
  /** Per second: [seconds since start, throughput as a share of the limit]. */
  series: { engine: [number, number][]; baseline: [number, number][] };
  /** The engine run's requests per host: count, 429/503 answers, other 5xx, body bytes each way, summed time open. */
  requests: Record<string, { count: number; throttled: number; failed: number; bytesIn: number; bytesOut: number; busyMs: number }>;
  targets: Target[];
}

export interface Target {
  name: string;
  value: number | null;
  target: string;
  /** null: not measurable in this run (the value is n/a). */
  pass: boolean | null;
}

export interface BenchResults {
  startedAt: string;
  quick: boolean;
  network: { latencyMsEachWay: number; mbitPerDirection: number };
  machine: { cpus: number; note: string };
  scenarios: ScenarioResult[];
}

const MIB = 1024 * 1024;

export function targetsOf(r: Omit<ScenarioResult, 'targets'>, chunkBytes: number): Target[] {
  const t: Target[] = [];
  const atLeast = (name: string, value: number | null, min: number): Target => ({ name, value, target: `≥ ${min}`, pass: value === null ? null : value >= min });
  if (r.dataType === 'photos') {
    t.push(atLeast('throughput ÷ raw-copy baseline', r.ratios.vsBaseline, 0.9));
    t.push(atLeast('throughput ÷ bandwidth limit', r.ratios.vsLimit, 0.8));
  } else {
    t.push(atLeast('throughput ÷ rate the quotas and batches allow', r.ratios.vsLimit, 0.9));
  }
  if (r.id === 2) {
    const growth = r.memory.workerHeapGrowthBytes / MIB;
    t.push({ name: 'worker heap growth (MiB)', value: growth, target: '≤ 64', pass: growth <= 64 });
  }
  for (const [i, kill] of r.kills.entries()) {
    t.push({
      name: `bytes re-sent after kill ${i + 1} (${kill.inFlightFiles} files in flight, ${chunkBytes / MIB} MiB chunks)`,
      value: kill.resentBytes,
      target: `≤ ${kill.allowedBytes}`,
      pass: kill.resentBytes <= kill.allowedBytes,
    });
  }
  t.push({ name: 'duplicates', value: r.arrival.duplicates, target: '= 0', pass: r.arrival.duplicates === 0 });
  t.push({ name: 'missing', value: r.arrival.missing, target: '= 0', pass: r.arrival.missing === 0 });
  if (r.id === 3) {
    const share = r.indexedDb?.share ?? null;
    t.push({ name: 'IndexedDB share of wall time', value: share, target: '≤ 0.05', pass: share === null ? null : share <= 0.05 });
  }
  return t;
}
