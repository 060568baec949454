/** Minimal HTTP/2 and HTTP/1.1 clients for the sandbox core's tests (self-signed certificate accepted). */
import { connect, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import { request as httpsRequest } from 'node:https';

export interface ClientReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): any;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

export function openH2(origin: string): ClientHttp2Session {
  return connect(origin, { rejectUnauthorized: false });
}

export function h2Request(session: ClientHttp2Session, path: string, opts: RequestOptions = {}): Promise<ClientReply> {
  const { body, contentType } = encode(opts.body);
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ':method': opts.method ?? 'GET',
      ':path': path,
      ...(contentType ? { 'content-type': contentType } : {}),
      ...opts.headers,
    });
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => (headers = h));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('close', () => {
      if (stream.rstCode && stream.rstCode !== 0) return reject(new Error(`stream reset with code ${stream.rstCode}`));
      resolve(reply(Number(headers[':status']), headers, Buffer.concat(chunks)));
    });
    stream.end(body);
  });
}

export function h1Request(origin: string, path: string, opts: RequestOptions = {}): Promise<ClientReply & { httpVersion: string }> {
  const { body, contentType } = encode(opts.body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(path, origin),
      {
        method: opts.method ?? 'GET',
        rejectUnauthorized: false,
        agent: false,
        headers: { ...(contentType ? { 'content-type': contentType } : {}), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ ...reply(res.statusCode ?? 0, res.headers, Buffer.concat(chunks)), httpVersion: res.httpVersion }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function encode(body: RequestOptions['body']): { body?: Buffer; contentType?: string } {
  if (body === undefined) return {};
  if (Buffer.isBuffer(body)) return { body };
  if (typeof body === 'string') return { body: Buffer.from(body) };
  return { body: Buffer.from(JSON.stringify(body)), contentType: 'application/json' };
}

function reply(status: number, headers: IncomingHttpHeaders, raw: Buffer): ClientReply {
  const text = raw.toString('utf8');
  return { status, headers, text, json: () => JSON.parse(text) };
}
