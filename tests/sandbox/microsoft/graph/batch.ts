/**
 * POST /v1.0/$batch — JSON batching (https://learn.microsoft.com/graph/json-batching): at most 20
 * requests, each answered by the same handlers as on its own and counted against the mailbox's limits.
 * Graph hands at most four requests of a batch to Outlook at a time; `dependsOn` orders them and a
 * request whose dependency failed is answered 424.
 */
import { Readable } from 'node:stream';
import type { SandboxContext, SandboxReply, SandboxRequest } from '../../core/types';
import { GRAPH_HOST } from '../account';
import { requireScopes } from './auth';
import { badRequest, graphErrorReply, requestIds } from './errors';

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
  dependsOn: string[];
}

interface BatchDeps {
  ctx: SandboxContext;
  answer: (req: SandboxRequest) => Promise<SandboxReply>;
}

const invalid = (detail: string) => badRequest('BadRequest', `Invalid batch payload format: ${detail}`);

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
    return { id: r.id, method, url: r.url, headers, ...(r.body !== undefined && { body: r.body }), dependsOn: dependsOn as string[] };
  });
};

const innerRequest = (item: BatchItem, outer: SandboxRequest): SandboxRequest => {
  const [path = '', search = ''] = (item.url.startsWith('/') ? item.url : `/${item.url}`).split('?');
  const body = item.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof item.body === 'string' ? item.body : JSON.stringify(item.body));
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

const innerResponse = (id: string, reply: SandboxReply) => ({
  id,
  status: reply.status,
  headers: Object.fromEntries(Object.entries(reply.headers ?? {}).filter(([k]) => INNER_HEADERS.includes(k.toLowerCase()))),
  ...(reply.body !== undefined && { body: reply.body }),
});

export const batchEndpoint = (deps: BatchDeps) => {
  const run = async (req: SandboxRequest): Promise<SandboxReply> => {
    requireScopes(deps.ctx.tokens, req.headers.authorization, []);
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      throw badRequest('BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
    }
    let payload: unknown;
    try {
      payload = JSON.parse((await req.body()).toString('utf8'));
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
        const task: Promise<void> = deps.answer(innerRequest(item, req)).then((reply) => {
          done.set(item.id, reply);
          running.delete(task);
        });
        running.add(task);
      }
      if (running.size) await Promise.race(running);
    }
    return { status: 200, body: { responses: items.map((item) => innerResponse(item.id, done.get(item.id) as SandboxReply)) } };
  };
  return { run };
};
