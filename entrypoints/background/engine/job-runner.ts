/**
 * Runs a job's data types side by side, each with its own pacer where its API has limits of its own (large
 * photos never hold up small contacts or mail, nor the reverse), then records how the job ended (done, or
 * why it stopped). A stop or fatal error of one stops them all: they share the job's run.
 */
import { AdapterError, type DataType } from '../../../model/adapter';
import { DATA_TYPE_LABELS } from '../../../model/data-types';
import { SimulatedCrash } from './checkpoints';
import { stopForFatal, stopForUnexpected, type StopDecision } from './job-stop';
import type { DataTypeRun, EngineEnv, JobRun } from './run-context';
import { withPersonWait, type PersonWait } from './person-wait';
import { runDataType } from './runner';
import type { JobRecord } from './store';

export async function runJob(env: EngineEnv, run: JobRun): Promise<void> {
  const job = await env.db.jobs.get(run.jobId);
  if (!job || job.status !== 'running') return;
  try {
    const runs = job.dataTypes.map((dataType) => dataTypeRun(env, job, dataType, run));
    const passes = await Promise.allSettled(runs.map((ctx) => runDataType(ctx)));
    const failed = passes.find((pass): pass is PromiseRejectedResult => pass.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    if (error instanceof SimulatedCrash) throw error;
    run.fatal ??= stopForUnexpected(error);
  }
  if (!run.fatal && !run.stopRequested) await completeAtDestination(env, job, run);
  if (run.fatal) await applyStop(env, job.id, run.fatal.decision);
  else if (!run.stopRequested) await finishJob(env, job.id);
}

/**
 * A destination that writes one file (the archive) assembles it once every item is done. A worker killed meanwhile
 * finds the job still running and has it write the file again, whole.
 */
async function completeAtDestination(env: EngineEnv, job: JobRecord, run: JobRun): Promise<void> {
  const destination = env.provider(job.destination.provider);
  if (!destination.completeJob) return;
  const source = env.provider(job.source.provider);
  try {
    const written = await destination.completeJob(env.adapterContext(destination.id, job.destination.account, undefined, job.id), {
      id: job.id,
      dataTypes: job.dataTypes,
      source: { provider: source.id, name: source.name, account: job.source.account },
      createdAt: job.createdAt,
      finishedAt: env.now(),
    });
    await updateRunningJob(env, job.id, { output: { name: written.output, bytes: written.bytes } });
  } catch (error) {
    if (error instanceof SimulatedCrash) throw error;
    run.fatal = error instanceof AdapterError ? stopForFatal(error, destination) : stopForUnexpected(error);
  }
}

function dataTypeRun(env: EngineEnv, job: JobRecord, dataType: DataType, run: JobRun): DataTypeRun {
  const source = env.provider(job.source.provider);
  const destination = env.provider(job.destination.provider);
  const exportSupport = source.dataTypes[dataType]?.export;
  const importSupport = destination.dataTypes[dataType]?.import;
  const label = DATA_TYPE_LABELS[dataType];
  if (!exportSupport) throw new Error(`${source.name} cannot export ${label}`);
  if (!importSupport) throw new Error(`${destination.name} cannot import ${label}`);
  const personWait: PersonWait = { waiting: false };
  const exportContext = withPersonWait(env.adapterContext(source.id, job.source.account, dataType, job.id), personWait, {
    db: env.db,
    jobId: job.id,
    sourceName: source.name,
    now: env.now,
    changed: () => env.changed(job.id),
  });
  return {
    db: env.db,
    job,
    dataType,
    source: { descriptor: source, pacer: env.pacer(source.id, dataType) },
    destination: { descriptor: destination, pacer: env.pacer(destination.id, dataType) },
    exporter: exportSupport.create(exportContext),
    personWait,
    importer: importSupport.create(env.adapterContext(destination.id, job.destination.account, dataType, job.id)),
    batchSize: Math.max(1, importSupport.batchSize),
    keptFields: importSupport.fields,
    run,
    rates: env.rates,
    now: env.now,
    changed: () => env.changed(job.id),
    checkpoint: env.checkpoint,
  };
}

/** Changes the status of a job that is still running (a pause or cancel that came first wins). */
export async function updateRunningJob(env: EngineEnv, jobId: string, change: Partial<JobRecord>): Promise<void> {
  await env.db.transaction('rw', env.db.jobs, async () => {
    const job = await env.db.jobs.get(jobId);
    if (job?.status === 'running') await env.db.jobs.put({ ...job, ...change, updatedAt: env.now() });
  });
  env.changed(jobId);
}

function applyStop(env: EngineEnv, jobId: string, decision: StopDecision): Promise<void> {
  return updateRunningJob(env, jobId, {
    status: decision.status,
    statusMessage: decision.statusMessage,
    reconnectProvider: decision.reconnectProvider,
    finishedAt: decision.status === 'failed' ? env.now() : undefined,
  });
}

function finishJob(env: EngineEnv, jobId: string): Promise<void> {
  return updateRunningJob(env, jobId, { status: 'done', statusMessage: undefined, reconnectProvider: undefined, finishedAt: env.now() });
}
