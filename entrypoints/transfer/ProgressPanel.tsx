import { useRef } from 'preact/hooks';
import type { ProviderId } from '../../model/adapter';
import type { JobView } from '../background/messages';
import { isUnfinished, jobStatusText } from './job-status';
import { JobControls } from './JobControls';
import { TypeProgress } from './TypeProgress';
import { useFocusOnMount } from './useFocusOnMount';

interface Props {
  job: JobView;
  providerName: (id: ProviderId) => string;
  focusOnMount: boolean;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
  onReconnect: () => void;
}

export function ProgressPanel({ job, providerName, focusOnMount, onPause, onResume, onCancel, onReconnect }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnMount(heading, focusOnMount, job.id);
  const sourceName = providerName(job.source.provider);
  const destinationName = providerName(job.destination.provider);
  const explain = job.statusMessage && (job.status === 'paused' || job.status === 'needs-reconnect');
  return (
    <section class="progress-panel">
      <h2 ref={heading} tabIndex={-1}>
        Progress
      </h2>
      <p class="route">
        From {sourceName} to {destinationName}
      </p>
      <p role="status" aria-live="polite" class="status-line">
        {jobStatusText(job, providerName)}
      </p>
      {explain && <p>{job.statusMessage}</p>}
      {job.status === 'needs-reconnect' && job.reconnectProvider && (
        <button type="button" class="primary" onClick={onReconnect}>
          Reconnect {providerName(job.reconnectProvider)}
        </button>
      )}
      {isUnfinished(job.status) && (
        <JobControls
          status={job.status}
          destinationName={destinationName}
          onPause={onPause}
          onResume={onResume}
          onCancel={onCancel}
        />
      )}
      {job.progress.map((progress) => (
        <TypeProgress key={progress.dataType} progress={progress} running={job.status === 'running'} />
      ))}
    </section>
  );
}
