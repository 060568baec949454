import type { ConnectionView, ProviderView } from '../background/messages';

interface Props {
  provider: ProviderView;
  connection: ConnectionView | undefined;
  expired: boolean;
  connecting: boolean;
  onConnect: () => void;
  onDisconnect: () => void;
}

export function accountLabel(connection: ConnectionView): string {
  return connection.account.email ?? connection.account.name ?? connection.account.id;
}

export function ConnectionControl({ provider, connection, expired, connecting, onConnect, onDisconnect }: Props) {
  if (connection) {
    return (
      <div class="connection">
        <p class="connected">Connected as {accountLabel(connection)}</p>
        <button type="button" class="secondary" onClick={onDisconnect}>
          Disconnect {provider.name}
        </button>
      </div>
    );
  }
  return (
    <div class="connection">
      {expired && <p class="note">Ferry's access to {provider.name} has ended. Connect again to continue.</p>}
      <button
        type="button"
        aria-disabled={connecting ? 'true' : undefined}
        onClick={() => {
          if (!connecting) onConnect();
        }}
      >
        Connect {provider.name}
      </button>
      {connecting && <p class="note">Finish signing in to {provider.name} in the window that opened.</p>}
    </div>
  );
}
