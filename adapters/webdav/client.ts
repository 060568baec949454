/**
 * WebDAV's HTTP side (RFC 4918): requests through the injected fetch (which carries the Basic credentials), answers
 * classified into AdapterErrors, PROPFIND at Depth 0 or 1 (never infinity, which servers refuse), MKCOL, and URLs of
 * resources below the server URL the person gave, each name percent-encoded.
 */
import { AdapterError, type AdapterContext } from '../../model/adapter';
import { parseRetryAfter, sendRequest } from '../http';
import { PROPFIND_BODY, parseMultistatus, type DavResource } from './multistatus';

export const PROVIDER = 'the WebDAV server';

/** The server URL the connection names, ending in `/`. */
export function serverRoot(ctx: AdapterContext): string {
  const given = ctx.serverUrl?.trim();
  if (!given) throw new AdapterError('No WebDAV server address was given. Connect again and enter the address your service shows for WebDAV.', 'fatal', { fatalReason: 'reconnect' });
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new AdapterError(`“${given}” is not a web address. Connect again with the full WebDAV address, starting with https://.`, 'fatal', { fatalReason: 'reconnect' });
  }
  url.hash = '';
  url.search = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.toString();
}

/** The URL of `path` (`a/b/c`, decoded names) below a collection URL; collections end in `/`. */
export const childUrl = (collection: string, path: string, isCollection = false): string =>
  `${collection}${path.split('/').filter(Boolean).map(encodeURIComponent).join('/')}${isCollection && path ? '/' : ''}`;

/** The decoded path of a resource's href below the root URL (`''` for the root), or undefined when it is outside. */
export function pathBelow(root: string, href: string): string | undefined {
  const rootPath = decodePath(new URL(root).pathname);
  const path = decodePath(new URL(href, root).pathname);
  if (!path.startsWith(rootPath)) return undefined;
  return path.slice(rootPath.length).replace(/\/+$/, '');
}

function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    })
    .join('/');
}

/** Classifies a WebDAV server's refusal; `what` says what was asked, for the message. */
export function davError(status: number, body: string, what: string, retryAfter: string | null, now = Date.now()): AdapterError {
  const said = body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200) || `HTTP ${status}`;
  const details = { status, providerMessage: said };
  if (status === 401) {
    return new AdapterError(`The WebDAV server no longer accepts the user name and password Ferry was given (${said}). Reconnect with a valid app password to continue.`, 'fatal', { ...details, fatalReason: 'reconnect' });
  }
  if (status === 403) {
    return new AdapterError(`The WebDAV server forbade ${what} (${said}): the account may not write there, or the server does not allow that name.`, 'skip', details);
  }
  if (status === 507) {
    return new AdapterError(`The WebDAV server is out of space (${said}). Free up space there, then resume the transfer; nothing is lost.`, 'fatal', { ...details, fatalReason: 'storage-full' });
  }
  if (status === 429 || status === 408 || status === 423 || (status >= 500 && status !== 501)) {
    return new AdapterError(`The WebDAV server could not take ${what} just now (HTTP ${status}: ${said}); Ferry will try again.`, 'retry', { ...details, retryAfterMs: parseRetryAfter(retryAfter, now) });
  }
  if (status === 413) return new AdapterError(`The WebDAV server refused ${what} as too large (${said}).`, 'skip', details);
  return new AdapterError(`The WebDAV server refused ${what} (HTTP ${status}: ${said}).`, 'skip', details);
}

/** A request to the server; the answer when `ok` says so, else the classified error. */
export async function davRequest(ctx: AdapterContext, method: string, url: string, what: string, init: RequestInit = {}, ok = (status: number) => status >= 200 && status < 300): Promise<Response> {
  const response = await sendRequest(ctx, PROVIDER, ctx.url(url), { ...init, method });
  if (ok(response.status)) return response;
  throw davError(response.status, await response.text(), what, response.headers.get('retry-after'));
}

/**
 * The resource at `url` and, at Depth 1, its members; undefined when there is nothing there (404). The first
 * resource is the one asked for.
 */
export async function propfind(ctx: AdapterContext, url: string, depth: 0 | 1): Promise<DavResource[] | undefined> {
  const what = `listing ${decodeURI(new URL(url).pathname)}`;
  const response = await davRequest(ctx, 'PROPFIND', url, what, { headers: { depth: String(depth), 'content-type': 'application/xml; charset=utf-8' }, body: PROPFIND_BODY }, (s) => s === 207 || s === 404);
  const body = await response.text();
  if (response.status === 404) return undefined;
  try {
    return parseMultistatus(body);
  } catch {
    throw new AdapterError(`The WebDAV server answered ${what} with something that is not a WebDAV listing (it starts “${body.slice(0, 60)}”). Check the server address.`, 'fatal', { fatalReason: 'reconnect', status: response.status });
  }
}

/**
 * Makes the collection at `url` (ending in `/`) unless one is there. 405 is how RFC 4918 §9.3.1 says one exists;
 * a file in its place is an error a person must resolve.
 */
export async function ensureCollection(ctx: AdapterContext, url: string): Promise<string> {
  const what = `making the folder ${decodeURI(new URL(url).pathname)}`;
  const response = await davRequest(ctx, 'MKCOL', url, what, {}, (s) => (s >= 200 && s < 300) || s === 405);
  await response.body?.cancel();
  if (response.status !== 405) return url;
  const existing = await propfind(ctx, url, 0);
  if (existing?.[0]?.isCollection) return url;
  throw new AdapterError(`The WebDAV server already has a file at ${decodeURI(new URL(url).pathname)} where Ferry needs a folder; rename it and resume.`, 'fatal');
}
