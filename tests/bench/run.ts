/**
 * `npm run bench`: the real extension in headless Chromium against the sandbox, with the sandbox emulating a
 * wide-area network (core/wan.ts) and the providers' quotas. Per scenario it measures the engine's throughput
 * against a raw-copy loop in the same worker and against the limit the network and quotas allow, memory, the
 * share of IndexedDB, bytes re-sent after kills, duplicates and missing items. Writes
 * `<out>/<timestamp>/results.json` and `throughput.svg`, and prints a table (tests/bench/README section in README.md).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchFerry, stopServiceWorker, type FerryBrowser } from '../harness/browser';
import { buildSandboxExtension } from '../harness/build-extension';
import { FerryApp } from '../harness/ferry-app';
import { SandboxControl } from '../harness/sandbox-control';
import { PROVIDER_NAMES } from '../harness/scenario';
import { startSandbox, type RunningSandbox } from '../sandbox/server';
import type { BenchHooks } from '../../entrypoints/background/bench';
import type { RawCopyResult } from '../../entrypoints/background/bench/raw-copy';
import type { JobView } from '../../entrypoints/background/messages';
import { FRAGMENT_BYTES } from '../../adapters/microsoft/photos/upload';
import { countArrival } from './destination';
import { contactsLimit, mailLimit, mediaLimit, type Limit, type Network } from './limits';
import { parseBenchOptions, USAGE, type BenchOptions } from './options';
import { MemoryProbe } from './probes';
import { table, writeResults } from './report';
import { targetsOf, type BenchResults, type ScenarioResult, type Throughput } from './results';
import { scenariosFor, type Scenario } from './scenarios';
import { perSecond, resendPerKill, TrafficLog } from './traffic';
import { SeededRandom } from '../sandbox/sample-data/random';

// Playwright's network inspection of the service worker slows its uploads many times over (browser-facts.md).
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';

const FROM = 'google' as const;
const TO = 'microsoft' as const;

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (!options) return void console.log(USAGE);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = path.join(options.out, stamp);
  await mkdir(outDir, { recursive: true });
  if (!options.skipBuild) {
    console.log(`[bench] building the sandbox extension …`);
    buildSandboxExtension();
  }
  const traffic = new TrafficLog();
  const network: Network = { latencyMs: options.latencyMs, mbit: options.mbit };
  const sandbox = await startSandbox({ wan: network, onExchange: traffic.record });
  const control = new SandboxControl(sandbox.origin);
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    quick: options.quick,
    network: { latencyMsEachWay: options.latencyMs, mbitPerDirection: options.mbit },
    machine: { cpus: os.cpus().length, note: `${os.cpus().length} cores, shared with whatever else runs; ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM` },
    scenarios: [],
  };
  try {
    for (const scenario of scenariosFor(options)) {
      console.log(`[bench] scenario ${scenario.id}: ${scenario.name}`);
      const result = await runScenario(scenario, { options, sandbox, control, traffic, network });
      results.scenarios.push(result);
      traffic.exchanges.length = 0;
      await writeResults(outDir, results);
    }
  } finally {
    await sandbox.close();
  }
  console.log(`\n${table(results)}\n\n[bench] results: ${path.join(outDir, 'results.json')} and throughput.svg`);
}

interface Bench {
  options: BenchOptions;
  sandbox: RunningSandbox;
  control: SandboxControl;
  traffic: TrafficLog;
  network: Network;
}

async function runScenario(scenario: Scenario, bench: Bench): Promise<ScenarioResult> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), `ferry-bench-${scenario.id}-`));
  const seedDir = path.join(scratch, 'seed');
  let ferry: FerryBrowser | undefined;
  try {
    await scenario.seed(seedDir);
    await bench.control.reset();
    await bench.control.seed(FROM, seedDir);
    ferry = await launchFerry({ userDataDir: path.join(scratch, 'profile') });
    const app = await FerryApp.open(ferry.context, ferry.extensionId);
    await app.choose(PROVIDER_NAMES[FROM], PROVIDER_NAMES[TO]);
    await app.connect(PROVIDER_NAMES[FROM]);
    await app.connect(PROVIDER_NAMES[TO]);
    await app.selectTypes([scenario.typeLabel]);
    // First, while both connections are fresh: Ferry lets a provider's access go once a transfer that used it ends.
    const copied = scenario.kind === 'media' ? await timed(() => rawCopy(ferry!)) : undefined;
    // As if the baseline had run at another time: its requests must not use up the engine's request windows.
    if (copied) await bench.control.resetLimits();
    const mediaSizes = scenario.kind === 'media' ? await seededSizes(seedDir) : [];
    const sourceBytes = scenario.kind === 'media' ? mediaSizes.reduce((a, b) => a + b, 0) : await archiveBytes(seedDir, scenario.dataType);

    const probe = await MemoryProbe.open(ferry.context, ferry.extensionId);
    await probe.start();
    const t0 = Date.now();
    await app.start();
    const run = await followJob(app, ferry, scenario, bench, t0, sourceBytes);
    const t1 = Date.now();
    const memory = await probe.stop();
    await probe.close();
    const indexedDb = await engineMetrics(app, t1 - t0);
    if (run.job.status !== 'done') throw new Error(`scenario ${scenario.id}: the job ended ${run.job.status}: ${run.job.statusMessage ?? ''}`);

    const arrivedDir = path.join(scratch, 'arrived');
    await bench.sandbox.providers[TO].dump(arrivedDir);
    const arrival = await countArrival(scenario.dataType, seedDir, arrivedDir);
    const progress = run.job.progress[0];
    const limit = await limitOf(scenario, seedDir, sourceBytes, mediaSizes, bench.network);
    // The person's time in Google's picker is not the engine's: media is timed from the first listing of what was picked.
    const from = scenario.kind === 'media' ? pickedAt(bench.traffic, t0) : t0;
    const engine = throughput(scenario, t1 - from, progress?.moved ?? 0, scenario.kind === 'media' ? sourceBytes : (progress?.bytes ?? 0));
    const engineSeries = scenario.kind === 'media' ? bytesSeries(bench.traffic, from, t1, limit) : itemSeries(run.samples, t0, limit);

    const baselineFrom = copied ? pickedAt(bench.traffic, copied.from) : 0;
    const baseline = copied ? throughput(scenario, copied.to - baselineFrom, copied.value.files, copied.value.bytes) : null;
    const baselineSeries = copied ? bytesSeries(bench.traffic, baselineFrom, copied.to, limit) : [];
    const kills = resendPerKill(bench.traffic.uploads(t0, t1 + 1), run.kills).map((k) => ({ ...k, allowedBytes: k.inFlightFiles * FRAGMENT_BYTES }));
    const partial: Omit<ScenarioResult, 'targets'> = {
      id: scenario.id,
      name: scenario.name,
      dataType: scenario.dataType,
      count: scenario.count,
      engine,
      baseline,
      limit,
      ratios: { vsBaseline: baseline ? engine.perSecond / baseline.perSecond : null, vsLimit: engine.perSecond / limit.perSecond },
      memory: {
        workerHeapIdleBytes: memory.idleWorkerHeapBytes,
        workerHeapPeakBytes: memory.peakWorkerHeapBytes,
        workerHeapGrowthBytes: memory.peakWorkerHeapBytes - memory.idleWorkerHeapBytes,
        browserRssIdleBytes: memory.idleBrowserRssBytes,
        browserRssPeakBytes: memory.peakBrowserRssBytes,
        browserRssGrowthBytes: memory.peakBrowserRssBytes - memory.idleBrowserRssBytes,
      },
      indexedDb,
      kills,
      arrival,
      series: { engine: engineSeries, baseline: baselineSeries },
      requests: requestsByHost(bench.traffic, t0, t1),
    };
    return { ...partial, targets: targetsOf(partial, FRAGMENT_BYTES) };
  } finally {
    await ferry?.context.close().catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
  }
}

interface FollowedJob {
  job: JobView;
  /** [time, items moved] once a second. */
  samples: [number, number][];
  kills: number[];
}

