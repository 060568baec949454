/**
 * The transfer engine: starts, runs, pauses and resumes jobs that move items from a source's exporter to a
 * destination's importer, with every step recorded in IndexedDB so a killed worker resumes without duplicates.
 * It names no provider and uses no browser API: the wiring injects the registry, the authorised fetch and the URL rewrite.
 */
import type { AdapterContext, DataType, FetchLike, LocalFiles, ProviderDescriptor, ProviderId } from '../../../model/adapter';
import { DATA_TYPE_LABELS } from '../../../model/data-types';
import type { JobStatus, JobView } from '../messages';
import { SimulatedCrash, type Checkpoint } from './checkpoints';
import { runJob } from './job-runner';
import { buildJobView } from './job-view';
import type { EngineMetrics } from './metrics';
import { pacedFetch, type PacedFetchOptions } from './paced-fetch';
import { Pacer, type PacerTuning } from './pacer';
import { RateTracker } from './rate';
import type { EngineEnv, JobRun } from './run-context';
import { deleteJobRecords, type FerryDb, type JobRecord } from './store';

export { openFerryDb, type FerryDb } from './store';
export { CHECKPOINTS, type Checkpoint } from './checkpoints';
export type { EngineMetrics } from './metrics';

export interface EngineDeps {
  db: FerryDb;
  provider(id: ProviderId): ProviderDescriptor;
  /** Authorised fetch for a provider (adds the token, refreshes once on 401; throws AdapterError fatal 'reconnect' when the grant is gone). */
  authorizedFetch(provider: ProviderId): FetchLike;
  /** providerUrl from build-config (sandbox rewrite). */
  url(realUrl: string): string;
  /** The server a password connection names (CalDAV, CardDAV, WebDAV), read as each run starts; never rewritten by `url`. */
  serverUrl?(provider: ProviderId): Promise<string | undefined>;
  now?(): number;
  /** Called after any durable change of a job (progress, status). */
  onChange?(jobId: string): void;
  /** Test hook: called at named points (see CHECKPOINTS) so tests can simulate a crash by throwing. */
  checkpoint?(point: string): void | Promise<void>;
  /** Pacer tuning (tests shorten the backoff and make jitter deterministic). */
  pacing?: Partial<PacerTuning>;
  /** Retry and timeout of each request (tests shorten them). */
  requests?: Partial<PacedFetchOptions>;
  /** Fetch without a token, for pre-authenticated URLs (default: the global fetch). */
  anonymousFetch?: FetchLike;
  /** Opens a provider's page for the person (a browser tab); adapters that need a person's choice use it. */
  openPage?(url: string): Promise<void>;
  /**
   * The files on the person's disk a job reads or writes when one of its sides is an archive provider (the chosen
   * source files, the destination's scratch folder), read as each run starts.
   */
  localFiles?(job: { id: string; side: 'source' | 'destination'; provider: ProviderId; account: string }): Promise<LocalFiles | undefined>;
}

export interface StartRequest {
  source: ProviderId;
  sourceAccount: string;
  destination: ProviderId;
  destinationAccount: string;
  dataTypes: DataType[];
}

type Stoppable = JobStatus;
const RESUMABLE: readonly Stoppable[] = ['paused', 'failed', 'needs-reconnect'];

export class Engine {
  private readonly db: FerryDb;
  private readonly runs = new Map<string, { run: JobRun; promise: Promise<void> }>();
  private readonly pacers = new Map<ProviderId, Pacer>();
  private readonly serverUrls = new Map<ProviderId, string>();
  /** By job id and provider: what a local-files side of a running job reads or writes. */
  private readonly localFiles = new Map<string, LocalFiles>();
  private readonly rates = new RateTracker();
  private readonly recentViews = new Map<string, { builtAt: number; record: string; view: Promise<JobView> }>();
  private readonly env: EngineEnv;
  private readonly now: () => number;

