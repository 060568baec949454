import { useEffect, useState } from 'preact/hooks';
import type { ProviderId } from '../../model/adapter';
import type { ConnectionView } from '../background/messages';
import { askWorker } from './worker-client';

export interface Connections {
  /** The usable connection to a provider; absent when there is none or it must be made again. */
  active: (provider: ProviderId) => ConnectionView | undefined;
  expired: (provider: ProviderId) => boolean;
  /** The provider's connection even when it must be made again (its server and user name fill the form). */
  known: (provider: ProviderId) => ConnectionView | undefined;
  remember: (connection: ConnectionView) => void;
  forget: (provider: ProviderId) => void;
}

export function useConnections(onError: (error: unknown) => void): Connections {
  const [connections, setConnections] = useState<ConnectionView[]>([]);
  useEffect(() => {
    askWorker({ type: 'connections/list' }).then(setConnections, onError);
  }, []);
  const find = (provider: ProviderId) => connections.find((connection) => connection.provider === provider);
  return {
    active: (provider) => {
      const connection = find(provider);
      return connection && !connection.needsReconnect ? connection : undefined;
    },
    expired: (provider) => find(provider)?.needsReconnect ?? false,
    known: find,
    remember: (connection) =>
      setConnections((list) => [...list.filter((c) => c.provider !== connection.provider), connection]),
    forget: (provider) => setConnections((list) => list.filter((c) => c.provider !== provider)),
  };
}
