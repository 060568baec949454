import { useRef, useState } from 'preact/hooks';
import type { ProviderId } from '../../model/adapter';
import type { DataType } from '../../model/data-types';
import type { PasswordCredentialsInput, ProviderView, Role } from '../background/messages';
import type { LocalFilesAuthDescriptor } from '../../model/adapter';
import { chooseFiles, type CopyProgress } from './choose-files';
import { connectProvider } from './connect-provider';
import { LocalFilesControl } from './LocalFilesControl';
import { ConnectionControl } from './ConnectionControl';
import { offeredDataTypes } from './data-type-choice';
import { DataTypePicker } from './DataTypePicker';
import { ProviderSelect } from './ProviderSelect';
import { useConnections } from './useConnections';
import { useFocusOnMount } from './useFocusOnMount';
import { askWorker } from './worker-client';

interface Props {
  providers: ProviderView[];
  focusOnMount: boolean;
  /** Runs a person's action and shows its error, if any, in the page's alert. */
  run: (action: () => Promise<unknown>) => Promise<void>;
  onError: (error: unknown) => void;
  onStart: (source: ProviderId, destination: ProviderId, dataTypes: DataType[]) => void;
}

const can = (provider: ProviderView, direction: 'export' | 'import') => provider.dataTypes.some((entry) => entry[direction]);
const isLocalFiles = (provider: ProviderView): provider is ProviderView & { auth: LocalFilesAuthDescriptor } => provider.auth.kind === 'local-files';

export function Chooser({ providers, focusOnMount, run, onError, onStart }: Props) {
  const sources = providers.filter((p) => can(p, 'export'));
  const destinations = providers.filter((p) => can(p, 'import'));
  const [sourceId, setSourceId] = useState(sources[0]?.id ?? '');
  const [destinationId, setDestinationId] = useState(destinations.find((p) => p.id !== sourceId)?.id ?? '');
  const [unchecked, setUnchecked] = useState<DataType[]>([]);
  const [connecting, setConnecting] = useState<ProviderId | null>(null);
  const connections = useConnections(onError);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnMount(heading, focusOnMount);

  const source = providers.find((p) => p.id === sourceId);
  const destination = providers.find((p) => p.id === destinationId);
  const offered = offeredDataTypes(source, destination);
  const chosen = offered.filter((type) => !unchecked.includes(type));
  // A destination of files on this computer needs nothing chosen before the transfer.
  const destinationReady = destination !== undefined && (isLocalFiles(destination) || connections.active(destinationId) !== undefined);
  const bothConnected = Boolean(connections.active(sourceId) && destinationReady);
  const ready = bothConnected && chosen.length > 0;

  const chooseSource = (id: ProviderId) => {
    if (id === destinationId) setDestinationId(destinations.find((p) => p.id !== id)?.id ?? '');
    setSourceId(id);
  };
  const toggle = (type: DataType, checked: boolean) =>
    setUnchecked((list) => (checked ? list.filter((t) => t !== type) : [...list, type]));
  const connect = (provider: ProviderView, role: Role, credentials?: PasswordCredentialsInput) => {
    setConnecting(provider.id);
    void run(() => connectProvider(provider, role, chosen.length > 0 ? chosen : offered, credentials).then(connections.remember))
      .finally(() => setConnecting(null));
  };
  const choose = (provider: ProviderView, role: Role, files: File[], onProgress: (progress: CopyProgress) => void) => {
    setConnecting(provider.id);
    void run(() => chooseFiles(provider, role, chosen.length > 0 ? chosen : offered, files, onProgress).then(connections.remember))
      .finally(() => setConnecting(null));
  };
  const disconnect = (provider: ProviderView) =>
    void run(() => askWorker({ type: 'disconnect', provider: provider.id }).then(() => connections.forget(provider.id)));

  const side = (role: Role, label: string, provider: ProviderView | undefined, options: ProviderView[]) => (
    <div class="side">
      <ProviderSelect
        id={`${role}-provider`}
        label={label}
        providers={options}
        value={provider?.id ?? ''}
        onChange={role === 'source' ? chooseSource : setDestinationId}
      />
      {provider && isLocalFiles(provider) && (
        <LocalFilesControl
          provider={provider}
          role={role}
          connection={connections.active(provider.id)}
          busy={connecting === provider.id}
          idPrefix={role}
          onChoose={(files, onProgress) => choose(provider, role, files, onProgress)}
          onForget={() => disconnect(provider)}
        />
      )}
      {provider && !isLocalFiles(provider) && (
        <ConnectionControl
          provider={provider}
          connection={connections.active(provider.id)}
          expired={connections.expired(provider.id)}
          connecting={connecting === provider.id}
          idPrefix={role}
          earlier={connections.known(provider.id)}
          onConnect={(credentials) => connect(provider, role, credentials)}
          onDisconnect={() => disconnect(provider)}
        />
      )}
    </div>
  );

  if (providers.length < 2) {
    return <p>Ferry needs at least two services to move data between, and this build has {providers.length}.</p>;
  }
  return (
    <section class="chooser">
      <h2 ref={heading} tabIndex={-1}>
        Choose where your data comes from and where it goes
      </h2>
      <div class="sides">
        {side('source', 'From', source, sources)}
        {side('destination', 'To', destination, destinations.filter((p) => p.id !== sourceId))}
      </div>
      <DataTypePicker
        offered={offered}
        chosen={chosen}
        sourceName={source?.name ?? ''}
        destinationName={destination?.name ?? ''}
        onToggle={toggle}
      />
      <div class="start">
        <button
          type="button"
          class="primary"
          disabled={!ready}
          aria-describedby="start-hint"
          onClick={() => onStart(sourceId, destinationId, chosen)}
        >
          Start transfer
        </button>
        <p id="start-hint" class="note">
          {ready ? '' : bothConnected ? 'Choose at least one kind of data.' : 'Connect both services to start.'}
        </p>
      </div>
    </section>
  );
}
