import { useEffect, useState } from 'preact/hooks';
import type { ProviderId } from '../../model/adapter';
import type { JobView, ProviderView } from '../background/messages';
import { ErrorAlert } from '../transfer/ErrorAlert';
import { newestUnfinished } from '../transfer/job-status';
import { askWorker, errorMessage } from '../transfer/worker-client';
import { openTransferPage } from './open-transfer-page';
import { RunningJob } from './RunningJob';

export function Popup() {
  const [job, setJob] = useState<JobView | undefined>();
  const [providers, setProviders] = useState<ProviderView[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([askWorker({ type: 'jobs/list' }), askWorker({ type: 'providers/list' })]).then(
      ([jobs, list]) => {
        setProviders(list);
        setJob(newestUnfinished(jobs));
      },
      (failure) => setError(errorMessage(failure)),
    );
  }, []);
  const providerName = (id: ProviderId) => providers.find((provider) => provider.id === id)?.name ?? id;
  return (
    <main>
      <h1>
        <img src="/icon.svg" alt="" width={24} height={24} />
        Ferry
      </h1>
      <p>Ferry moves your data from one online service to another, directly, inside your own browser.</p>
      <ErrorAlert messages={[error]} />
      {job && <RunningJob job={job} providerName={providerName} onShow={() => openTransferPage(job.id)} />}
      <button type="button" class="primary" onClick={() => openTransferPage()}>
        Move my data
      </button>
    </main>
  );
}
