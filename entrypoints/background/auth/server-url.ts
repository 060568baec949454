/**
 * The server a password connection names (CalDAV, CardDAV, WebDAV): checked before a password goes anywhere, and
 * the host permissions that reach it. The page and the worker use the same checks.
 */

/** An address the person typed, as the URL Ferry will call; throws a sentence saying what to type instead. */
export function parseServerUrl(typed: string, plainHttpHosts: readonly string[]): URL {
  const text = typed.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      text
        ? `"${text}" is not a web address. Type your server's full address, starting with https:// (for example https://cloud.example.com/remote.php/dav).`
        : "Type your server's address, starting with https://.",
    );
  }
  const plainAllowed = url.protocol === 'http:' && plainHttpHosts.includes(url.hostname);
  if (url.protocol !== 'https:' && !plainAllowed) {
    throw new Error(
      url.protocol === 'http:'
        ? `Ferry sends your app password only over an encrypted connection. Type the address with https:// instead of http://.`
        : `"${text}" is not a web server's address. Type an address starting with https://.`,
    );
  }
  if (url.username || url.password) {
    throw new Error('Type your user name and app password in their own fields, not inside the server address.');
  }
  url.hash = '';
  return url;
}

/**
 * What to ask the browser for to reach the server: its own host and, when the provider names a whole family of
 * hosts it belongs to (iCloud hands each account its own `pNN-caldav.icloud.com`), that family. Nothing else.
 * Match patterns carry no port, so one grant covers any port of the host.
 */
export function serverHostPermissions(server: URL, providerPatterns: readonly string[]): string[] {
  const own = `${server.protocol}//${server.hostname}/*`;
  const family = providerPatterns.filter((pattern) => coversHost(pattern, server));
  return [...new Set([own, ...family])];
}

/** Whether a request to `url` may carry the password: only to hosts the connection's permissions name. */
export function isServerHost(url: string, permissions: readonly string[]): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  return permissions.some((pattern) => coversHost(pattern, target));
}

function coversHost(pattern: string, url: URL): boolean {
  const match = /^(https?):\/\/(\*\.)?([^/*]+)\/\*$/.exec(pattern);
  if (!match || `${match[1]}:` !== url.protocol) return false;
  const [, , wildcard, host = ''] = match;
  return url.hostname === host || (wildcard !== undefined && url.hostname.endsWith(`.${host}`));
}
