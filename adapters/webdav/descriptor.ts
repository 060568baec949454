/** WebDAV (Nextcloud, ownCloud, Koofr, pCloud, rclone, any RFC 4918 server): files, with an app password (README.md says why). */
import { AdapterError, type AccountInfo, type AdapterContext, type ProviderDescriptor } from '../../model/adapter';
import { propfind, serverRoot } from './client';
import { webdavFiles } from './files/support';

/** Who is connected: the server address itself, checked by listing it (a wrong password or address fails here). */
async function accountInfo(ctx: AdapterContext): Promise<AccountInfo> {
  const root = serverRoot(ctx);
  const listed = await propfind(ctx, root, 0);
  if (!listed?.[0]?.isCollection) {
    throw new AdapterError(`There is no WebDAV folder at ${root}. Check the address your service gives for WebDAV (it often ends in your user name).`, 'fatal', { fatalReason: 'reconnect' });
  }
  return { id: root, name: new URL(root).host };
}

export const webdav: ProviderDescriptor = {
  id: 'webdav',
  name: 'WebDAV',
  auth: {
    kind: 'password',
    appPasswordHelp: [
      // Settings → Security → Devices & sessions → Create new app password.
      { service: 'Nextcloud', url: 'https://docs.nextcloud.com/server/latest/user_manual/en/session_management.html', serverUrl: 'https://HOST/remote.php/dav/files/USER/' },
      // Preferences → Password → App passwords.
      { service: 'Koofr', url: 'https://app.koofr.net/app/admin/preferences/password', serverUrl: 'https://app.koofr.net/dav/Koofr' },
      // pCloud has no app passwords: WebDAV takes the account's own password (US and EU data regions).
      { service: 'pCloud', url: 'https://my.pcloud.com/', serverUrl: 'https://webdav.pcloud.com' },
      { service: 'pCloud (EU)', url: 'https://my.pcloud.com/', serverUrl: 'https://ewebdav.pcloud.com' },
    ],
  },
  // The well-known services; a server elsewhere is asked for as an optional host permission when connected.
  hostPermissions: ['https://app.koofr.net/*', 'https://webdav.pcloud.com/*', 'https://ewebdav.pcloud.com/*'],
  // No WebDAV standard limit; four requests at once is what desktop sync clients use against Nextcloud.
  limits: { minIntervalMs: 20, maxConcurrency: 4 },
  dataTypes: { files: webdavFiles },
  accountInfo,
};
