import type { ProviderId } from '../../model/adapter';
import type { JobView } from '../background/messages';
import { formatItemCount } from '../transfer/format';
import { itemsHandled, jobStatusText } from '../transfer/job-status';

interface Props {
  job: JobView;
  providerName: (id: ProviderId) => string;
  onShow: () => void;
}

export function RunningJob({ job, providerName, onShow }: Props) {
  const done = job.progress.reduce((sum, progress) => sum + itemsHandled(progress), 0);
  const total = job.progress.reduce((sum, progress) => sum + progress.total, 0);
  const counted = job.progress.every((progress) => progress.exportDone);
  return (
    <section class="running">
      <h2>
        From {providerName(job.source.provider)} to {providerName(job.destination.provider)}
      </h2>
      <p>
        {jobStatusText(job, providerName)} · {formatItemCount(done, total, counted)}
      </p>
      <button type="button" onClick={onShow}>
        Show transfer
      </button>
    </section>
  );
}
