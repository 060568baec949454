/**
 * Google's HTTP side: JSON requests through the injected fetch, Google's error bodies turned into
 * classified AdapterErrors (https://developers.google.com/workspace/calendar/api/guides/errors), and the
 * batch endpoint (https://developers.google.com/workspace/calendar/api/guides/batch).
 */
import { AdapterError, type AdapterContext } from '../../model/adapter';
import { parseJsonAnswer, parseRetryAfter, sendRequest } from '../http';

export const CALENDAR_API = 'https://www.googleapis.com/calendar/v3';
const BATCH_URL = 'https://www.googleapis.com/batch/calendar/v3';

interface GoogleErrorBody {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    errors?: { domain?: string; reason?: string; message?: string }[];
    details?: { reason?: string }[];
  };
}

const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'RATE_LIMIT_EXCEEDED']);
const SCOPE_REASONS = new Set(['insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT']);
const QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded']);

function readErrorBody(text: string): { reason?: string; message?: string } {
  try {
    const { error } = JSON.parse(text) as GoogleErrorBody;
    const reason = error?.errors?.find((e) => e.reason)?.reason ?? error?.details?.find((d) => d.reason)?.reason;
    return { reason, message: error?.message ?? error?.errors?.[0]?.message };
  } catch {
    return {};
  }
}

/** How a refusal names what was refused: the data behind one Google API, and that API's usage limit. */
interface ApiWords {
  access: string;
  allow: string;
  limit: string;
  resumeWhen: string;
}

const CALENDAR_WORDS: ApiWords = {
  access: 'your calendars',
  allow: 'see and edit your calendar events',
  limit: "Google Calendar's usage limit for your account",
  resumeWhen: 'in a few hours',
};

/** By the URL's start, the words for each API Ferry calls (Calendar when none matches). */
const API_WORDS: readonly [string, ApiWords][] = [
  ['https://people.googleapis.com/', { access: 'your contacts', allow: 'see and edit your contacts', limit: "Google Contacts' usage limit for your account", resumeWhen: 'in a few hours' }],
  ['https://tasks.googleapis.com/', { access: 'your tasks', allow: 'see and edit your tasks', limit: "Google Tasks' usage limit for today", resumeWhen: 'tomorrow' }],
  ['https://gmail.googleapis.com/', { access: 'your Gmail', allow: 'read your mail and add mail and labels', limit: "Gmail's usage limit for your account", resumeWhen: 'in a few hours' }],
  ['https://photospicker.googleapis.com/', { access: 'Google Photos', allow: 'pick photos and add them to Google Photos', limit: "Google Photos' usage limit for today", resumeWhen: 'tomorrow' }],
  ['https://photoslibrary.googleapis.com/', { access: 'Google Photos', allow: 'pick photos and add them to Google Photos', limit: "Google Photos' usage limit for today", resumeWhen: 'tomorrow' }],
];

const wordsFor = (realUrl: string | undefined): ApiWords =>
  (realUrl && API_WORDS.find(([prefix]) => realUrl.startsWith(prefix))?.[1]) || CALENDAR_WORDS;

/**
 * Classifies one of Google's error answers (whole request or one part of a batch); `realUrl`, the URL asked,
 * names what a refusal is about.
 */
