import { useEffect, useState } from 'preact/hooks';
import type { ProviderView } from '../background/messages';
import { askWorker, errorMessage } from './worker-client';

export interface ProvidersState {
  providers: ProviderView[];
  loaded: boolean;
  error: string | null;
}

export function useProviders(): ProvidersState {
  const [state, setState] = useState<ProvidersState>({ providers: [], loaded: false, error: null });
  useEffect(() => {
    askWorker({ type: 'providers/list' }).then(
      (providers) => setState({ providers, loaded: true, error: null }),
      (error) => setState({ providers: [], loaded: true, error: errorMessage(error) }),
    );
  }, []);
  return state;
}
