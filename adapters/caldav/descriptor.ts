/**
 * CalDAV (RFC 4791): calendars and task lists at any server that speaks it (iCloud, Fastmail, Nextcloud,
 * Radicale, Baïkal, SOGo…), reached with the server's address, a user name and an app password.
 * README.md says how each field travels and what each direction loses.
 */
import type { AccountInfo, AdapterContext, ProviderDescriptor } from '../../model/adapter';
import { caldavCalendar } from './calendar/support';
import { caldavTasks } from './tasks/support';
import { accountOf } from './webdav/discovery';

export const APP_PASSWORD_HELP = {
  icloud: { service: 'iCloud', url: 'https://account.apple.com/account/manage/section/security' },
  fastmail: { service: 'Fastmail', url: 'https://app.fastmail.com/settings/security/integrations' },
  nextcloud: { service: 'Nextcloud', url: 'https://docs.nextcloud.com/server/latest/user_manual/en/session_management.html#managing-devices' },
} as const;

async function accountInfo(ctx: AdapterContext): Promise<AccountInfo> {
  const account = await accountOf(ctx, 'caldav');
  const info: AccountInfo = { id: account.principal };
  if (account.email) info.email = account.email;
  if (account.name) info.name = account.name;
  return info;
}

export const caldav: ProviderDescriptor = {
  id: 'caldav',
  name: 'CalDAV (iCloud, Fastmail, Nextcloud…)',
  auth: {
    kind: 'password',
    appPasswordHelp: [
      // account.apple.com → Sign-In and Security → App-Specific Passwords.
      { ...APP_PASSWORD_HELP.icloud, serverUrl: 'https://caldav.icloud.com/' },
      // Settings → Privacy & Security → Integrations → App passwords.
      { ...APP_PASSWORD_HELP.fastmail, serverUrl: 'https://caldav.fastmail.com/' },
      // Settings → Security → Devices & sessions → Create new app password; the server is https://HOST/remote.php/dav.
      { ...APP_PASSWORD_HELP.nextcloud },
    ],
  },
  // The server is whichever the person names: the connect step asks the browser for the typed server's origin
  // at runtime, plus any family listed here that covers it. iCloud answers on caldav.icloud.com but keeps each
  // account's calendars on its own pNN-caldav.icloud.com, so its whole family is named.
  hostPermissions: ['https://*.icloud.com/*'],
  // No CalDAV server publishes a rate limit; iCloud answers 503 with Retry-After when pressed. Four requests in
  // flight, 50 ms apart, is what calendar clients do on a first sync.
  limits: { minIntervalMs: 50, maxConcurrency: 4 },
  dataTypes: {
    calendar: caldavCalendar,
    tasks: caldavTasks,
  },
  accountInfo,
};