/** Waits for the job to finish, sampling its progress each second and stopping the worker at the kill points. */
async function followJob(app: FerryApp, ferry: FerryBrowser, scenario: Scenario, bench: Bench, t0: number, totalBytes: number): Promise<FollowedJob> {
  const random = new SeededRandom(bench.options.seed * 7919 + scenario.id);
  const points = Array.from({ length: scenario.kills }, () => 0.05 + 0.9 * random.next()).sort((a, b) => a - b);
  const samples: [number, number][] = [];
  const kills: number[] = [];
  for (let lastSample = 0; ; ) {
    const job = await app.currentJob();
    if (!job) throw new Error('the started job is not listed');
    const progress = job.progress[0];
    if (Date.now() - lastSample >= 1000) {
      samples.push([Date.now(), progress?.moved ?? 0]);
      lastSample = Date.now();
    }
    if (job.status !== 'running') return { job, samples, kills };
    const next = points[kills.length];
    if (next !== undefined && bench.traffic.acceptedBytes(t0) >= next * totalBytes) {
      await stopServiceWorker(ferry.context, app.page);
      kills.push(Date.now());
      console.log(`[bench]   stopped the worker at ${(next * 100).toFixed(0)}% of the bytes`);
    }
    await sleep(next !== undefined ? 100 : 250);
  }
}

