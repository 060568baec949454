/**
 * POST /v1.0/$batch — JSON batching (https://learn.microsoft.com/graph/json-batching): at most 20
 * requests, each answered by the same handlers as on its own and counted against the mailbox's limits.
 * Graph hands at most four requests of a batch to Outlook at a time; `dependsOn` orders them and a
 * request whose dependency failed is answered 424. A body that is not JSON travels as a base64 string and its
 * answer's body comes back in base64 too; the whole batch, like any request, may not exceed 4 MB. Injected
 * faults of kind `status` and `slow` hit the requests inside as they would a request of their own.
 */
import { Readable } from 'node:stream';
import type { SandboxContext, SandboxReply, SandboxRequest } from '../../core/types';
import { retryAfterHeader, type FaultPlan } from '../../core/faults';
import { GRAPH_HOST } from '../account';
import { MAX_REQUEST_BYTES } from '../mail/api';
import { requireScopes } from './auth';
import { badRequest, GraphError, graphErrorReply, requestIds } from './errors';

const MAX_REQUESTS = 20;
const PARALLEL_PER_BATCH = 4;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const INNER_HEADERS = ['content-type', 'retry-after', 'location', 'preference-applied', 'etag', 'www-authenticate'];

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  /** The bytes of a body that went in base64 (a Content-Type other than JSON). */
  raw?: Buffer;
  dependsOn: string[];
}

interface BatchDeps {
  ctx: SandboxContext;
  answer: (req: SandboxRequest) => Promise<SandboxReply>;
}

const invalid = (detail: string) => badRequest('BadRequest', `Invalid batch payload format: ${detail}`);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const isJsonType = (contentType: string | undefined): boolean => /^application\/([\w.+-]*\+)?json\b/i.test(contentType ?? '');

/** A body whose Content-Type is not JSON must be a base64 string (https://learn.microsoft.com/graph/json-batching#request-format). */
const rawBody = (id: string, headers: Record<string, string>, body: unknown): Buffer | undefined => {
  const type = headers['content-type'];
  if (body === undefined || type === undefined || isJsonType(type)) return undefined;
  if (typeof body !== 'string' || !BASE64.test(body) || body.length % 4 !== 0) {
    throw invalid(`request '${id}' has a ${type} body that is not a base64 string.`);
  }
  return Buffer.from(body, 'base64');
};

const readItems = (payload: unknown): BatchItem[] => {
  const requests = (payload as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) throw invalid("the body needs a 'requests' array.");
  if (requests.length === 0) throw invalid("'requests' is empty.");
  if (requests.length > MAX_REQUESTS) throw badRequest('BadRequest', `Limit of ${MAX_REQUESTS} requests per batch exceeded: this batch has ${requests.length}.`);
  const seen = new Set<string>();
  return requests.map((raw: unknown, index) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    if (typeof r.id !== 'string' || r.id === '') throw invalid(`request #${index + 1} needs a string 'id'.`);
    if (seen.has(r.id.toLowerCase())) throw invalid(`the request id '${r.id}' is used twice.`);
    seen.add(r.id.toLowerCase());
    const method = typeof r.method === 'string' ? r.method.toUpperCase() : '';
    if (!METHODS.includes(method)) throw invalid(`request '${r.id}' has no valid 'method'.`);
    if (typeof r.url !== 'string' || r.url === '') throw invalid(`request '${r.id}' needs a 'url'.`);
    if (/^[a-z]+:\/\//i.test(r.url)) throw invalid(`request '${r.id}': the url must be relative to the version, such as /me/events.`);
    if (/^\/?\$batch\b/i.test(r.url)) throw invalid(`request '${r.id}': a batch cannot contain another $batch.`);
    const dependsOn = r.dependsOn === undefined ? [] : r.dependsOn;
    if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== 'string' || !seen.has(d.toLowerCase()) || d === r.id)) {
      throw invalid(`request '${r.id}' depends on a request that is not earlier in the batch.`);
    }
    const headers = Object.fromEntries(Object.entries((r.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const bytes = rawBody(r.id, headers, r.body);
    return { id: r.id, method, url: r.url, headers, ...(r.body !== undefined && { body: r.body }), ...(bytes && { raw: bytes }), dependsOn: dependsOn as string[] };
  });
};

const innerRequest = (item: BatchItem, outer: SandboxRequest): SandboxRequest => {
  const [path = '', search = ''] = (item.url.startsWith('/') ? item.url : `/${item.url}`).split('?');
  const body = item.raw ?? (item.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof item.body === 'string' ? item.body : JSON.stringify(item.body)));
  return {
    method: item.method,
    host: GRAPH_HOST,
    path: `/v1.0${path}`,
    query: new URLSearchParams(search),
    headers: { ...item.headers, ...(outer.headers.authorization !== undefined && { authorization: outer.headers.authorization }) },
    body: async () => body,
    stream: Readable.from([body]),
  };
};

