/**
 * Uploads a file's bytes to Google Photos and returns the upload token (upload-media, step 1). Files up to
 * one chunk go in one `raw` request; larger ones by the resumable protocol in 4 MiB chunks (16 × the 256 KiB
 * X-Goog-Upload-Chunk-Granularity), so no more than one chunk is held. A chunk whose answer is lost is
 * reconciled with a `query` before it is sent again.
 */
import { AdapterError, type AdapterContext, type ImportItem } from '../../../model/adapter';
import type { MediaItem } from '../../../model/media';
import { sendRequest } from '../../http';
import { ChunkReader, iterateStream } from '../../../model/byte-stream';
import { googleError } from '../client';
import { LIBRARY_API } from './apis';

export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;
const UPLOADS_URL = `${LIBRARY_API}/uploads`;
/** Enough of a file's start for its EXIF (the APP1 segment is at most 64 KiB). */
const HEAD_BYTES = 64 * 1024;

export interface Uploaded {
  token: string;
  /** The file's first bytes, where a JPEG keeps its EXIF. */
  head: Uint8Array;
}

async function failure(response: Response): Promise<unknown> {
  return googleError(response.status, await response.text(), response.headers.get('retry-after'), Date.now(), UPLOADS_URL);
}

async function raw(ctx: AdapterContext, item: ImportItem<MediaItem>, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const response = await sendRequest(ctx, 'Google', ctx.url(UPLOADS_URL), {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      'x-goog-upload-content-type': item.data.mimeType,
      'x-goog-upload-protocol': 'raw',
      'x-goog-upload-file-name': encodeURIComponent(item.data.fileName),
    },
    body: bytes,
  });
  if (!response.ok) throw await failure(response);
  return (await response.text()).trim();
}

async function startResumable(ctx: AdapterContext, item: ImportItem<MediaItem>, size: number | undefined): Promise<string> {
  const headers: Record<string, string> = {
    'content-type': 'application/octet-stream',
    'x-goog-upload-command': 'start',
    'x-goog-upload-content-type': item.data.mimeType,
    'x-goog-upload-protocol': 'resumable',
    'x-goog-upload-file-name': encodeURIComponent(item.data.fileName),
  };
  if (size !== undefined) headers['x-goog-upload-raw-size'] = String(size);
  const response = await sendRequest(ctx, 'Google', ctx.url(UPLOADS_URL), { method: 'POST', headers });
  if (!response.ok) throw await failure(response);
  await response.body?.cancel();
  const url = response.headers.get('x-goog-upload-url');
  if (!url) throw new AdapterError('Google did not say where to upload this file; Ferry will try again.', 'retry');
  return url;
}

/** Bytes Google holds of an unfinished resumable upload. */
async function received(ctx: AdapterContext, uploadUrl: string): Promise<number> {
  const response = await sendRequest(ctx, 'Google', uploadUrl, { method: 'POST', headers: { 'x-goog-upload-command': 'query' } });
  if (!response.ok) throw await failure(response);
  await response.body?.cancel();
  return Number(response.headers.get('x-goog-upload-size-received') ?? NaN);
}

async function sendChunk(ctx: AdapterContext, uploadUrl: string, chunk: Uint8Array<ArrayBuffer>, offset: number, last: boolean): Promise<string> {
  const send = () =>
    sendRequest(ctx, 'Google', uploadUrl, {
      method: 'POST',
      headers: { 'x-goog-upload-command': last ? 'upload, finalize' : 'upload', 'x-goog-upload-offset': String(offset) },
      body: chunk,
    });
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    if (!(error instanceof AdapterError && error.errorClass === 'retry')) throw error;
    // The answer was lost: Google says whether the chunk arrived; if not, it goes once more.
    const got = await received(ctx, uploadUrl);
    if (got === offset + chunk.length && !last) return '';
    if (got !== offset) throw error;
    response = await send();
  }
  if (!response.ok) throw await failure(response);
  return (await response.text()).trim();
}

async function resumable(ctx: AdapterContext, item: ImportItem<MediaItem>, reader: ChunkReader, first: Uint8Array<ArrayBuffer>, size: number | undefined): Promise<string> {
  const uploadUrl = await startResumable(ctx, item, size);
  let chunk = first;
  let offset = 0;
  for (;;) {
    const last = await reader.atEnd();
    const answer = await sendChunk(ctx, uploadUrl, chunk, offset, last);
    if (last) {
      if (!answer) throw new AdapterError('Google finished the upload but sent no upload token; Ferry will try again.', 'retry');
      return answer;
    }
    offset += chunk.length;
    chunk = await reader.read(UPLOAD_CHUNK_BYTES);
  }
}

export async function uploadMedia(ctx: AdapterContext, item: ImportItem<MediaItem>): Promise<Uploaded> {
  if (!item.content) throw new AdapterError(`The source did not give the bytes of “${item.data.fileName}”.`, 'skip');
  const content = await item.content();
  const reader = new ChunkReader(iterateStream(content.body));
  try {
    const first = await reader.read(UPLOAD_CHUNK_BYTES);
    const head = first.slice(0, HEAD_BYTES);
    if (first.length === 0) throw new AdapterError(`“${item.data.fileName}” is empty, and Google Photos does not take empty files.`, 'skip');
    const size = content.size ?? item.data.sizeBytes;
    const token = (await reader.atEnd()) ? await raw(ctx, item, first) : await resumable(ctx, item, reader, first, size);
    return { token, head };
  } finally {
    await reader.close();
  }
}
