/**
 * An exporter that needs the person's choice (the Google Photos picker) opens a page and waits for it: the job
 * says so while it waits, so the person knows the transfer is theirs to continue, not stuck.
 */
import type { AdapterContext } from '../../../model/adapter';
import type { FerryDb } from './store';

async function setRunningMessage(db: FerryDb, jobId: string, statusMessage: string | undefined, now: number): Promise<void> {
  await db.transaction('rw', db.jobs, async () => {
    const job = await db.jobs.get(jobId);
    if (job?.status === 'running') await db.jobs.put({ ...job, statusMessage, updatedAt: now });
  });
}

export interface PersonWait {
  /** True from the moment the page opened until the next export page is recorded. */
  waiting: boolean;
}

/** The source's adapter context, with `openPage` also telling the job that it waits for the person. */
export function withPersonWait(
  context: AdapterContext,
  wait: PersonWait,
  job: { db: FerryDb; jobId: string; sourceName: string; now: () => number; changed: () => void },
): AdapterContext {
  const { openPage } = context;
  if (!openPage) return context;
  return {
    ...context,
    openPage: async (url) => {
      await openPage(url);
      wait.waiting = true;
      await setRunningMessage(job.db, job.jobId, `Waiting for your choice in the ${job.sourceName} tab that opened.`, job.now());
      job.changed();
    },
  };
}

/** The person has chosen (a page arrived): the job no longer waits for them. */
export async function personAnswered(wait: PersonWait, db: FerryDb, jobId: string, now: number): Promise<void> {
  if (!wait.waiting) return;
  wait.waiting = false;
  await setRunningMessage(db, jobId, undefined, now);
}
