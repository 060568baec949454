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

/** Graph's 409: the name (or the id) is taken, so what Ferry meant to make is there already, or something else is. */
export const isConflict = (error: unknown): boolean => error instanceof AdapterError && error.details.status === 409;

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
  /** A JSON body, or the raw body of a request with `contentType` (sent in base64, as Graph requires). */
  body?: unknown;
  /** A body that is not JSON: its Content-Type; `body` is then the request's text. */
  contentType?: string;
}

export type BatchAnswer = { id: string; ok: true; status: number; body: unknown } | { id: string; ok: false; status: number; error: AdapterError };

interface BatchResponse {
  id?: string;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Graph refuses a request over 4 MB, a $batch included; this leaves room for its JSON around the bodies. */
export const MAX_BATCH_BYTES = 4_000_000;
/** Graph hands Outlook at most four requests of one batch at a time; each holds one of the mailbox's four. */
const BATCH_PARALLELISM = 4;

function relativeUrl(realUrl: string): string {
  if (!realUrl.startsWith(GRAPH_API)) throw new Error(`Not a Graph v1.0 URL: ${realUrl}`);
  return realUrl.slice(GRAPH_API.length);
}

const toBase64 = (text: string): string => {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

/**
 * One request as the batch carries it. A body that is not JSON goes as a base64 string with its Content-Type
 * (https://learn.microsoft.com/graph/json-batching#request-format): a MIME message, whose request body is
 * already base64 text, is base64-encoded once more.
 */
function encodeRequest(r: BatchRequest) {
  const base = { id: r.id, method: r.method, url: relativeUrl(r.url) };
  if (r.body === undefined) return { ...base, headers: { prefer: PREFER } };
  if (r.contentType) return { ...base, headers: { prefer: PREFER, 'content-type': r.contentType }, body: toBase64(String(r.body)) };
  return { ...base, headers: { prefer: PREFER, 'content-type': 'application/json' }, body: r.body };
}

/** Bytes one request adds to a batch's JSON. */
export const batchedSize = (request: BatchRequest): number => JSON.stringify(encodeRequest(request)).length + 1;

const headerOf = (headers: Record<string, string> | undefined, name: string): string | undefined =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/** Graph answers a request whose body went in base64 with its body in base64 too. */
function bodyOf(request: BatchRequest, response: BatchResponse): unknown {
  if (!request.contentType || typeof response.body !== 'string') return response.body;
  try {
    const binary = atob(response.body);
    const text = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    return text.trim() ? JSON.parse(text) : undefined;
  } catch {
    return response.body;
  }
}

function answerOf(request: BatchRequest, response: BatchResponse | undefined): BatchAnswer {
  const status = response?.status ?? 0;
  if (!response || !status) {
    const error = new AdapterError(`Microsoft's batch answer had no reply for this request; Ferry will try again.`, 'retry');
    return { id: request.id, ok: false, status: 0, error };
  }
  const body = bodyOf(request, response);
  if (status < 200 || status >= 300) {
    return { id: request.id, ok: false, status, error: graphError(status, body, headerOf(response.headers, 'retry-after'), Date.now(), request.url) };
  }
  return { id: request.id, ok: true, status, body };
}

async function sendBatch(ctx: AdapterContext, requests: readonly BatchRequest[], inOrder: boolean): Promise<BatchAnswer[]> {
  const payload = { requests: requests.map((r, i) => ({ ...encodeRequest(r), ...(inOrder && i > 0 && { dependsOn: [requests[i - 1]!.id] }) })) };
  const answer = await exchange<{ responses?: BatchResponse[] }>(ctx, 'POST', ctx.url(BATCH_URL), 'a batch', payload);
  if (!Array.isArray(answer?.responses)) {
    throw new AdapterError(`Microsoft's batch answer has no "responses" list; Ferry will try again.`, 'retry');
  }
  // Responses come in any order (https://learn.microsoft.com/graph/json-batching#response-format).
  const byId = new Map(answer.responses.map((r) => [String(r.id), r]));
  return requests.map((request) => answerOf(request, byId.get(request.id)));
}

/**
 * A chain of requests, each depending on the one before, so Graph runs one at a time. Graph answers those
 * after a failed one 424 without running them. After a refusal of that one request (skip-class) they go again
 * in the next chain; after trouble (throttled, a server error) they share its answer, Retry-After included,
 * instead of running into it again.
 */
async function sendChain(ctx: AdapterContext, requests: readonly BatchRequest[]): Promise<BatchAnswer[]> {
  const answers = new Map<string, BatchAnswer>();
  for (let left = requests; left.length; ) {
    const round = await sendBatch(ctx, left, true);
    const held = round.filter((answer, i) => i > 0 && answer.status === 424);
    const cause = round.find((answer): answer is Extract<BatchAnswer, { ok: false }> => !answer.ok && answer.status !== 424);
    for (const answer of round) answers.set(answer.id, cause && cause.error.errorClass !== 'skip' && held.includes(answer) ? { ...cause, id: answer.id } : answer);
    left = cause?.error.errorClass === 'skip' ? left.filter((r) => held.some((h) => h.id === r.id)) : [];
  }
  return requests.map((r) => answers.get(r.id)!);
}

/** The requests cut into $batch calls of at most 20 requests and MAX_BATCH_BYTES. */
function calls(requests: readonly BatchRequest[]): BatchRequest[][] {
  const out: BatchRequest[][] = [];
  let current: BatchRequest[] = [];
  let bytes = 0;
  for (const request of requests) {
    const size = batchedSize(request);
    if (current.length && (current.length === MAX_BATCH_REQUESTS || bytes + size > MAX_BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(request);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Sends requests as $batch calls of at most 20 and 4 MB (each request still counts against the mailbox's
 * limits) and answers them in the order given. A throttled request comes back as a retry-class error carrying
 * its own Retry-After. Throws only when a batch call itself failed.
 *
 * `inOrder`: Graph runs the requests one after another (a dependsOn chain). A batch then holds one of the
 * mailbox's four in-flight requests instead of four, so four batches travel at once and their network time
 * overlaps: more requests a second within the same limit, each batch taking longer.
 */
export async function graphBatch(ctx: AdapterContext, requests: readonly BatchRequest[], options: { inOrder?: boolean } = {}): Promise<BatchAnswer[]> {
  const answers: BatchAnswer[] = [];
  for (const call of calls(requests)) answers.push(...(await (options.inOrder ? sendChain(ctx, call) : sendBatch(ctx, call, false))));
  return answers;
}

/**
 * The mailbox's in-flight slots a request to Graph holds: one, or for a $batch as many of its requests as Graph
 * runs at once (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits counts each of them).
 */
export function graphSlots(request: { method: string; url: string; body?: unknown }): number {
  if (!request.url.endsWith('/$batch') || typeof request.body !== 'string') return 1;
  // Counted without parsing (a batch may carry 4 MB of message bodies): requests that wait for none run at once.
  const requests = request.body.match(/"method":"/g)?.length ?? 1;
  const waiting = request.body.match(/"dependsOn":\[/g)?.length ?? 0;
  return Math.min(BATCH_PARALLELISM, Math.max(1, requests - waiting));
}
