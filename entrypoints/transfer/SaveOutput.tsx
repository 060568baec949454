import { useState } from 'preact/hooks';
import { formatBytes } from './format';
import { saveOutput } from './save-output';

interface Props {
  jobId: string;
  output: { name: string; bytes: number };
  onError: (error: unknown) => void;
}

/** The archive a finished transfer wrote, for the person to save where they like. */
export function SaveOutput({ jobId, output, onError }: Props) {
  const [said, setSaid] = useState('');
  const save = () => {
    setSaid('');
    saveOutput(jobId, output.name).then(
      (outcome) =>
        setSaid(
          outcome === 'saved' ? `Saved ${output.name}.` : outcome === 'downloaded' ? `${output.name} is in your downloads.` : 'Not saved: you can save it again at any time.',
        ),
      onError,
    );
  };
  return (
    <section class="save-output" aria-labelledby="save-output-heading">
      <h3 id="save-output-heading">Your archive</h3>
      <p>
        {output.name} ({formatBytes(output.bytes)}) is ready. Ferry keeps it in your browser until you forget this transfer.
      </p>
      <button type="button" class="primary" onClick={save}>
        Save the archive
      </button>
      <p class="note" aria-live="polite">
        {said}
      </p>
    </section>
  );
}
