import { useRef, useState } from 'preact/hooks';
import type { ProviderId } from '../../model/adapter';
import type { DataType } from '../../model/data-types';
import type { ConnectionView, JobView, PasswordCredentialsInput, ProviderView } from '../background/messages';
import { Chooser } from './Chooser';
import { connectProvider } from './connect-provider';
import { ErrorAlert } from './ErrorAlert';
import { PasswordConnectForm } from './PasswordConnectForm';
import { ProgressPanel } from './ProgressPanel';
import { Report } from './Report';
import { useJob } from './useJob';
import { useProviders } from './useProviders';
import { askWorker, errorMessage } from './worker-client';

export function TransferPage() {
  const { providers, loaded: providersLoaded, error: providersError } = useProviders();
  const jobState = useJob();
  const [actionError, setActionError] = useState<string | null>(null);
  /** A password provider the transfer waits for: its form shows below the progress. */
  const [passwordReconnect, setPasswordReconnect] = useState<{ provider: ProviderView; earlier?: ConnectionView } | null>(null);
  const [reconnecting, setReconnecting] = useState(false);
  const firstView = useRef(true);

  const reportError = (error: unknown) => setActionError(errorMessage(error));
  const run = (action: () => Promise<unknown>): Promise<void> => {
    // A new attempt takes the last one's error away: it would otherwise read as this attempt's answer.
    setActionError(null);
    let pending: Promise<unknown>;
    try {
      pending = action();
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.then(() => setActionError(null), reportError);
  };
  const providerName = (id: ProviderId) => providers.find((provider) => provider.id === id)?.name ?? id;

  const start = (source: ProviderId, destination: ProviderId, dataTypes: DataType[]) =>
    void run(() => askWorker({ type: 'job/start', source, destination, dataTypes }).then(jobState.show));
  const reconnect = (job: JobView) => {
    const provider = providers.find((candidate) => candidate.id === job.reconnectProvider);
    if (!provider) return reportError(new Error(`Ferry does not know the service "${job.reconnectProvider}".`));
    if (provider.auth.kind === 'password') {
      return void run(() =>
        askWorker({ type: 'connections/list' }).then((list) => {
          const earlier = list.find((connection) => connection.provider === provider.id);
          setPasswordReconnect({ provider, ...(earlier ? { earlier } : {}) });
        }),
      );
    }
    reconnectWith(job, provider);
  };
  const reconnectWith = (job: JobView, provider: ProviderView, credentials?: PasswordCredentialsInput) => {
    const role = provider.id === job.source.provider ? 'source' : 'destination';
    setReconnecting(true);
    void run(() =>
      connectProvider(provider, role, job.dataTypes, credentials).then(() => {
        setPasswordReconnect(null);
        return jobState.act({ type: 'job/get', jobId: job.id });
      }),
    ).finally(() => setReconnecting(false));
  };
  const startAnother = () => {
    setActionError(null);
    jobState.show(null);
  };

  const loaded = providersLoaded && jobState.loaded;
  const focusOnMount = loaded && !firstView.current;
  if (loaded) firstView.current = false;
  const job = jobState.job;

  return (
    <>
      <header class="banner">
        <img src="/icon.svg" alt="" width={32} height={32} />
        <span class="brand">Ferry</span>
      </header>
      <main>
        <h1>Move your data</h1>
        <ErrorAlert messages={[providersError, jobState.error, actionError]} />
        {!loaded ? (
          <p>Loading…</p>
        ) : job ? (
          <>
            <ProgressPanel
              job={job}
              providerName={providerName}
              focusOnMount={focusOnMount}
              onPause={() => void run(() => jobState.act({ type: 'job/pause', jobId: job.id }))}
              onResume={() => void run(() => jobState.act({ type: 'job/resume', jobId: job.id }))}
              onCancel={() => void run(() => jobState.act({ type: 'job/cancel', jobId: job.id }))}
              onReconnect={() => reconnect(job)}
            />
            {passwordReconnect && job.status === 'needs-reconnect' && (
              <PasswordConnectForm
                key={passwordReconnect.provider.id}
                provider={passwordReconnect.provider}
                idPrefix="reconnect"
                connecting={reconnecting}
                {...(passwordReconnect.earlier ? { earlier: passwordReconnect.earlier } : {})}
                focusOnMount
                onConnect={(credentials) => reconnectWith(job, passwordReconnect.provider, credentials)}
              />
            )}
            <Report
              job={job}
              onRetryFailed={() => void run(() => jobState.act({ type: 'job/retry-failed', jobId: job.id }))}
              onStartAnother={startAnother}
              onError={reportError}
            />
          </>
        ) : (
          <Chooser providers={providers} focusOnMount={focusOnMount} run={run} onError={reportError} onStart={start} />
        )}
      </main>
    </>
  );
}