  constructor(private readonly deps: EngineDeps) {
    this.db = deps.db;
    this.now = () => deps.now?.() ?? Date.now();
    this.env = {
      db: deps.db,
      provider: (id) => deps.provider(id),
      adapterContext: (provider, account, dataType, jobId) => this.adapterContext(provider, account, dataType, jobId),
      pacer: (provider, dataType) => this.pacer(provider, dataType),
      rates: this.rates,
      now: this.now,
      changed: (jobId) => deps.onChange?.(jobId),
      checkpoint: (point) => this.checkpoint(point),
    };
  }

  /** Creates the job and starts running it (without waiting for it to finish). */
  async start(request: StartRequest): Promise<JobView> {
    const dataTypes = [...new Set(request.dataTypes)];
    this.checkSupport(request, dataTypes);
    const now = this.now();
    const job: JobRecord = {
      id: crypto.randomUUID(),
      status: 'running',
      source: { provider: request.source, account: request.sourceAccount },
      destination: { provider: request.destination, account: request.destinationAccount },
      dataTypes,
      createdAt: now,
      updatedAt: now,
    };
    await this.db.transaction('rw', [this.db.jobs, this.db.cursors], async () => {
      await this.db.jobs.add(job);
      await this.db.cursors.bulkAdd(dataTypes.map((dataType) => ({ jobId: job.id, dataType, exportDone: false, total: 0, totalBytes: 0, bytesMoved: 0 })));
    });
    this.deps.onChange?.(job.id);
    this.launch(job.id);
    return this.view(job.id);
  }

  /** Runs the job until it is done, stopped or waiting; returns the running promise when it already runs here. */
  run(jobId: string): Promise<void> {
    const current = this.runs.get(jobId);
    if (current) {
      // A run that is winding down (paused, then resumed at once) is followed by a fresh one.
      return current.run.stopRequested ? current.promise.then(() => this.run(jobId)) : current.promise;
    }
    const run: JobRun = { jobId };
    const promise = this.readSides(jobId)
      .then(() => runJob(this.env, run))
      .finally(() => {
        if (this.runs.get(jobId)?.run === run) this.runs.delete(jobId);
      });
    this.runs.set(jobId, { run, promise });
    return promise;
  }

  async pause(jobId: string): Promise<JobView> {
    await this.changeStatus(jobId, ['running'], { status: 'paused', statusMessage: 'Paused. Resume whenever you like; nothing is lost.' }, 'pause');
    return this.view(jobId);
  }

  async resume(jobId: string): Promise<JobView> {
    const job = await this.job(jobId);
    if (job.status === 'done' || job.status === 'cancelled') throw new Error(`This transfer is ${job.status}; start a new one to move more.`);
    await this.changeStatus(jobId, RESUMABLE, { status: 'running', statusMessage: undefined, reconnectProvider: undefined, finishedAt: undefined });
    this.launch(jobId);
    return this.view(jobId);
  }

  /** Stops after the batches in flight; what was moved stays at the destination. */
  async cancel(jobId: string): Promise<JobView> {
    await this.changeStatus(jobId, ['running', ...RESUMABLE], { status: 'cancelled', statusMessage: 'Cancelled. What was already moved stays where it is.', finishedAt: this.now() }, 'cancel');
    return this.view(jobId);
  }

  /** Puts every failed item back in the queue (skipped items stay: the destination refused them) and runs the job. */
  async retryFailed(jobId: string): Promise<JobView> {
    const job = await this.job(jobId);
    if (job.status === 'cancelled') throw new Error('This transfer was cancelled; start a new one to move the rest.');
    await this.db.transaction('rw', [this.db.jobs, this.db.items, this.db.failures], async () => {
      const failed = await this.db.items.where('[jobId+state]').equals([jobId, 'failed']).toArray();
      const failedKeys = new Set(failed.map((item) => item.key));
      const parents = await this.db.items.bulkGet(failed.map((item) => [jobId, item.parentKey ?? '']));
      failed.forEach((item, i) => {
        const parent = parents[i];
        const parentPending = item.parentKey !== undefined && (failedKeys.has(item.parentKey) || (parent !== undefined && parent.state !== 'done'));
        Object.assign(item, { state: parentPending ? 'waiting' : 'pending', attempts: 0, throttled: 0, updatedAt: this.now() });
      });
      await this.db.items.bulkPut(failed);
      await this.db.failures.bulkDelete(failed.map((item) => [jobId, item.key]));
      const current = await this.db.jobs.get(jobId);
      if (current) await this.db.jobs.put({ ...current, status: 'running', statusMessage: undefined, reconnectProvider: undefined, finishedAt: undefined, updatedAt: this.now() });
    });
    const running = this.runs.get(jobId);
    // A run in progress may already be past these items' data type: let it stop and run again.
    if (running) running.run.stopRequested ??= 'restart';
    this.deps.onChange?.(jobId);
    this.launch(jobId);
    return this.view(jobId);
  }

