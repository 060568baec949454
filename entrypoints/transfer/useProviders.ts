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
      // Export files (Google Takeout, Instagram, Facebook) are read through a file picker on this page that is not
      // built yet (issue 5): until it is, they are not offered, rather than offered as a dead end.
      (providers) => setState({ providers: providers.filter((p) => p.auth.kind !== 'local-files'), loaded: true, error: null }),
      (error) => setState({ providers: [], loaded: true, error: errorMessage(error) }),
    );
  }, []);
  return state;
}
