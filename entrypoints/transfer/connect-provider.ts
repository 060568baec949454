import { browser } from 'wxt/browser';
import type { DataType } from '../../model/data-types';
import type { ConnectionView, ProviderView, Role } from '../background/messages';
import { askWorker } from './worker-client';

/**
 * Asks for the provider's host permission, then has the worker sign in. Not async on purpose: browsers
 * grant permissions only while handling the click, so `permissions.request` must run before any await.
 */
export function connectProvider(provider: ProviderView, role: Role, dataTypes: DataType[]): Promise<ConnectionView> {
  return browser.permissions.request({ origins: provider.hostPermissions }).then((granted) => {
    if (!granted) {
      throw new Error(
        `Ferry needs your permission to reach ${provider.name}. Try again and choose "Allow" when your browser asks.`,
      );
    }
    return askWorker({ type: 'connect', provider: provider.id, role, dataTypes });
  });
}
