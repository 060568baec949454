/**
 * Uploads a file's bytes to Google Photos and returns the upload token (upload-media, step 1). Files up to
 * one chunk go in one `raw` request; larger ones by the resumable protocol in 4 MiB chunks (16 × the 256 KiB
 * X-Goog-Upload-Chunk-Granularity), so no more than one chunk is held. A chunk whose answer is lost is
 * reconciled with a `query` before it is sent again. The session URL and the bytes Google acknowledged are
 * checkpointed after every chunk (the item's `upload`): after a killed worker, a `query` says what Google
 * holds and the file goes on from there, read from the source with a Range; the finished upload's token is
 * kept too, so a file uploaded but not yet created is not sent again.
 */
import { AdapterError, type AdapterContext, type ImportItem, type UploadCheckpoint } from '../../../model/adapter';
import type { MediaItem } from '../../../model/media';
import { sendRequest } from '../../http';
import { ChunkReader, iterateStream } from '../../../model/byte-stream';
import { googleError } from '../client';
import { LIBRARY_API } from './apis';

export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;
const UPLOADS_URL = `${LIBRARY_API}/uploads`;
/** Enough of a file's start for its EXIF (the APP1 segment is at most 64 KiB). */
const HEAD_BYTES = 64 * 1024;
/** Upload tokens work for a day (upload-media); one kept longer than this is not trusted. */
const TOKEN_TRUSTED_MS = 23 * 60 * 60_000;

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

interface SessionState {
  status: string;
  received: number;
}

/** What Google holds of a resumable upload; undefined when it no longer knows the session. */
async function query(ctx: AdapterContext, uploadUrl: string): Promise<SessionState | undefined> {
  const response = await sendRequest(ctx, 'Google', uploadUrl, { method: 'POST', headers: { 'x-goog-upload-command': 'query' } });
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) throw await failure(response);
  await response.body?.cancel();
  return { status: response.headers.get('x-goog-upload-status') ?? '', received: Number(response.headers.get('x-goog-upload-size-received') ?? NaN) };
}

async function received(ctx: AdapterContext, uploadUrl: string): Promise<number> {
  return (await query(ctx, uploadUrl))?.received ?? NaN;
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

/** Sends the reader's bytes from `offset` on, checkpointing after each chunk Google acknowledged. */
async function sendFrom(ctx: AdapterContext, item: ImportItem<MediaItem>, uploadUrl: string, reader: ChunkReader, first: Uint8Array<ArrayBuffer>, from: number, size: number | undefined): Promise<string> {
  let chunk = first;
  let offset = from;
  const checkpoint = (committed: number, result?: string): UploadCheckpoint => ({
    sessionUrl: uploadUrl,
    committed,
    savedAt: Date.now(),
    ...(size !== undefined && { size }),
    ...(result !== undefined && { result }),
  });
  for (;;) {
    const last = await reader.atEnd();
    const answer = await sendChunk(ctx, uploadUrl, chunk, offset, last);
    offset += chunk.length;
    if (last) {
      if (!answer) throw new AdapterError('Google finished the upload but sent no upload token; Ferry will try again.', 'retry');
      await item.upload?.save(checkpoint(offset, answer));
      return answer;
    }
    await item.upload?.save(checkpoint(offset));
    chunk = await reader.read(UPLOAD_CHUNK_BYTES);
  }
}

/** The file's first bytes, read apart when the upload resumes past them (only a JPEG's are looked at). */
async function readHead(item: ImportItem<MediaItem>): Promise<Uint8Array> {
  if (item.data.mimeType !== 'image/jpeg') return new Uint8Array(0);
  const content = await item.content!(0);
  const reader = new ChunkReader(iterateStream(content.body));
  try {
    return await reader.read(HEAD_BYTES);
  } finally {
    await reader.close();
  }
}

/** Opens the source at `from`, dropping what comes before it when the source ignored the range. */
async function readerFrom(item: ImportItem<MediaItem>, from: number): Promise<{ reader: ChunkReader; size: number | undefined }> {
  const content = await item.content!(from);
  const reader = new ChunkReader(iterateStream(content.body));
  if (content.offset < from) await reader.skip(from - content.offset);
  return { reader, size: content.size ?? item.data.sizeBytes };
}

/** The upload a killed worker left, carried on; undefined when it must start over. */
async function resume(ctx: AdapterContext, item: ImportItem<MediaItem>, saved: UploadCheckpoint): Promise<Uploaded | undefined> {
  if (saved.result) {
    if (Date.now() - saved.savedAt < TOKEN_TRUSTED_MS) return { token: saved.result, head: await readHead(item) };
    return undefined;
  }
  const state = await query(ctx, saved.sessionUrl);
  if (!state || state.status !== 'active' || !Number.isFinite(state.received)) {
    console.warn(`Google no longer holds the unfinished upload of “${item.data.fileName}” (${state ? `status ${state.status || 'unknown'}` : 'session not found'}); Ferry sends it again from its first byte.`);
    return undefined;
  }
  const { reader, size } = await readerFrom(item, state.received);
  try {
    const head = state.received > 0 ? await readHead(item) : undefined;
    const first = await reader.read(UPLOAD_CHUNK_BYTES);
    const token = await sendFrom(ctx, item, saved.sessionUrl, reader, first, state.received, size);
    return { token, head: head ?? first.slice(0, HEAD_BYTES) };
  } finally {
    await reader.close();
  }
}

async function uploadAfresh(ctx: AdapterContext, item: ImportItem<MediaItem>): Promise<Uploaded> {
  const content = await item.content!();
  const reader = new ChunkReader(iterateStream(content.body));
  try {
    const first = await reader.read(UPLOAD_CHUNK_BYTES);
    const head = first.slice(0, HEAD_BYTES);
    if (first.length === 0) throw new AdapterError(`“${item.data.fileName}” is empty, and Google Photos does not take empty files.`, 'skip');
    const size = content.size ?? item.data.sizeBytes;
    if (await reader.atEnd()) {
      const token = await raw(ctx, item, first);
      await item.upload?.save({ sessionUrl: '', committed: first.length, size: first.length, result: token, savedAt: Date.now() });
      return { token, head };
    }
    const uploadUrl = await startResumable(ctx, item, size);
    await item.upload?.save({ sessionUrl: uploadUrl, committed: 0, savedAt: Date.now(), ...(size !== undefined && { size }) });
    return { token: await sendFrom(ctx, item, uploadUrl, reader, first, 0, size), head };
  } finally {
    await reader.close();
  }
}

export async function uploadMedia(ctx: AdapterContext, item: ImportItem<MediaItem>): Promise<Uploaded> {
  if (!item.content) throw new AdapterError(`The source did not give the bytes of “${item.data.fileName}”.`, 'skip');
  const saved = await item.upload?.load();
  return (saved && (await resume(ctx, item, saved))) || uploadAfresh(ctx, item);
}
