/**
 * One HTTP exchange as the sandbox sees it, the same over HTTP/2 and HTTP/1.1: the node request turned
 * into a SandboxRequest, a SandboxReply written back, or the connection dropped on purpose.
 */
import { constants as http2Constants, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SandboxReply, SandboxRequest } from './types';

export type NodeRequest = IncomingMessage | Http2ServerRequest;
export type NodeResponse = ServerResponse | Http2ServerResponse;

/** Connection-specific headers HTTP/2 forbids (RFC 9113 §8.2.2); node throws if a reply carries one. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

export function requestHeaders(req: NodeRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function toSandboxRequest(req: NodeRequest, host: string, path: string, query: URLSearchParams): SandboxRequest {
  let body: Promise<Buffer> | undefined;
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    host,
    path,
    query,
    headers: requestHeaders(req),
    body: () => (body ??= readAll(req)),
    stream: req,
  };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Writes the reply; resolves when it has been sent or the peer went away. */
export async function sendReply(
  res: NodeResponse,
  method: string,
  reply: SandboxReply,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...extraHeaders, ...reply.headers })) {
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  const noBody = method === 'HEAD' || reply.status === 204 || reply.status === 304;
  const body = encodeBody(reply.body, headers);
  if (Buffer.isBuffer(body) && !noBody) headers['content-length'] ??= String(body.length);
  const out = res as Writable & { writeHead(status: number, headers: Record<string, string>): unknown };
  out.writeHead(reply.status, headers);
  if (noBody || body === undefined) {
    if (body instanceof Readable) body.destroy();
    await endAndWait(out);
  } else if (Buffer.isBuffer(body)) {
    await endAndWait(out, body);
  } else {
    await pipeline(body, out).catch(() => undefined);
  }
}

function encodeBody(body: SandboxReply['body'], headers: Record<string, string>): Buffer | Readable | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body) || body instanceof Readable) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  headers['content-type'] ??= 'application/json; charset=utf-8';
  return Buffer.from(JSON.stringify(body), 'utf8');
}

function endAndWait(out: Writable, chunk?: Buffer): Promise<void> {
  return new Promise((resolve) => {
    out.once('close', resolve);
    out.once('finish', resolve);
    out.once('error', () => resolve());
    if (chunk) out.end(chunk);
    else out.end();
  });
}

/**
 * Ends the exchange with no response, so the client's fetch rejects as on a network failure: HTTP/2 resets
 * the stream (RST_STREAM INTERNAL_ERROR, Chromium: net::ERR_HTTP2_PROTOCOL_ERROR), HTTP/1.1 closes the socket.
 */
export function dropConnection(req: NodeRequest): void {
  if ('stream' in req) req.stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR);
  else req.socket.destroy();
}