export function googleError(status: number, bodyText: string, retryAfter?: string | null, now = Date.now(), realUrl?: string): AdapterError {
  const words = wordsFor(realUrl);
  const { reason, message } = readErrorBody(bodyText);
  const said = message ?? (bodyText.trim().slice(0, 200) || `HTTP ${status}`);
  const details = { status, providerMessage: said, providerCode: reason };
  if (status === 401) {
    return new AdapterError(
      `Google no longer accepts Ferry's access to your account (${said}). Reconnect your Google account to continue.`,
      'fatal',
      { ...details, fatalReason: 'reconnect' },
    );
  }
  if (status === 429 || (status === 403 && reason && RATE_LIMIT_REASONS.has(reason))) {
    return new AdapterError(`Google asks Ferry to slow down (${said}); Ferry will try again.`, 'retry', {
      ...details,
      retryAfterMs: parseRetryAfter(retryAfter, now),
    });
  }
  if (status === 403 && reason && SCOPE_REASONS.has(reason)) {
    return new AdapterError(
      `Google refused: Ferry was not given access to ${words.access} (${said}). Reconnect your Google account and allow Ferry to ${words.allow} when Google asks.`,
      'fatal',
      { ...details, fatalReason: 'forbidden' },
    );
  }
  if (status === 403 && reason && QUOTA_REASONS.has(reason)) {
    return new AdapterError(
      `${words.limit} is used up (${said}). Resume the transfer ${words.resumeWhen}; nothing is lost.`,
      'fatal',
      { ...details, fatalReason: 'quota-exhausted' },
    );
  }
  if (status >= 500 || status === 408) {
    return new AdapterError(`Google had a temporary problem (HTTP ${status}: ${said}); Ferry will try again.`, 'retry', {
      ...details,
      retryAfterMs: parseRetryAfter(retryAfter, now),
    });
  }
  return new AdapterError(`Google refused this: ${said}`, 'skip', details);
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One JSON request to a real Google URL; resolves to the parsed body (undefined for an empty answer). */
export async function googleRequest<T>(ctx: AdapterContext, method: HttpMethod, realUrl: string, body?: unknown): Promise<T> {
  const response = await sendRequest(ctx, 'Google', ctx.url(realUrl), {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw googleError(response.status, text, response.headers.get('retry-after'), Date.now(), realUrl);
  return (text.trim() ? parseJsonAnswer<T>(text, 'Google', `${method} ${new URL(realUrl).pathname}`) : undefined) as T;
}

/** A query string of the given parameters, skipping undefined ones. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface BatchRequest {
  /** Caller's id for the call, echoed as the part's Content-ID. */
  id: string;
  method: HttpMethod;
  /** The real URL of the call (only its path and query travel inside the batch). */
  url: string;
  body?: unknown;
}

export type BatchAnswer = { id: string; ok: true; status: number; body: unknown } | { id: string; ok: false; status: number; error: AdapterError };

const CRLF = '\r\n';

/** The multipart/mixed body of a batch: one application/http part per call, path-only request lines. */
export function encodeBatch(requests: readonly BatchRequest[], boundary: string): string {
  const parts = requests.map((request) => {
    const url = new URL(request.url);
    const inner = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`];
    if (request.body !== undefined) inner.push('Content-Type: application/json; charset=UTF-8');
    const head = ['Content-Type: application/http', `Content-ID: <${request.id}>`, '', ...inner, ''];
    return `--${boundary}${CRLF}${head.join(CRLF)}${CRLF}${request.body === undefined ? '' : JSON.stringify(request.body)}${CRLF}`;
  });
  return `${parts.join('')}--${boundary}--${CRLF}`;
}

function splitHead(text: string): { head: string[]; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { head: text.split(/\r?\n/), body: '' };
  return { head: text.slice(0, match.index).split(/\r?\n/), body: text.slice(match.index + match[0].length) };
}

function header(lines: string[], name: string): string | undefined {
  const prefix = `${name.toLowerCase()}:`;
  return lines.find((l) => l.toLowerCase().startsWith(prefix))?.slice(prefix.length).trim();
}

interface DecodedPart {
  contentId?: string;
  status: number;
  retryAfter?: string;
  body: string;
}

/** The parts of a multipart/mixed batch answer, each an embedded HTTP response. */
export function decodeBatch(contentType: string, text: string): DecodedPart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) {
    throw new AdapterError(`Google's batch answer is not multipart (Content-Type "${contentType}"); Ferry will try again.`, 'retry');
  }
  const sections = text.split(`--${boundary}`).slice(1);
  const parts: DecodedPart[] = [];
  for (const section of sections) {
    if (section.startsWith('--')) break;
    const outer = splitHead(section.replace(/^\r?\n/, ''));
    const inner = splitHead(outer.body);
    const status = Number(/^HTTP\/[\d.]+\s+(\d{3})/.exec(inner.head[0] ?? '')?.[1] ?? 0);
    const contentId = header(outer.head, 'content-id')?.replace(/^<|>$/g, '').replace(/^response-/, '');
    parts.push({ contentId, status, retryAfter: header(inner.head, 'retry-after'), body: inner.body.replace(/\r?\n$/, '') });
  }
  return parts;
}

function answerOf(request: BatchRequest, part: DecodedPart | undefined): BatchAnswer {
  if (!part || part.status === 0) {
    const error = new AdapterError(`Google's batch answer had no readable reply for this request; Ferry will try again.`, 'retry');
    return { id: request.id, ok: false, status: 0, error };
  }
  if (part.status < 200 || part.status >= 300) {
    return { id: request.id, ok: false, status: part.status, error: googleError(part.status, part.body, part.retryAfter, Date.now(), request.url) };
  }
  try {
    const body = part.body.trim() ? parseJsonAnswer(part.body, 'Google', `${request.method} ${new URL(request.url).pathname}`) : undefined;
    return { id: request.id, ok: true, status: part.status, body };
  } catch (error) {
    return { id: request.id, ok: false, status: part.status, error: error as AdapterError };
  }
}

/**
 * Sends calls in one batch request (≤ 1000 calls, Gmail ≤ 100; each still counts against the quota) and
 * answers them in the same order. Throws only when the batch request itself failed. `batchUrl`: the API's
 * batch endpoint (Calendar's unless given).
 */
export async function googleBatch(ctx: AdapterContext, requests: readonly BatchRequest[], batchUrl = BATCH_URL): Promise<BatchAnswer[]> {
  if (requests.length === 0) return [];
  const boundary = `ferry_batch_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const response = await sendRequest(ctx, 'Google', ctx.url(batchUrl), {
    method: 'POST',
    headers: { 'content-type': `multipart/mixed; boundary=${boundary}` },
    body: encodeBatch(requests, boundary),
  });
  const text = await response.text();
  if (!response.ok) throw googleError(response.status, text, response.headers.get('retry-after'), Date.now(), batchUrl);
  const parts = decodeBatch(response.headers.get('content-type') ?? '', text);
  const byId = new Map(parts.filter((p) => p.contentId).map((p) => [p.contentId!, p]));
  return requests.map((request, i) => answerOf(request, byId.get(request.id) ?? (byId.size ? undefined : parts[i])));
}
