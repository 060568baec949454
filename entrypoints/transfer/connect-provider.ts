import { browser } from 'wxt/browser';
import type { DataType } from '../../model/data-types';
import { parseServerUrl, serverHostPermissions } from '../background/auth/server-url';
import { plainHttpHosts } from '../background/build-config';
import type { ConnectionView, PasswordCredentialsInput, ProviderView, Role } from '../background/messages';
import { askWorker } from './worker-client';

/**
 * Asks for the provider's host permission, then has the worker sign in. Not async on purpose: browsers
 * grant permissions only while handling the click, so `permissions.request` must run before any await.
 * A password provider names its server in `credentials`: the permission asked for is that server's alone.
 */
export function connectProvider(
  provider: ProviderView,
  role: Role,
  dataTypes: DataType[],
  credentials?: PasswordCredentialsInput,
): Promise<ConnectionView> {
  let origins: string[];
  try {
    origins = permissionsFor(provider, credentials);
  } catch (error) {
    return Promise.reject(error);
  }
  return browser.permissions.request({ origins }).then((granted) => {
    if (!granted) {
      throw new Error(
        `Ferry needs your permission to reach ${provider.name}. Try again and choose "Allow" when your browser asks.`,
      );
    }
    return askWorker({ type: 'connect', provider: provider.id, role, dataTypes, ...(credentials ? { credentials } : {}) });
  });
}

function permissionsFor(provider: ProviderView, credentials: PasswordCredentialsInput | undefined): string[] {
  if (provider.auth.kind !== 'password') return provider.hostPermissions;
  if (!credentials) throw new Error(`Type your ${provider.name} server's address, your user name and an app password, then choose Connect.`);
  return serverHostPermissions(parseServerUrl(credentials.serverUrl, plainHttpHosts), provider.hostPermissions);
}
