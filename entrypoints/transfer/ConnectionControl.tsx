import type { ConnectionView, PasswordCredentialsInput, ProviderView } from '../background/messages';
import { PasswordConnectForm } from './PasswordConnectForm';

interface Props {
  provider: ProviderView;
  connection: ConnectionView | undefined;
  expired: boolean;
  connecting: boolean;
  /** Makes ids unique per side of the page. */
  idPrefix: string;
  /** An earlier password connection whose password must be typed again: fills in its server and user name. */
  earlier?: ConnectionView | undefined;
  onConnect: (credentials?: PasswordCredentialsInput) => void;
  onDisconnect: () => void;
}

export function accountLabel(connection: ConnectionView): string {
  return connection.account.email ?? connection.account.name ?? connection.account.id;
}

export function ConnectionControl({ provider, connection, expired, connecting, idPrefix, earlier, onConnect, onDisconnect }: Props) {
  const password = provider.auth.kind === 'password';
  if (connection) {
    return (
      <div class="connection">
        <p class="connected">
          Connected as {accountLabel(connection)}
          {connection.serverUrl ? ` on ${new URL(connection.serverUrl).host}` : ''}
        </p>
        <button type="button" class="secondary" onClick={onDisconnect}>
          Disconnect {provider.name}
        </button>
        {password && (
          <p class="note">
            Disconnecting makes Ferry forget the app password. There is nothing for Ferry to revoke at the server: delete
            the app password in your account's settings there when you no longer need it.
          </p>
        )}
      </div>
    );
  }
  if (password) {
    return (
      <div class="connection">
        {expired && (
          <p class="note">Ferry needs the app password for {provider.name} again (it forgets it when your browser closes).</p>
        )}
        <PasswordConnectForm
          provider={provider}
          idPrefix={idPrefix}
          connecting={connecting}
          {...(earlier ? { earlier } : {})}
          onConnect={(credentials) => onConnect(credentials)}
        />
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
