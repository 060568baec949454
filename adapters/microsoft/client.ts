/**
 * Microsoft Graph's HTTP side: JSON requests through the injected fetch, Graph's error bodies
 * (https://learn.microsoft.com/graph/errors) turned into classified AdapterErrors, paging by
 * `@odata.nextLink`, and JSON batching (https://learn.microsoft.com/graph/json-batching).
 */
import { AdapterError, type AdapterContext } from '../../model/adapter';
import { parseJsonAnswer, parseRetryAfter, sendRequest } from '../http';

export const GRAPH_API = 'https://graph.microsoft.com/v1.0';
const BATCH_URL = `${GRAPH_API}/$batch`;
/** Graph takes at most 20 requests in one $batch. */
export const MAX_BATCH_REQUESTS = 20;
/**
 * Every answer carries start and end in UTC, whatever the mailbox's own zone (the event's own zone is
 * read from originalStartTimeZone), and bodies as text, converted by Outlook itself
 * (https://learn.microsoft.com/graph/api/event-get#request-headers).
 */
export const PREFER = 'outlook.timezone="UTC", outlook.body-content-type="text"';

interface GraphErrorBody {
  error?: { code?: string; message?: string; innerError?: { code?: string }; innererror?: { code?: string } };
}

/** Codes Exchange gives when the mailbox has no room left for the item. */
/** Outlook's mailbox-full codes and OneDrive's `quotaLimitReached`. */
const STORAGE_CODES = new Set(['ErrorQuotaExceeded', 'ErrorQuotaExceededOnDelete', 'QuotaExceeded', 'quotaLimitReached']);
const ACCESS_CODES = new Set(['ErrorAccessDenied', 'AccessDenied', 'Authorization_RequestDenied', 'ErrorInsufficientPermissionsInAccessToken']);

function readErrorBody(body: unknown): { code?: string; innerCode?: string; message?: string } {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return {};
    }
  }
  const error = (parsed as GraphErrorBody | null)?.error;
  return { code: error?.code, innerCode: error?.innerError?.code ?? error?.innererror?.code, message: error?.message };
}

const rawText = (body: unknown): string => (typeof body === 'string' ? body : JSON.stringify(body ?? '')).trim().slice(0, 200);

/** How a refusal names what was refused: the data behind a part of Graph, and where space runs out. */
interface ApiWords {
  access: string;
  allow: string;
  full: string;
}

const CALENDAR_WORDS: ApiWords = {
  access: 'your calendars',
  allow: 'read and write your calendars',
  full: 'Your Outlook mailbox is full, so Outlook refused to save more (SAID). Free up space in Outlook (empty Deleted Items, remove large mail)',
};

