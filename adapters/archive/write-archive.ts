import type { AdapterContext, JobSummary } from '../../model/adapter';

export function writeArchive(ctx: AdapterContext, job: JobSummary): Promise<{ output: string; bytes: number }> {
  return Promise.reject(new Error(`placeholder ${ctx.account} ${job.id}`));
}
