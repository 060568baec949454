/**
 * Where an app password lives: sealed (secret-box) in storage.local, like a refresh token, so a worker that
 * restarts still has it and a closed browser leaves nothing on disk that opens it. Never in the clear, never logged.
 */
import { browser } from 'wxt/browser';
import type { ProviderId } from '../../../model/adapter';
import { isSealed, seal, unseal } from './secret-box';

const passwordItem = (provider: ProviderId) => `auth:password:${provider}`;
const sealContext = (provider: ProviderId) => `ferry app password for ${provider}`;

export async function savePassword(provider: ProviderId, password: string): Promise<void> {
  await browser.storage.local.set({ [passwordItem(provider)]: await seal(password, sealContext(provider)) });
}

/** The password, or undefined when none is kept or its key went with the browser session. */
export async function loadPassword(provider: ProviderId): Promise<string | undefined> {
  const item = passwordItem(provider);
  const stored: unknown = (await browser.storage.local.get(item))[item];
  return isSealed(stored) ? unseal(stored, sealContext(provider)) : undefined;
}

export async function discardPassword(provider: ProviderId): Promise<void> {
  await browser.storage.local.remove(passwordItem(provider));
}
