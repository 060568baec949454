/**
 * CardDAV (RFC 6352): address books at any server that speaks it (iCloud, Fastmail, Nextcloud, Radicale…),
 * reached with the server's address, a user name and an app password. README.md says how each field travels.
 */
import type { AccountInfo, AdapterContext, ProviderDescriptor } from '../../model/adapter';
import { APP_PASSWORD_HELP } from '../caldav/descriptor';
import { accountOf } from './client';
import { carddavContacts } from './contacts/support';

async function accountInfo(ctx: AdapterContext): Promise<AccountInfo> {
  const account = await accountOf(ctx, 'carddav');
  return account.name ? { id: account.principal, name: account.name } : { id: account.principal };
}

export const carddav: ProviderDescriptor = {
  id: 'carddav',
  name: 'CardDAV (iCloud, Fastmail, Nextcloud…)',
  auth: {
    kind: 'password',
    appPasswordHelp: [
      { ...APP_PASSWORD_HELP.icloud, serverUrl: 'https://contacts.icloud.com/' },
      { ...APP_PASSWORD_HELP.fastmail, serverUrl: 'https://carddav.fastmail.com/' },
      { ...APP_PASSWORD_HELP.nextcloud },
    ],
  },
  // The server is whichever the person names: the connect step asks for its origin at runtime, plus iCloud's
  // family when it is iCloud (contacts.icloud.com hands each account its own pNN-contacts.icloud.com).
  hostPermissions: ['https://*.icloud.com/*'],
  limits: { minIntervalMs: 50, maxConcurrency: 4 },
  dataTypes: { contacts: carddavContacts },
  accountInfo,
};
