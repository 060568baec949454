import { DATA_TYPE_LABELS } from '../../model/data-types';
import type { DataTypeProgress } from '../background/messages';
import { formatByteRate, formatBytes, formatItemCount, formatItemRate, formatTimeLeft } from './format';
import { itemsHandled } from './job-status';

interface Props {
  progress: DataTypeProgress;
  /** Rates and time left mean something only while items are moving. */
  running: boolean;
}

export function TypeProgress({ progress, running }: Props) {
  const label = DATA_TYPE_LABELS[progress.dataType];
  const done = itemsHandled(progress);
  const rates = [
    progress.itemsPerSecond > 0 ? formatItemRate(progress.itemsPerSecond) : '',
    progress.bytesPerSecond > 0 ? formatByteRate(progress.bytesPerSecond) : '',
  ].filter(Boolean);
  return (
    <section class="type-progress">
      <h3>{label}</h3>
      {progress.exportDone ? (
        <progress key="counted" aria-label={`${label} progress`} max={Math.max(progress.total, 1)} value={progress.total === 0 ? 1 : done} />
      ) : (
        // Without a value the bar is indeterminate: the export is still finding items.
        <progress key="counting" aria-label={`${label} progress`} />
      )}
      <p>{formatItemCount(done, progress.total, progress.exportDone)}</p>
      {progress.bytes > 0 && (
        <p>{progress.totalBytes > 0 ? `${formatBytes(progress.bytes)} of ${formatBytes(progress.totalBytes)}` : formatBytes(progress.bytes)}</p>
      )}
      {running && rates.length > 0 && <p>{rates.join(' · ')}</p>}
      {running && progress.secondsLeft !== undefined && <p>{formatTimeLeft(progress.secondsLeft)}</p>}
      {(progress.failed > 0 || progress.skipped > 0) && (
        <p class="note">
          {progress.failed} failed, {progress.skipped} skipped
        </p>
      )}
    </section>
  );
}
