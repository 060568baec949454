/** storage.session, closed to content scripts before anything secret is written to it. */
import { browser } from 'wxt/browser';

let restricted: Promise<void> | undefined;

export async function trustedSessionStorage(): Promise<typeof browser.storage.session> {
  restricted ??= restrict();
  await restricted;
  return browser.storage.session;
}

/**
 * TRUSTED_CONTEXTS is Chrome's default already; saying so keeps it that way should anything ever widen it.
 * https://developer.chrome.com/docs/extensions/reference/api/storage#method-StorageArea-setAccessLevel
 * Browsers without the method offer no wider level to guard against.
 */
async function restrict(): Promise<void> {
  const session: Partial<Pick<typeof browser.storage.session, 'setAccessLevel'>> = browser.storage.session;
  // Failing to restate the default leaves the default in place: no reason to refuse to sign in.
  await session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch((error: unknown) => {
    console.warn('Ferry could not restate storage.session access level:', error);
  });
}