  /** Stops the job if it runs and removes every record of it. */
  async forget(jobId: string): Promise<void> {
    const running = this.runs.get(jobId);
    if (running) {
      running.run.stopRequested = 'forget';
      await running.promise.catch(() => undefined);
    }
    await deleteJobRecords(this.db, jobId);
    for (const key of this.localFiles.keys()) if (key.startsWith(`${jobId}/`)) this.localFiles.delete(key);
    this.rates.forget(jobId);
    this.recentViews.delete(jobId);
    this.deps.onChange?.(jobId);
  }

  /**
   * The job as pages show it. `maxAgeMs` lets a poll take a view built that recently while the job's record
   * (its status and message) is unchanged: a view counts the job's items, and an open page, its change notices
   * and a harness polling at once made that most of the IndexedDB time of a 10,000-contact transfer.
   */
  async view(jobId: string, maxAgeMs = 0): Promise<JobView> {
    return this.viewOf(await this.job(jobId), maxAgeMs);
  }

  async list(maxAgeMs = 0): Promise<JobView[]> {
    const jobs = await this.db.jobs.toArray();
    jobs.sort((a, b) => b.createdAt - a.createdAt);
    return Promise.all(jobs.map((job) => this.viewOf(job, maxAgeMs)));
  }

  private viewOf(job: JobRecord, maxAgeMs: number): Promise<JobView> {
    const now = this.now();
    const recent = this.recentViews.get(job.id);
    // The whole record, not its updatedAt: a status may change within the millisecond of the view before.
    const record = JSON.stringify(job);
    if (recent && recent.record === record && now - recent.builtAt < maxAgeMs) return recent.view;
    const built = { builtAt: now, record, view: buildJobView(this.db, job, this.rates, now) };
    this.recentViews.set(job.id, built);
    built.view.catch(() => {
      if (this.recentViews.get(job.id) === built) this.recentViews.delete(job.id);
    });
    return built.view;
  }

  /** On worker start or alarm: runs every job left running. */
  async resumeAll(): Promise<void> {
    const running = await this.db.jobs.where('status').equals('running').primaryKeys();
    for (const jobId of running) this.launch(jobId);
  }

  /** The person connected this provider again: jobs waiting for it continue. */
  async reconnected(provider: ProviderId): Promise<void> {
    const waiting = await this.db.jobs.where('status').equals('needs-reconnect').filter((job) => job.reconnectProvider === provider).primaryKeys();
    for (const jobId of waiting) {
      await this.changeStatus(jobId, ['needs-reconnect'], { status: 'running', statusMessage: undefined, reconnectProvider: undefined });
      this.launch(jobId);
    }
  }

  /** What the store has cost this worker so far (IndexedDB time and transactions). */
  metrics(): EngineMetrics {
    return this.db.metrics.snapshot();
  }

  /** A job is running in this process (the worker should stay alive). */
  isBusy(): boolean {
    return this.runs.size > 0;
  }

  /** Resolves when no job is running in this process. */
  async idle(): Promise<void> {
    while (this.runs.size > 0) await Promise.allSettled([...this.runs.values()].map((r) => r.promise));
  }

  private launch(jobId: string): void {
    this.run(jobId).catch((error: unknown) => {
      if (!(error instanceof SimulatedCrash)) console.error('Ferry: a transfer stopped unexpectedly', error);
    });
  }

  private async job(jobId: string): Promise<JobRecord> {
    const job = await this.db.jobs.get(jobId);
    if (!job) throw new Error(`There is no transfer with id ${jobId}.`);
    return job;
  }