/** By the path below `/me`, the words for each part of Graph Ferry calls (calendars when none matches). */
const API_WORDS: readonly [RegExp, ApiWords][] = [
  [/\/me\/todo\//, { access: 'your To Do tasks', allow: 'read and write your tasks', full: CALENDAR_WORDS.full }],
  [/\/me\/drive\b/, { access: 'your OneDrive', allow: 'read and write your files', full: 'Your OneDrive is full (SAID). Free up space in OneDrive' }],
  [/\/me\/contact/, { access: 'your contacts', allow: 'read and write your contacts', full: CALENDAR_WORDS.full }],
  [/\/me\/(messages|mailFolders)\b/, { access: 'your mail', allow: 'read and write your mail', full: CALENDAR_WORDS.full }],
];

const wordsFor = (url: string | undefined): ApiWords => (url && API_WORDS.find(([path]) => path.test(url))?.[1]) || CALENDAR_WORDS;

/**
 * Classifies one of Graph's error answers (a whole request or one response inside a $batch); `url`, the URL
 * asked, names what a refusal is about.
 */
export function graphError(status: number, body: unknown, retryAfter?: string | null, now = Date.now(), url?: string): AdapterError {
  const words = wordsFor(url);
  const { code, innerCode, message } = readErrorBody(body);
  const said = message ?? (rawText(body) || `HTTP ${status}`);
  const details = { status, providerMessage: said, providerCode: code };
  if (status === 507 || STORAGE_CODES.has(code ?? '') || STORAGE_CODES.has(innerCode ?? '')) {
    return new AdapterError(
      `${words.full.replace('SAID', said)}, then resume the transfer; nothing is lost.`,
      'fatal',
      { ...details, fatalReason: 'storage-full' },
    );
  }
  if (status === 401) {
    return new AdapterError(
      `Microsoft no longer accepts Ferry's access to your account (${said}). Reconnect your Microsoft account to continue.`,
      'fatal',
      { ...details, fatalReason: 'reconnect' },
    );
  }
  if (status === 403) {
    const why = ACCESS_CODES.has(code ?? '') ? `Ferry was not given access to ${words.access}` : 'Microsoft refused access';
    return new AdapterError(
      `${why} (${said}). Reconnect your Microsoft account and allow Ferry to ${words.allow} when Microsoft asks.`,
      'fatal',
      { ...details, fatalReason: 'forbidden' },
    );
  }
  if (status === 429) {
    return new AdapterError(`Microsoft asks Ferry to slow down (${said}); Ferry will try again.`, 'retry', {
      ...details,
      retryAfterMs: parseRetryAfter(retryAfter, now),
    });
  }
  if ((status >= 500 && status !== 501) || status === 408) {
    return new AdapterError(`Microsoft had a temporary problem (HTTP ${status}: ${said}); Ferry will try again.`, 'retry', {
      ...details,
      retryAfterMs: parseRetryAfter(retryAfter, now),
    });
  }
  return new AdapterError(`Microsoft refused this: ${said}`, 'skip', details);
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

function headers(body: unknown): Record<string, string> {
  const base = { accept: 'application/json', prefer: PREFER };
  return body === undefined ? base : { ...base, 'content-type': 'application/json' };
}

async function exchange<T>(ctx: AdapterContext, method: HttpMethod, url: string, what: string, body?: unknown): Promise<T> {
  const response = await sendRequest(ctx, 'Microsoft', url, { method, headers: headers(body), body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw graphError(response.status, text, response.headers.get('retry-after'), Date.now(), url);
  return (text.trim() ? parseJsonAnswer<T>(text, 'Microsoft', what) : undefined) as T;
}

/** One JSON request to a real Graph URL; resolves to the parsed body (undefined for an empty answer). */
export function graphRequest<T>(ctx: AdapterContext, method: HttpMethod, realUrl: string, body?: unknown): Promise<T> {
  return exchange<T>(ctx, method, ctx.url(realUrl), `${method} ${new URL(realUrl).pathname}`, body);
}

/**
 * The page an `@odata.nextLink` names. The link is the server's own absolute URL and is used as it is
 * (https://learn.microsoft.com/graph/paging); a sandbox already answers with links to itself.
 */
export function graphNextPage<T>(ctx: AdapterContext, nextLink: string): Promise<T> {
  return exchange<T>(ctx, 'GET', nextLink, 'the next page');
}

/** A query string of the given parameters, skipping undefined ones; names keep their `$` as Graph's docs spell them. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const pairs = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** An OData string literal: single quotes doubled (OData ABNF, SQUOTE-in-string). */
export const odataString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

export interface BatchRequest {
  /** Caller's id for the request, echoed by the matching response. */
  id: string;
  method: HttpMethod;
  /** The real URL of the request; inside the batch it travels relative to the version root. */
  url: string;
  body?: unknown;
}

export type BatchAnswer = { id: string; ok: true; status: number; body: unknown } | { id: string; ok: false; status: number; error: AdapterError };

interface BatchResponse {
  id?: string;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

function relativeUrl(realUrl: string): string {
  if (!realUrl.startsWith(GRAPH_API)) throw new Error(`Not a Graph v1.0 URL: ${realUrl}`);
  return realUrl.slice(GRAPH_API.length);
}

function encodeBatch(requests: readonly BatchRequest[]) {
  return {
    requests: requests.map((r) => ({
      id: r.id,
      method: r.method,
      url: relativeUrl(r.url),
      headers: r.body === undefined ? { prefer: PREFER } : { prefer: PREFER, 'content-type': 'application/json' },
      ...(r.body === undefined ? {} : { body: r.body }),
    })),
  };
}

const headerOf = (headers: Record<string, string> | undefined, name: string): string | undefined =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

function answerOf(request: BatchRequest, response: BatchResponse | undefined): BatchAnswer {
  const status = response?.status ?? 0;
  if (!response || !status) {
    const error = new AdapterError(`Microsoft's batch answer had no reply for this request; Ferry will try again.`, 'retry');
    return { id: request.id, ok: false, status: 0, error };
  }
  if (status < 200 || status >= 300) {
    return { id: request.id, ok: false, status, error: graphError(status, response.body, headerOf(response.headers, 'retry-after'), Date.now(), request.url) };
  }
  return { id: request.id, ok: true, status, body: response.body };
}

async function sendBatch(ctx: AdapterContext, requests: readonly BatchRequest[]): Promise<BatchAnswer[]> {
  const answer = await exchange<{ responses?: BatchResponse[] }>(ctx, 'POST', ctx.url(BATCH_URL), 'a batch', encodeBatch(requests));
  if (!Array.isArray(answer?.responses)) {
    throw new AdapterError(`Microsoft's batch answer has no "responses" list; Ferry will try again.`, 'retry');
  }
  // Responses come in any order (https://learn.microsoft.com/graph/json-batching#response-format).
  const byId = new Map(answer.responses.map((r) => [String(r.id), r]));
  return requests.map((request) => answerOf(request, byId.get(request.id)));
}

/**
 * Sends requests as $batch calls of at most 20 (each request still counts against the mailbox's limits)
 * and answers them in the order given. A throttled request comes back as a retry-class error carrying
 * its own Retry-After. Throws only when a batch call itself failed.
 */
export async function graphBatch(ctx: AdapterContext, requests: readonly BatchRequest[]): Promise<BatchAnswer[]> {
  const answers: BatchAnswer[] = [];
  for (let i = 0; i < requests.length; i += MAX_BATCH_REQUESTS) {
    answers.push(...(await sendBatch(ctx, requests.slice(i, i + MAX_BATCH_REQUESTS))));
  }
  return answers;
}
