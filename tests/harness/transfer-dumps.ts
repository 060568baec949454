/**
 * The shape of every data type's end-to-end test: seed the source from the archive layout, dump it as the
 * person's "before", move one data type through Ferry's page, dump the destination as "after". The test then
 * compares the two dumps field by field with a reader of its own.
 */
import path from 'node:path';
import type { JobView } from '../../entrypoints/background/messages';
import type { ProviderName } from '../sandbox/core/types';
import type { FerryApp } from './ferry-app';
import type { SandboxControl } from './sandbox-control';
import { startTransfer } from './scenario';

export interface MovedDumps {
  /** The source account before the transfer, in the archive layout. */
  leftDir: string;
  /** The destination account after it. */
  arrivedDir: string;
  job: JobView;
  seconds: number;
}

export async function moveAndDump(
  control: SandboxControl,
  app: FerryApp,
  scratch: string,
  opts: { from: ProviderName; to: ProviderName; label: string; writeSample: (dir: string) => Promise<unknown>; timeoutMs?: number },
): Promise<MovedDumps> {
  const seedDir = path.join(scratch, 'seed');
  await opts.writeSample(seedDir);
  await control.seed(opts.from, seedDir);
  const leftDir = path.join(scratch, 'left');
  await control.dump(opts.from, leftDir);

  const started = Date.now();
  await startTransfer(app, { from: opts.from, to: opts.to, types: [opts.label] });
  const job = await app.waitForJob(undefined, opts.timeoutMs ?? 240_000);
  const seconds = (Date.now() - started) / 1000;
  const moved = job.progress.reduce((sum, p) => sum + p.moved, 0);
  // The closing notes quote these rates; click-through and consent are included.
  console.log(`[rate] ${opts.label} ${opts.from} → ${opts.to}: ${moved} items in ${seconds.toFixed(1)} s = ${(moved / seconds).toFixed(1)} items/s`);

  const arrivedDir = path.join(scratch, 'arrived');
  await control.dump(opts.to, arrivedDir);
  return { leftDir, arrivedDir, job, seconds };
}

/** Items whose loss of `field` (a model path prefix) is in the job's report. */
export function reportedLoss(job: JobView, title: string, field: string): boolean {
  return job.losses.some((l) => l.title === title && l.fields.some((f) => f.field.startsWith(field)));
}