  /** Changes the status when the job is in one of `from`; tells a run in progress to stop when asked. */
  private async changeStatus(jobId: string, from: readonly Stoppable[], change: Partial<JobRecord>, stop?: JobRun['stopRequested']): Promise<void> {
    await this.job(jobId);
    const changed = await this.db.transaction('rw', this.db.jobs, async () => {
      const job = await this.db.jobs.get(jobId);
      if (!job || !from.includes(job.status)) return false;
      await this.db.jobs.put({ ...job, ...change, updatedAt: this.now() });
      return true;
    });
    const running = this.runs.get(jobId);
    if (changed && stop && running) running.run.stopRequested = stop;
    if (changed) this.deps.onChange?.(jobId);
  }

  private checkSupport(request: StartRequest, dataTypes: DataType[]): void {
    if (dataTypes.length === 0) throw new Error('Choose at least one kind of data to move.');
    const source = this.deps.provider(request.source);
    const destination = this.deps.provider(request.destination);
    for (const dataType of dataTypes) {
      const label = DATA_TYPE_LABELS[dataType];
      if (!source.dataTypes[dataType]?.export) throw new Error(`${source.name} cannot export ${label}.`);
      if (!destination.dataTypes[dataType]?.import) throw new Error(`${destination.name} cannot import ${label}.`);
    }
  }

  private adapterContext(provider: ProviderId, account: string, dataType?: DataType, jobId?: string): AdapterContext {
    const pacer = this.pacer(provider, dataType);
    const options = { now: this.now, ...this.deps.requests };
    const serverUrl = this.serverUrls.get(provider);
    const context: AdapterContext = {
      fetch: pacedFetch(this.deps.authorizedFetch(provider), pacer, options),
      anonymousFetch: pacedFetch(this.deps.anonymousFetch ?? ((url, init) => fetch(url, init)), pacer, options),
      // The person's own server is the real one in every build (the sandbox plays only OAuth providers).
      url: (realUrl) => (serverUrl ? realUrl : this.deps.url(realUrl)),
      account,
    };
    if (this.deps.openPage) context.openPage = this.deps.openPage;
    if (serverUrl) context.serverUrl = serverUrl;
    const localFiles = jobId ? this.localFiles.get(`${jobId}/${provider}`) : undefined;
    if (localFiles) context.localFiles = localFiles;
    return context;
  }

  /** What each side of the job needs from outside the store, read as each run starts: its server, its files on disk. */
  private async readSides(jobId: string): Promise<void> {
    const job = await this.db.jobs.get(jobId);
    if (!job) return;
    for (const side of ['source', 'destination'] as const) {
      const { provider, account } = job[side];
      if (this.deps.serverUrl) {
        const serverUrl = await this.deps.serverUrl(provider);
        if (serverUrl) this.serverUrls.set(provider, serverUrl);
        else this.serverUrls.delete(provider);
      }
      if (this.deps.localFiles && this.deps.provider(provider).auth.kind === 'local-files') {
        const files = await this.deps.localFiles({ id: jobId, side, provider, account });
        if (files) this.localFiles.set(`${jobId}/${provider}`, files);
      }
    }
  }

  /** One pacer per provider, and one per data type whose API has limits of its own (Gmail, Google Photos…). */
  private pacer(provider: ProviderId, dataType?: DataType): Pacer {
    const descriptor = this.deps.provider(provider);
    const own = dataType ? descriptor.dataTypes[dataType]?.limits : undefined;
    const key = own ? `${provider}/${dataType}` : provider;
    let pacer = this.pacers.get(key);
    if (!pacer) {
      pacer = new Pacer(own ?? descriptor.limits, { now: this.now, ...this.deps.pacing });
      this.pacers.set(key, pacer);
    }
    return pacer;
  }

  private async checkpoint(point: Checkpoint): Promise<void> {
    if (!this.deps.checkpoint) return;
    try {
      await this.deps.checkpoint(point);
    } catch (error) {
      throw new SimulatedCrash(point, error);
    }
  }
}