const bytesOf = (body: unknown): Buffer => (Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));

const innerResponse = (item: BatchItem, reply: SandboxReply) => ({
  id: item.id,
  status: reply.status,
  headers: Object.fromEntries(Object.entries(reply.headers ?? {}).filter(([k]) => INNER_HEADERS.includes(k.toLowerCase()))),
  ...(reply.body !== undefined && { body: item.raw ? bytesOf(reply.body).toString('base64') : reply.body }),
});

/**
 * One request inside a batch, answered, or faulted as Graph answers one of its own when a fault aims at it. The
 * request is logged as one of its own too, so a test sees a fault inside a batch, and the retry after it, as it
 * sees them outside one.
 */
const answerInner = async (ctx: SandboxContext, item: BatchItem, req: SandboxRequest, answer: () => Promise<SandboxReply>): Promise<SandboxReply> => {
  const fault = ctx.faults?.take({ provider: 'microsoft', method: item.method, host: GRAPH_HOST, path: req.path, kinds: ['status', 'slow'] });
  const entry = ctx.requestLog?.start({ provider: 'microsoft', method: item.method, host: GRAPH_HOST, path: req.path, ...(fault ? { fault: fault.kind } : {}) });
  const reply = await faultedOrAnswered(fault, item, answer);
  if (entry) ctx.requestLog?.finish(entry, reply.status);
  return reply;
};

const faultedOrAnswered = async (fault: ReturnType<FaultPlan['take']>, item: BatchItem, answer: () => Promise<SandboxReply>): Promise<SandboxReply> => {
  if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
  if (fault?.kind !== 'status') return answer();
  const status = fault.status ?? 503;
  const code = fault.code ?? (status === 429 ? 'ApplicationThrottled' : status >= 500 ? 'ServiceUnavailable' : 'BadRequest');
  const headers = fault.retryAfter ? { 'retry-after': retryAfterHeader(fault.retryAfter) } : undefined;
  return graphErrorReply(status, code, fault.message ?? `Injected fault: HTTP ${status}.`, requestIds(item.headers), headers);
};

export const batchEndpoint = (deps: BatchDeps) => {
  const run = async (req: SandboxRequest): Promise<SandboxReply> => {
    requireScopes(deps.ctx.tokens, req.headers.authorization, []);
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      throw badRequest('BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
    }
    const text = await req.body();
    if (text.length > MAX_REQUEST_BYTES) throw new GraphError(413, 'ErrorRequestEntityTooLarge', 'The request is larger than the 4 MB Graph takes.');
    let payload: unknown;
    try {
      payload = JSON.parse(text.toString('utf8'));
    } catch {
      throw badRequest('BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
    }
    const items = readItems(payload);
    const done = new Map<string, SandboxReply>();
    const waiting = [...items];
    const running = new Set<Promise<void>>();
    while (waiting.length || running.size) {
      const ready = waiting.filter((item) => item.dependsOn.every((d) => done.has(d)));
      for (const item of ready) {
        if (running.size >= PARALLEL_PER_BATCH) break;
        waiting.splice(waiting.indexOf(item), 1);
        const failed = item.dependsOn.find((d) => (done.get(d)?.status ?? 0) >= 400);
        if (failed !== undefined) {
          done.set(item.id, graphErrorReply(424, 'FailedDependency', `The request depends on request '${failed}', which failed.`, requestIds(item.headers)));
          continue;
        }
        const inner = innerRequest(item, req);
        const task: Promise<void> = answerInner(deps.ctx, item, inner, () => deps.answer(inner)).then((reply) => {
          done.set(item.id, reply);
          running.delete(task);
        });
        running.add(task);
      }
      if (running.size) await Promise.race(running);
    }
    return { status: 200, body: { responses: items.map((item) => innerResponse(item, done.get(item.id) as SandboxReply)) } };
  };
  return { run };
};
