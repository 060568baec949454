/**
 * messages.import through Google's upload protocols (https://developers.google.com/workspace/gmail/api/guides/uploads):
 * a message that fits in one chunk goes as one multipart/related request (metadata + bytes); a larger one
 * through a resumable session, chunk by chunk, each chunk a multiple of 256 KiB but the last, with the total
 * named only in the last chunk's Content-Range. At most one chunk is held at a time.
 */
import { AdapterError, type AdapterContext } from '../../../model/adapter';
import { ChunkReader } from '../../../model/byte-stream';
import { parseJsonAnswer, sendRequest } from '../../http';
import { googleError, query } from '../client';
import type { GmailImportMetadata, GmailMessage } from './api-types';

const UPLOAD_URL = 'https://gmail.googleapis.com/upload/gmail/v1/users/me/messages/import';
/** 16 × 256 KiB: the granularity resumable uploads require, and the most bytes held at once. */
export const UPLOAD_CHUNK = 4 * 1024 * 1024;
/**
 * The Date header, not the time of import, becomes the message's date in Gmail; the message is not
 * classified as spam on the way in (a person's own archive is not spam).
 */
const IMPORT_PARAMS = { internalDateSource: 'dateHeader', neverMarkSpam: true } as const;

const encoder = new TextEncoder();

function concatAll(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function answerOf(response: Response, what: string): Promise<GmailMessage> {
  const text = await response.text();
  if (!response.ok) throw googleError(response.status, text, response.headers.get('retry-after'), Date.now(), UPLOAD_URL);
  return parseJsonAnswer<GmailMessage>(text, 'Google', what);
}

/** Imports the message read from `reader` with these labels; resolves to the message Gmail made. */
export async function uploadMessage(ctx: AdapterContext, reader: ChunkReader, metadata: GmailImportMetadata, chunkSize = UPLOAD_CHUNK): Promise<GmailMessage> {
  const first = await reader.read(chunkSize);
  if (await reader.atEnd()) return uploadMultipart(ctx, first, metadata);
  const sessionUrl = await openSession(ctx, metadata);
  return uploadChunks(ctx, sessionUrl, reader, first, chunkSize);
}

async function uploadMultipart(ctx: AdapterContext, bytes: Uint8Array<ArrayBuffer>, metadata: GmailImportMetadata): Promise<GmailMessage> {
  const boundary = `ferry_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const head = `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(metadata)}\r\n--${boundary}\r\nContent-Type: message/rfc822\r\n\r\n`;
  const body = concatAll([encoder.encode(head), bytes, encoder.encode(`\r\n--${boundary}--\r\n`)]);
  const url = ctx.url(`${UPLOAD_URL}${query({ uploadType: 'multipart', ...IMPORT_PARAMS })}`);
  const response = await sendRequest(ctx, 'Google', url, {
    method: 'POST',
    headers: { 'content-type': `multipart/related; boundary=${boundary}`, accept: 'application/json' },
    body,
  });
  return answerOf(response, 'the message import');
}

async function openSession(ctx: AdapterContext, metadata: GmailImportMetadata): Promise<string> {
  const url = ctx.url(`${UPLOAD_URL}${query({ uploadType: 'resumable', ...IMPORT_PARAMS })}`);
  const response = await sendRequest(ctx, 'Google', url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=UTF-8', 'x-upload-content-type': 'message/rfc822' },
    body: JSON.stringify(metadata),
  });
  const text = await response.text();
  if (!response.ok) throw googleError(response.status, text, response.headers.get('retry-after'), Date.now(), UPLOAD_URL);
  const location = response.headers.get('location');
  if (!location) throw new AdapterError('Google opened no upload session for the message (no Location); Ferry will try again.', 'retry');
  return location;
}

/** How many bytes the session holds, from a 308's `Range: bytes=0-<last>` (none: 0). */
function committedOf(response: Response): number {
  const range = /bytes=0-(\d+)/.exec(response.headers.get('range') ?? '');
  return range ? Number(range[1]) + 1 : 0;
}

async function putChunk(ctx: AdapterContext, sessionUrl: string, bytes: Uint8Array<ArrayBuffer>, start: number, total: number | undefined): Promise<Response> {
  const range = bytes.length ? `bytes ${start}-${start + bytes.length - 1}/${total ?? '*'}` : `bytes */${total ?? '*'}`;
  return sendRequest(ctx, 'Google', sessionUrl, { method: 'PUT', headers: { 'content-range': range }, body: bytes });
}

async function uploadChunks(ctx: AdapterContext, sessionUrl: string, reader: ChunkReader, first: Uint8Array<ArrayBuffer>, chunkSize: number): Promise<GmailMessage> {
  let chunk = first;
  let start = 0;
  for (;;) {
    const last = await reader.atEnd();
    const total = last ? start + chunk.length : undefined;
    const response = await putChunk(ctx, sessionUrl, chunk, start, total);
    if (response.status !== 308) return answerOf(response, 'the last chunk of the message');
    await response.arrayBuffer();
    const committed = committedOf(response);
    if (committed < start || committed > start + chunk.length) {
      throw new AdapterError(`Google's upload session holds ${committed} bytes where Ferry sent ${start + chunk.length}; Ferry will start the message again.`, 'retry');
    }
    // The session may keep less than was sent: the rest of this chunk goes again.
    const kept = committed - start;
    if (kept < chunk.length) {
      chunk = chunk.subarray(kept);
      start = committed;
      continue;
    }
    if (last) throw new AdapterError('Google did not finish the upload after its last chunk; Ferry will try again.', 'retry');
    start = committed;
    chunk = await reader.read(chunkSize);
  }
}
