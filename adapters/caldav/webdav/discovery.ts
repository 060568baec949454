/**
 * Finding the account from the address a person typed (RFC 6764 §5-6): the URL itself, then
 * `/.well-known/caldav` or `/.well-known/carddav` (redirects followed), then the server root, each asked for
 * the current-user-principal (RFC 5397); the principal names the calendar or address book home.
 */
import { AdapterError, type AdapterContext } from '../../../model/adapter';
import { absoluteHref, davMultistatus, davRequest, serverName } from '../client';
import { hrefsOf, parseMultistatus, propfindBody, textOf, type DavResource } from './xml';

export type DavKind = 'caldav' | 'carddav';

export interface DavAccount {
  /** Absolute URL of the principal: the account's stable id. */
  principal: string;
  /** Absolute URL of the calendar home or the address book home. */
  home: string;
  name?: string;
  /** From calendar-user-address-set (`mailto:`), when the server says. */
  email?: string;
  /** RFC 6638 schedule-default-calendar-URL, when the server has one. */
  defaultCalendar?: string;
}

const HOME_PROPERTY: Record<DavKind, string> = { caldav: 'c:calendar-home-set', carddav: 'card:addressbook-home-set' };
const HOME_NAME: Record<DavKind, string> = { caldav: 'calendar-home-set', carddav: 'addressbook-home-set' };
const SERVICE: Record<DavKind, string> = { caldav: 'CalDAV', carddav: 'CardDAV' };

/** The typed address as a URL: `https://` added when the scheme is missing, a trailing slash on the path. */
export function serverBase(typed: string): URL {
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(typed.trim()) ? typed.trim() : `https://${typed.trim()}`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

function candidates(base: URL, kind: DavKind): string[] {
  const list = [`${base.origin}/.well-known/${kind}`, `${base.origin}/`];
  if (base.pathname !== '/') list.unshift(base.href);
  return list;
}

/** Statuses that only mean "not here": the next candidate is asked. */
const NOT_HERE = [301, 302, 400, 403, 404, 405, 501];

async function principalAt(ctx: AdapterContext, url: string, kind: DavKind): Promise<string | undefined> {
  const answer = await davRequest(ctx, 'PROPFIND', url, `looking for your ${SERVICE[kind]} account`, {
    depth: '0',
    body: propfindBody(['d:current-user-principal']),
    accept: NOT_HERE,
  });
  if (answer.status !== 207) return undefined;
  let resources: DavResource[];
  try {
    resources = parseMultistatus(answer.text).resources;
  } catch {
    return undefined;
  }
  const principal = hrefsOf(resources[0]?.props['current-user-principal'])[0];
  return principal && absoluteHref(principal, answer.url);
}

async function readPrincipal(ctx: AdapterContext, principal: string, kind: DavKind): Promise<DavAccount> {
  const props = ['d:displayname', HOME_PROPERTY[kind], 'c:calendar-user-address-set', 'c:schedule-default-calendar-URL'];
  const found = await davMultistatus(ctx, 'PROPFIND', principal, `reading your ${SERVICE[kind]} account`, { depth: '0', body: propfindBody(props) });
  const props0 = found.resources[0]?.props ?? {};
  const home = hrefsOf(props0[HOME_NAME[kind]])[0];
  if (!home) {
    throw new AdapterError(`${serverName(principal)} names no ${kind === 'caldav' ? 'calendars' : 'address books'} for this account, so there is nothing Ferry can read or write there.`, 'fatal', {
      fatalReason: 'forbidden',
    });
  }
  const account: DavAccount = { principal, home: absoluteHref(home, found.url) };
  const name = textOf(props0.displayname)?.trim();
  if (name) account.name = name;
  const email = hrefsOf(props0['calendar-user-address-set']).find((h) => /^mailto:/i.test(h));
  if (email) account.email = decodeURIComponent(email.replace(/^mailto:/i, ''));
  const defaultCalendar = hrefsOf(props0['schedule-default-calendar-URL'])[0];
  if (defaultCalendar) account.defaultCalendar = absoluteHref(defaultCalendar, found.url);
  return account;
}

/** The account behind the context's server address and credentials. */
export async function discoverAccount(ctx: AdapterContext, kind: DavKind): Promise<DavAccount> {
  if (!ctx.serverUrl) {
    throw new AdapterError(`Ferry needs the address of your ${SERVICE[kind]} server. Reconnect and type it (for example https://caldav.fastmail.com/).`, 'fatal', {
      fatalReason: 'reconnect',
    });
  }
  let base: URL;
  try {
    base = serverBase(ctx.serverUrl);
  } catch {
    throw new AdapterError(`"${ctx.serverUrl}" is not a web address. Reconnect and type your server's address, such as https://cloud.example.com/remote.php/dav.`, 'fatal', {
      fatalReason: 'reconnect',
    });
  }
  for (const url of candidates(base, kind)) {
    const principal = await principalAt(ctx, url, kind);
    if (principal) return readPrincipal(ctx, principal, kind);
  }
  throw new AdapterError(
    `${base.host} does not answer as a ${SERVICE[kind]} server at ${base.href}. Check the address: Nextcloud's is https://HOST/remote.php/dav, Fastmail's https://${kind}.fastmail.com/, iCloud's ${kind === 'caldav' ? 'https://caldav.icloud.com' : 'https://contacts.icloud.com'}.`,
    'fatal',
    { fatalReason: 'reconnect' },
  );
}

const cache = new WeakMap<AdapterContext, Map<DavKind, Promise<DavAccount>>>();

/** discoverAccount once per context and kind (a failed discovery is asked again next time). */
export function accountOf(ctx: AdapterContext, kind: DavKind): Promise<DavAccount> {
  let byKind = cache.get(ctx);
  if (!byKind) cache.set(ctx, (byKind = new Map()));
  let found = byKind.get(kind);
  if (!found) {
    found = discoverAccount(ctx, kind);
    found.catch(() => byKind.delete(kind));
    byKind.set(kind, found);
  }
  return found;
}
