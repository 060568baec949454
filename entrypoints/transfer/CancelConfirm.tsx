import { useEffect, useRef } from 'preact/hooks';

interface Props {
  destinationName: string;
  onConfirm: () => void;
  onDismiss: () => void;
}

/** An in-page confirmation: window.confirm blocks the page and cannot be styled or tested by name. */
export function CancelConfirm({ destinationName, onConfirm, onDismiss }: Props) {
  const keepGoing = useRef<HTMLButtonElement>(null);
  useEffect(() => keepGoing.current?.focus(), []);
  return (
    <div
      role="group"
      aria-labelledby="cancel-question"
      class="confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDismiss();
      }}
    >
      <p id="cancel-question">
        Cancel this transfer? What has already arrived at {destinationName} stays there; nothing more is moved.
      </p>
      <button type="button" class="danger" onClick={onConfirm}>
        Yes, cancel transfer
      </button>
      <button type="button" ref={keepGoing} onClick={onDismiss}>
        No, keep going
      </button>
    </div>
  );
}
