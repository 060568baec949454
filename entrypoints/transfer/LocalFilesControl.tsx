import { useState } from 'preact/hooks';
import type { ConnectionView, ProviderView, Role } from '../background/messages';
import type { LocalFilesAuthDescriptor } from '../../model/adapter';
import type { CopyProgress } from './choose-files';
import { formatBytes } from './format';

interface Props {
  provider: ProviderView & { auth: LocalFilesAuthDescriptor };
  role: Role;
  connection: ConnectionView | undefined;
  busy: boolean;
  idPrefix: string;
  onChoose: (files: File[], onProgress: (progress: CopyProgress) => void) => void;
  onForget: () => void;
}

/** Files on the person's disk: chosen here as a source; as a destination, saved once the transfer is done. */
export function LocalFilesControl({ provider, role, connection, busy, idPrefix, onChoose, onForget }: Props) {
  const [progress, setProgress] = useState<CopyProgress | null>(null);
  if (role === 'destination') {
    return (
      <div class="connection">
        <p class="note">
          Ferry writes everything into one zip file on this computer. When the transfer is done, you choose where to save it.
        </p>
      </div>
    );
  }
  if (connection) {
    return (
      <div class="connection">
        <p class="connected">Chosen: {connection.account.name ?? connection.account.id}</p>
        <button type="button" class="secondary" onClick={onForget}>
          Choose other files
        </button>
      </div>
    );
  }
  const inputId = `${idPrefix}-files`;
  return (
    <div class="connection">
      <label for={inputId}>
        {provider.auth.multiple ? `Choose the zip file (or all the zip files) of your ${provider.name}` : `Choose your ${provider.name} zip file`}
      </label>
      <input
        id={inputId}
        type="file"
        accept={provider.auth.accept.join(',')}
        multiple={provider.auth.multiple}
        disabled={busy}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          if (!files.length) return;
          setProgress({ bytes: 0, total: files.reduce((sum, f) => sum + f.size, 0) });
          onChoose(files, setProgress);
        }}
      />
      <p class="note" aria-live="polite">
        {busy && progress
          ? `Keeping a copy for the transfer: ${formatBytes(progress.bytes)} of ${formatBytes(progress.total)}`
          : 'Ferry keeps a copy of the chosen files in your browser until you forget the transfer.'}
      </p>
    </div>
  );
}
