import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { JobView, Request } from '../background/messages';
import { jobIdFromHash, writeJobHash } from './job-hash';
import { isUnfinished, newestUnfinished } from './job-status';
import { askWorker, errorMessage } from './worker-client';

const POLL_MS = 500;

type JobRequest = Extract<Request, { type: 'job/get' | 'job/pause' | 'job/resume' | 'job/cancel' | 'job/retry-failed' }>;

export interface JobState {
  job: JobView | null;
  loaded: boolean;
  /** Why the page could not read the job's state; cleared by the next successful read. */
  error: string | null;
  show: (job: JobView | null) => void;
  /** Sends a request that answers with the job and shows the answer. */
  act: (request: JobRequest) => Promise<void>;
}

export function useJob(): JobState {
  const [job, setJob] = useState<JobView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Answers can arrive out of order (a poll sent before "Pause" answering after it): keep only the newest.
  const sent = useRef(0);
  const applied = useRef(0);

  const show = (next: JobView | null) => {
    applied.current = ++sent.current;
    setJob(next);
    writeJobHash(next?.id);
  };

  const act = (request: JobRequest) => {
    const order = ++sent.current;
    return askWorker(request).then((next) => {
      if (order < applied.current) return;
      applied.current = order;
      setJob(next);
      setError(null);
    });
  };

  useEffect(() => {
    const pick = () =>
      askWorker({ type: 'jobs/list' })
        .then((jobs) => {
          const wanted = jobIdFromHash(location.hash);
          show(jobs.find((candidate) => candidate.id === wanted) ?? newestUnfinished(jobs) ?? null);
          setError(null);
        }, (failure) => setError(errorMessage(failure)))
        .finally(() => setLoaded(true));
    void pick();
    window.addEventListener('hashchange', pick);
    return () => window.removeEventListener('hashchange', pick);
  }, []);

  const jobId = job?.id;
  const polling = job !== null && isUnfinished(job.status);
  useEffect(() => {
    if (!jobId || !polling) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let inFlight = false;
    let again = false;
    const refresh = () => {
      if (inFlight) {
        again = true;
        return;
      }
      clearTimeout(timer);
      inFlight = true;
      act({ type: 'job/get', jobId })
        .catch((failure) => setError(errorMessage(failure)))
        .finally(() => {
          inFlight = false;
          if (stopped) return;
          if (again) {
            again = false;
            refresh();
          } else {
            timer = setTimeout(refresh, POLL_MS);
          }
        });
    };
    const onMessage = (message: unknown) => {
      const changed = message as { type?: unknown; jobId?: unknown } | null;
      if (changed?.type === 'job/changed' && changed.jobId === jobId) refresh();
    };
    browser.runtime.onMessage.addListener(onMessage);
    timer = setTimeout(refresh, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [jobId, polling]);

  return { job, loaded, error, show, act };
}
