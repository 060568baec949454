import { useEffect, useRef, useState } from 'preact/hooks';
import type { JobStatus } from '../background/messages';
import { CancelConfirm } from './CancelConfirm';

interface Props {
  status: JobStatus;
  destinationName: string;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}

export function JobControls({ status, destinationName, onPause, onResume, onCancel }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (returnFocus) cancel.current?.focus();
  }, [returnFocus]);
  return (
    <div class="controls">
      {/* One slot for both, so the button keeps focus when Pause turns into Resume. */}
      {status === 'running' ? (
        <button type="button" onClick={onPause}>
          Pause
        </button>
      ) : status === 'paused' ? (
        <button type="button" onClick={onResume}>
          Resume
        </button>
      ) : null}
      {confirming ? (
        <CancelConfirm
          destinationName={destinationName}
          onConfirm={() => {
            setConfirming(false);
            onCancel();
          }}
          onDismiss={() => {
            setConfirming(false);
            setReturnFocus(true);
          }}
        />
      ) : (
        <button
          type="button"
          ref={cancel}
          onClick={() => {
            setReturnFocus(false);
            setConfirming(true);
          }}
        >
          Cancel
        </button>
      )}
    </div>
  );
}
