/**
 * WebDAV requests to a CalDAV or CardDAV server through the injected fetch (which carries the app password
 * as HTTP Basic auth), with each refusal classified: 401 asks the person to reconnect, 403 is a refusal,
 * 507 a full account, 429/5xx retry after the server's Retry-After. CardDAV uses this client too.
 */
import { AdapterError, type AdapterContext } from '../../model/adapter';
import { parseRetryAfter, sendRequest } from '../http';
import { parseMultistatus, preconditionOf, type Multistatus } from './webdav/xml';

export type DavMethod = 'GET' | 'PUT' | 'DELETE' | 'PROPFIND' | 'REPORT' | 'MKCALENDAR' | 'MKCOL';

export interface DavAnswer {
  status: number;
  text: string;
  headers: Headers;
  /** The real URL that answered: the one asked, or where the server redirected (when Ferry could see it). */
  url: string;
}

/** The server's name in messages: its host, as the person typed it. */
export const serverName = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
 * Classifies a refusal. `what` says what was asked ("listing your calendars"); a precondition the server
 * names (no-uid-conflict, valid-calendar-data) is kept as the provider code.
 */
export function davError(status: number, text: string, url: string, what: string, retryAfter?: string | null, now = Date.now()): AdapterError {
  const server = serverName(url);
  const precondition = preconditionOf(text);
  const said = precondition ?? (text.trim().replace(/\s+/g, ' ').slice(0, 200) || `HTTP ${status}`);
  const details = { status, providerMessage: said, ...(precondition ? { providerCode: precondition } : {}) };
  if (status === 401) {
    return new AdapterError(
      `${server} did not accept the user name and app password (HTTP 401) while ${what}. Reconnect with a new app password from your account's security settings.`,
      'fatal',
      { ...details, fatalReason: 'reconnect' },
    );
  }
  if (status === 507) {
    return new AdapterError(`Your account at ${server} is full (HTTP 507 Insufficient Storage). Free some space there, then resume the transfer.`, 'fatal', {
      ...details,
      fatalReason: 'storage-full',
    });
  }
  if (status === 429 || status === 408 || status >= 500) {
    const why = status === 429 ? 'asks Ferry to slow down' : `had a temporary problem (HTTP ${status})`;
    return new AdapterError(`${server} ${why} while ${what}; Ferry will try again.`, 'retry', { ...details, retryAfterMs: parseRetryAfter(retryAfter, now) });
  }
  if (status === 403 && !precondition) {
    return new AdapterError(
      `${server} refused ${what} (HTTP 403 Forbidden): the account may not change this collection. Check its sharing settings at ${server}, or pick another destination.`,
      'fatal',
      { ...details, fatalReason: 'forbidden' },
    );
  }
  return new AdapterError(`${server} refused ${what} (HTTP ${status}: ${said}).`, 'skip', details);
}

export interface DavRequestOptions {
  depth?: '0' | '1' | 'infinity';
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Statuses the caller handles itself (412 on a conditional PUT, 404 on a lookup); others throw. */
  accept?: readonly number[];
}

/** One request to a real server URL; 2xx and the statuses in `accept` resolve, the rest throw AdapterError. */
export async function davRequest(ctx: AdapterContext, method: DavMethod, realUrl: string, what: string, options: DavRequestOptions = {}): Promise<DavAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.depth) headers.depth = options.depth;
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/xml; charset=utf-8';
  const asked = ctx.url(realUrl);
  const response = await sendRequest(ctx, serverName(realUrl), asked, { method, headers, body: options.body });
  const text = await response.text();
  const ok = (response.status >= 200 && response.status < 300) || options.accept?.includes(response.status);
  if (!ok) throw davError(response.status, text, realUrl, what, response.headers.get('retry-after'));
  // Only an unrewritten URL can be followed to where a redirect led; a rewritten one stays the real URL asked.
  const url = response.redirected && response.url && asked === realUrl ? response.url : realUrl;
  return { status: response.status, text, headers: response.headers, url };
}

/** A PROPFIND or REPORT whose answer must be a multistatus. */
export async function davMultistatus(ctx: AdapterContext, method: 'PROPFIND' | 'REPORT', realUrl: string, what: string, options: DavRequestOptions): Promise<Multistatus & { url: string }> {
  const answer = await davRequest(ctx, method, realUrl, what, options);
  try {
    return { ...parseMultistatus(answer.text), url: answer.url };
  } catch (error) {
    throw new AdapterError(`${serverName(realUrl)} answered ${what} with something Ferry cannot read (${(error as Error).message}); Ferry will try again.`, 'retry', {
      status: answer.status,
      providerMessage: answer.text.slice(0, 200),
    });
  }
}

/** An href from a multistatus, absolute against the URL that answered. */
export const absoluteHref = (href: string, base: string): string => new URL(href, base).href;

/** The ETag a write answered with, unquoted weak marker kept (servers compare them as they sent them). */
export const etagOf = (headers: Headers): string | undefined => headers.get('etag') ?? undefined;
