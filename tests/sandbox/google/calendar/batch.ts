/**
 * The batch endpoint (`POST /batch/calendar/v3`, "Sending batch requests" in the Calendar guides; Gmail's
 * `/batch/gmail/v1` works alike): a multipart/mixed body of `application/http` parts, each an inner request
 * answered through the same API, with the outer request's headers (Authorization) unless the part sets its
 * own. At most 1000 calls (Gmail: 100).
 */
import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { SandboxReply, SandboxRequest } from '../../core/types';
import { badRequest, GoogleApiError } from '../errors';
import type { ApiRequest } from './api';

export const MAX_BATCH_CALLS = 1000;

/** The API a batch endpoint serves: inner paths must start with `prefix`, which the handler is called without. */
export interface BatchApi {
  host: string;
  prefix: string;
  maxCalls: number;
}

const CALENDAR_BATCH: BatchApi = { host: 'www.googleapis.com', prefix: '/calendar/v3', maxCalls: MAX_BATCH_CALLS };

interface Part {
  contentId?: string;
  request?: ApiRequest;
}

const CRLF = /\r?\n/;

function splitHead(text: string): { head: string[]; rest: string } {
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { head: text.split(CRLF).filter((l) => l !== ''), rest: '' };
  return { head: text.slice(0, m.index).split(CRLF), rest: text.slice(m.index + m[0].length) };
}

function headersOf(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}

/** `<prefix>/...`, or a full URL of it, also in the sandbox's `<origin>/<host>/...` form. */
function apiPath(target: string, api: BatchApi): URL | undefined {
  const url = new URL(target, `https://${api.host}`);
  const path = url.pathname.startsWith(`/${api.host}/`) ? url.pathname.slice(api.host.length + 1) : url.pathname;
  if (!path.startsWith(`${api.prefix}/`)) return undefined;
  url.pathname = path;
  return url;
}

function parsePart(raw: string, outerHeaders: Record<string, string>, api: BatchApi): Part {
  const outer = splitHead(raw.replace(/^\r?\n/, ''));
  const partHeaders = headersOf(outer.head);
  const contentId = partHeaders['content-id'];
  const inner = splitHead(outer.rest);
  const [requestLine, ...innerHeaderLines] = inner.head;
  const [method, target] = (requestLine ?? '').split(' ');
  const url = target ? apiPath(target, api) : undefined;
  if (!method || !url) return { ...(contentId ? { contentId } : {}) };
  const body = Buffer.from(inner.rest.replace(/\r?\n$/, ''), 'utf8');
  const headers = { ...(outerHeaders.authorization ? { authorization: outerHeaders.authorization } : {}), ...headersOf(innerHeaderLines) };
  return {
    ...(contentId ? { contentId } : {}),
    request: {
      method: method.toUpperCase(),
      path: url.pathname.slice(api.prefix.length),
      query: url.searchParams,
      headers,
      body: async () => body,
    },
  };
}

export function parseBatch(contentType: string | undefined, body: string, outerHeaders: Record<string, string>, api = CALENDAR_BATCH): Part[] {
  const boundary = /^multipart\/mixed;.*boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  if (!boundary) throw badRequest('Invalid batch request: the Content-Type must be multipart/mixed with a boundary.');
  const chunks = body.split(`--${boundary}`);
  const parts = chunks.slice(1).filter((chunk) => !chunk.startsWith('--') && chunk.trim() !== '');
  if (parts.length === 0) throw badRequest('Invalid batch request: no parts.');
  if (parts.length > api.maxCalls) throw badRequest(`A batch request can contain at most ${api.maxCalls} calls; this one has ${parts.length}.`);
  return parts.map((p) => parsePart(p, outerHeaders, api));
}

const responseId = (contentId: string): string => {
  const bare = contentId.replace(/^<|>$/g, '');
  return contentId.startsWith('<') ? `<response-${bare}>` : `response-${bare}`;
};

function renderReply(reply: SandboxReply): string {
  const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : Buffer.isBuffer(reply.body) ? reply.body.toString('utf8') : JSON.stringify(reply.body, null, 1);
  const headers = { ...(body ? { 'content-type': 'application/json; charset=UTF-8' } : {}), ...reply.headers };
  const lines = [`HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ''}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (body) lines.push(`content-length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

export async function handleBatch(req: SandboxRequest, call: (r: ApiRequest) => Promise<SandboxReply>, api = CALENDAR_BATCH): Promise<SandboxReply> {
  try {
    const parts = parseBatch(req.headers['content-type'], (await req.body()).toString('utf8'), req.headers, api);
    const boundary = `batch_${randomBytes(12).toString('base64url')}`;
    const out: string[] = [];
    for (const part of parts) {
      const reply = part.request ? await call(part.request) : badRequest('Invalid inner request in batch.').reply();
      const head = ['Content-Type: application/http', ...(part.contentId ? [`Content-ID: ${responseId(part.contentId)}`] : [])];
      out.push(`--${boundary}\r\n${head.join('\r\n')}\r\n\r\n${renderReply(reply)}\r\n`);
    }
    return { status: 200, headers: { 'content-type': `multipart/mixed; boundary=${boundary}` }, body: `${out.join('')}--${boundary}--\r\n` };
  } catch (error) {
    if (error instanceof GoogleApiError) return error.reply();
    throw error;
  }
}
