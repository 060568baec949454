import { useState } from 'preact/hooks';
import { DATA_TYPE_LABELS } from '../../model/data-types';
import type { JobView } from '../background/messages';
import { isUnfinished } from './job-status';
import { LossList } from './LossList';
import { ProblemList } from './ProblemList';
import { SaveOutput } from './SaveOutput';

interface Props {
  job: JobView;
  onRetryFailed: () => void;
  onStartAnother: () => void;
  onError: (error: unknown) => void;
}

/** Open once the job has ended; while it runs, a person may look in on it. */
export function Report({ job, onRetryFailed, onStartAnother, onError }: Props) {
  const [expanded, setExpanded] = useState(false);
  const finished = !isUnfinished(job.status);
  const open = finished || expanded;
  const manyTypes = job.progress.length > 1;
  return (
    <section class="report">
      <h2>Report</h2>
      {!finished && (
        <button type="button" aria-expanded={expanded} aria-controls="report-body" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Hide report' : 'Show report'}
        </button>
      )}
      {finished && job.output && <SaveOutput jobId={job.id} output={job.output} onError={onError} />}
      <div id="report-body" hidden={!open}>
        {job.progress.map((progress) => (
          <section key={progress.dataType}>
            <h3>{DATA_TYPE_LABELS[progress.dataType]} results</h3>
            <ul class="counts">
              <li>{`Moved: ${progress.moved}`}</li>
              <li>{`Skipped: ${progress.skipped}`}</li>
              <li>{`Failed: ${progress.failed}`}</li>
            </ul>
          </section>
        ))}
        <ProblemList heading="Failed items" noun="failed items" problems={job.failures} showDataType={manyTypes} />
        <ProblemList heading="Skipped items" noun="skipped items" problems={job.skipped} showDataType={manyTypes} />
        <LossList losses={job.losses} />
      </div>
      {finished && (
        <div class="controls">
          {job.failures.some((failure) => failure.retryable) && (
            <button type="button" class="primary" onClick={onRetryFailed}>
              Retry failed items
            </button>
          )}
          <button type="button" onClick={onStartAnother}>
            Start another transfer
          </button>
        </div>
      )}
    </section>
  );
}