/** The engine's own IndexedDB accounting, when this build answers `engine/metrics`. */
async function engineMetrics(app: FerryApp, wallMs: number): Promise<ScenarioResult['indexedDb']> {
  try {
    const m = await app.send<{ idbMs: number; idbTransactions: number; since: number }>({ type: 'engine/metrics' } as never);
    if (typeof m?.idbMs !== 'number') return null;
    return { idbMs: m.idbMs, idbTransactions: m.idbTransactions, wallMs, share: m.idbMs / wallMs };
  } catch {
    return null;
  }
}

async function rawCopy(ferry: FerryBrowser): Promise<RawCopyResult> {
  return ferry.worker.evaluate(async () => {
    const hooks = (globalThis as unknown as { ferryBench?: BenchHooks }).ferryBench;
    if (!hooks) throw new Error('this build has no benchmark hooks (build it with --mode sandbox)');
    return hooks.rawCopyMedia({ source: 'google', destination: 'microsoft', folderName: 'Ferry raw-copy baseline' });
  });
}

/** What the engine's run asked of each host: where its time went. */
function requestsByHost(traffic: TrafficLog, from: number, to: number): ScenarioResult['requests'] {
  const byHost: ScenarioResult['requests'] = {};
  for (const e of traffic.exchanges.filter((x) => x.startedAt >= from && x.startedAt <= to)) {
    const host = (byHost[e.host] ??= { count: 0, throttled: 0, failed: 0, bytesIn: 0, bytesOut: 0, busyMs: 0 });
    host.count += 1;
    if (e.status === 429 || e.status === 503) host.throttled += 1;
    else if (e.status >= 500) host.failed += 1;
    host.bytesIn += e.bytesIn;
    host.bytesOut += e.bytesOut;
    host.busyMs += e.endedAt - e.startedAt;
  }
  return byHost;
}

/** When the first page of picked items was asked for (after the picker's Done), or `from` when none was. */
function pickedAt(traffic: TrafficLog, from: number): number {
  const listing = traffic.exchanges.find((e) => e.startedAt >= from && e.host === 'photospicker.googleapis.com' && /\/mediaItems$/.test(e.path));
  return listing?.startedAt ?? from;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; from: number; to: number }> {
  const from = Date.now();
  const value = await run();
  return { value, from, to: Date.now() };
}

function throughput(scenario: Scenario, ms: number, items: number, bytes: number): Throughput {
  const seconds = ms / 1000;
  return { seconds, items, bytes, perSecond: (scenario.kind === 'media' ? bytes : items) / seconds };
}

function bytesSeries(traffic: TrafficLog, from: number, to: number, limit: Limit): [number, number][] {
  const events = traffic.uploads(from, to + 1).filter((e) => e.status >= 200 && e.status < 300).map((e) => ({ t: e.endedAt, amount: e.bytesIn }));
  return perSecond(from, to, events).map(([t, v]) => [t, v / limit.perSecond]);
}

function itemSeries(samples: [number, number][], t0: number, limit: Limit): [number, number][] {
  return samples.slice(1).map(([t, moved], i) => {
    const [pt, pm] = samples[i]!;
    return [Math.round((t - t0) / 1000), (moved - pm) / ((t - pt) / 1000) / limit.perSecond];
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))));
  return nested.flat();
}

async function seededSizes(seedDir: string): Promise<number[]> {
  const files = (await filesUnder(path.join(seedDir, 'photos'))).filter((f) => !f.endsWith('.json'));
  return Promise.all(files.map(async (f) => (await stat(f)).size));
}

async function archiveBytes(seedDir: string, dataType: string): Promise<number> {
  const files = await filesUnder(path.join(seedDir, dataType));
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  return sizes.reduce((a, b) => a + b, 0);
}

async function limitOf(scenario: Scenario, seedDir: string, bytes: number, mediaSizes: readonly number[], network: Network): Promise<Limit> {
  if (scenario.kind === 'media') return mediaLimit(network, mediaSizes);
  if (scenario.dataType === 'contacts') {
    const files = await filesUnder(path.join(seedDir, 'contacts'));
    const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    const withPhoto = texts.reduce((n, t) => n + (t.match(/^PHOTO[;:]/gm)?.length ?? 0), 0);
    return contactsLimit(scenario.count, withPhoto, bytes, network);
  }
  return mailLimit(scenario.count, bytes, network);
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error);
  process.exitCode = 1;
});
