/**
 * Picks up transfers after the worker was stopped or the browser closed: at worker start, at browser start and
 * install, and from an alarm that exists while something runs (the alarm wakes a worker killed mid-transfer).
 */
import { browser } from 'wxt/browser';

export const RESUME_ALARM = 'ferry-resume';
/** Chrome's shortest alarm period since Chrome 120. */
const RESUME_PERIOD_MINUTES = 0.5;

export interface Resumable {
  resumeAll(): unknown;
  isBusy(): boolean;
}

/** Resumes every unfinished job, one pass at a time however many events ask at once. */
export function createResumer(engine: () => Promise<Resumable>, afterResume: () => void): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= (async () => {
      const ready = await engine();
      await ready.resumeAll();
      afterResume();
      await syncResumeAlarm(ready.isBusy());
    })().finally(() => (running = undefined));
    return running;
  };
}

/** The alarm is there exactly while a transfer runs, so an idle Ferry never wakes the browser for nothing. */
export async function syncResumeAlarm(busy: boolean): Promise<void> {
  if (!busy) {
    await browser.alarms.clear(RESUME_ALARM);
  } else if (!(await browser.alarms.get(RESUME_ALARM))) {
    await browser.alarms.create(RESUME_ALARM, { periodInMinutes: RESUME_PERIOD_MINUTES });
  }
}
