/**
 * A wide-area network between the browser and the sandbox, for the benchmark (tests/bench): every provider
 * request waits `latencyMs` before the provider sees it and its answer waits `latencyMs` again before it is
 * written (one-way delay each direction), and request bodies read and response bodies written share one token
 * bucket per direction, whatever the connection. Off unless asked for, so tests and demo see loopback speed.
 * Env: FERRY_SANDBOX_WAN=`<latency ms>,<Mbit/s>` (e.g. `40,200`).
 */
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type { SandboxReply, SandboxRequest } from './types';

export interface WanOptions {
  /** One-way delay added to each request and to each answer. */
  latencyMs: number;
  /** Bandwidth cap per direction in Mbit/s (10^6 bits), shared by all connections; 0 for none. */
  mbit: number;
}

/** One provider exchange as the network saw it, for the benchmark's counters. */
export interface WanExchange {
  startedAt: number;
  endedAt: number;
  method: string;
  host: string;
  path: string;
  query: string;
  /** 0 when the client went away before the answer. */
  status: number;
  /** Request body bytes the provider read (fewer than sent when the client went away mid-body). */
  bytesIn: number;
  bytesOut: number;
}

/** Pieces the bucket meters at once: small enough that parallel streams interleave finely. */
const PIECE_BYTES = 64 * 1024;
/** Bytes that may pass at once after an idle spell (one piece per direction). */
const BURST_BYTES = PIECE_BYTES;

/** A token bucket: each caller reserves its bytes' share of the line in turn (first come, first served). */
export class Bandwidth {
  private freeAt = 0;

  constructor(private readonly bytesPerSecond: number) {}

  async take(bytes: number): Promise<void> {
    if (this.bytesPerSecond <= 0) return;
    const now = performance.now();
    const start = Math.max(now - (BURST_BYTES / this.bytesPerSecond) * 1000, this.freeAt);
    this.freeAt = start + (bytes / this.bytesPerSecond) * 1000;
    const wait = this.freeAt - now;
    if (wait > 1) await delay(wait);
  }
}

/** Passes bytes through the bucket in pieces, counting them. */
class MeteredStream extends Transform {
  bytes = 0;

  constructor(private readonly line: Bandwidth) {
    super();
    // A client that goes away mid-body is normal here (a stopped worker); whoever reads the stream sees the
    // error, and a body nobody reads must not take the server down with it.
    this.on('error', () => undefined);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    void this.pass(chunk).then(() => done(), done);
  }

  private async pass(chunk: Buffer): Promise<void> {
    for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
      const piece = chunk.subarray(at, at + PIECE_BYTES);
      await this.line.take(piece.length);
      this.bytes += piece.length;
      this.push(piece);
    }
  }
}

export class Wan {
  private readonly up: Bandwidth;
  private readonly down: Bandwidth;

  constructor(readonly options: WanOptions) {
    const bytesPerSecond = (options.mbit * 1_000_000) / 8;
    this.up = new Bandwidth(bytesPerSecond);
    this.down = new Bandwidth(bytesPerSecond);
  }

  /** The request's way to the provider. */
  arrive(): Promise<void> {
    return this.options.latencyMs > 0 ? delay(this.options.latencyMs) : Promise.resolve();
  }

  /** The answer's way back (before its first byte). */
  depart(): Promise<void> {
    return this.arrive();
  }

  /** A request body as the provider reads it: at the line's pace, counted. */
  incoming(body: Readable): Readable & { bytes: number } {
    const metered = new MeteredStream(this.up);
    body.on('error', (error) => metered.destroy(error));
    body.on('aborted', () => metered.destroy(new Error('the client went away mid-body')));
    return body.pipe(metered);
  }

  /** A response body as the client receives it: at the line's pace, counted. */
  outgoing(body: Buffer | Readable): Readable & { bytes: number } {
    const metered = new MeteredStream(this.down);
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    source.on('error', (error) => metered.destroy(error));
    return source.pipe(metered);
  }
}

/** The request as the provider reads it over the line: body and stream both come through the meter. */
export function requestOverWan(wan: Wan, req: SandboxRequest): { req: SandboxRequest; bytesIn: () => number } {
  const stream = wan.incoming(req.stream);
  let body: Promise<Buffer> | undefined;
  const readBody = async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  return { req: { ...req, stream, body: () => (body ??= readBody()) }, bytesIn: () => stream.bytes };
}

/**
 * The reply with its body sent over the line. Bodies become streams, so the length the client would have
 * seen is set here (a download's size comes from Content-Length).
 */
export function replyOverWan(wan: Wan, method: string, reply: SandboxReply): { reply: SandboxReply; bytesOut: () => number } {
  const noBody = method === 'HEAD' || reply.status === 204 || reply.status === 304 || reply.body === undefined;
  if (noBody) return { reply, bytesOut: () => 0 };
  const headers = { ...reply.headers };
  const hasHeader = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
  let body: Buffer | Readable;
  if (Buffer.isBuffer(reply.body) || reply.body instanceof Readable) body = reply.body;
  else if (typeof reply.body === 'string') body = Buffer.from(reply.body, 'utf8');
  else {
    body = Buffer.from(JSON.stringify(reply.body), 'utf8');
    if (!hasHeader('content-type')) headers['content-type'] = 'application/json; charset=utf-8';
  }
  if (Buffer.isBuffer(body) && !hasHeader('content-length')) headers['content-length'] = String(body.length);
  const stream = wan.outgoing(body);
  return { reply: { ...reply, headers, body: stream }, bytesOut: () => stream.bytes };
}

/** `FERRY_SANDBOX_WAN=<latency ms>,<Mbit/s>`; undefined when unset or `off`. */
export function wanFromEnv(value: string | undefined): WanOptions | undefined {
  if (value === undefined || value === '' || value === 'off') return undefined;
  const [latencyMs, mbit] = value.split(',').map(Number);
  if (!(Number(latencyMs) >= 0 && Number(mbit) >= 0)) {
    throw new Error(`FERRY_SANDBOX_WAN must be "off" or "<latency ms>,<Mbit/s>" (e.g. "40,200"), not "${value}"`);
  }
  return { latencyMs: latencyMs!, mbit: mbit! };
}
