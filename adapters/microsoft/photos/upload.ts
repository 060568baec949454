/**
 * Sends a file's bytes into a OneDrive upload session (https://learn.microsoft.com/graph/api/driveitem-createuploadsession):
 * PUT fragments to the pre-authenticated uploadUrl without a token, each with Content-Range. Fragments are
 * 5 MiB, 16 × the 320 KiB OneDrive requires them to be a multiple of: Microsoft suggests 5–10 MiB, and the
 * smaller end keeps one fragment the most Ferry holds. A fragment whose answer was lost is reconciled with
 * the session's nextExpectedRanges before it goes again.
 */
import { AdapterError, type AdapterContext } from '../../../model/adapter';
import { sendRequest } from '../../http';
import type { ChunkReader } from '../../../model/byte-stream';
import { graphError } from '../client';
import type { DriveItem, UploadSession } from './api-types';
import { DRIVE } from './drive';

export const FRAGMENT_BYTES = 16 * 320 * 1024;

/** The JSON of an answer that may be empty. */
function jsonOrUndefined<T>(text: string): T | undefined {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function anonymous(ctx: AdapterContext): AdapterContext {
  if (!ctx.anonymousFetch) throw new AdapterError('Ferry cannot upload to OneDrive here: this context has no way to call a pre-authenticated link.', 'fatal');
  return { ...ctx, fetch: ctx.anonymousFetch };
}

async function failure(response: Response): Promise<unknown> {
  return graphError(response.status, await response.text(), response.headers.get('retry-after'), Date.now(), DRIVE);
}

/** Where the session expects the next byte (the start of its first expected range). */
async function nextExpected(ctx: AdapterContext, uploadUrl: string): Promise<number> {
  const response = await sendRequest(ctx, 'Microsoft', uploadUrl, { method: 'GET' });
  if (!response.ok) throw await failure(response);
  const state = jsonOrUndefined<UploadSession>(await response.text());
  return Number(/^(\d+)-/.exec(state?.nextExpectedRanges?.[0] ?? '')?.[1] ?? NaN);
}

function put(ctx: AdapterContext, uploadUrl: string, fragment: Uint8Array<ArrayBuffer>, offset: number, size: number): Promise<Response> {
  return sendRequest(ctx, 'Microsoft', uploadUrl, {
    method: 'PUT',
    headers: { 'content-range': `bytes ${offset}-${offset + fragment.length - 1}/${size}`, 'content-type': 'application/octet-stream' },
    body: fragment,
  });
}

/** The fragment's answer: the finished driveItem after the last, undefined before. */
async function sendFragment(ctx: AdapterContext, uploadUrl: string, fragment: Uint8Array<ArrayBuffer>, offset: number, size: number): Promise<DriveItem | undefined> {
  let response: Response;
  try {
    response = await put(ctx, uploadUrl, fragment, offset, size);
  } catch (error) {
    if (!(error instanceof AdapterError && error.errorClass === 'retry')) throw error;
    const expected = await nextExpected(ctx, uploadUrl);
    if (expected === offset + fragment.length) return undefined;
    if (expected !== offset) throw error;
    response = await put(ctx, uploadUrl, fragment, offset, size);
  }
  if (response.status === 202) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) throw await failure(response);
  return jsonOrUndefined<DriveItem>(await response.text());
}

/** Uploads `size` bytes from the reader into the session; resolves to the driveItem OneDrive made. */
export async function uploadFragments(ctx: AdapterContext, session: UploadSession, reader: ChunkReader, size: number): Promise<DriveItem> {
  const storage = anonymous(ctx);
  for (let offset = 0; offset < size; ) {
    const fragment = await reader.read(Math.min(FRAGMENT_BYTES, size - offset));
    if (fragment.length === 0) throw new AdapterError('The file ended before its announced size; Ferry will try again.', 'retry');
    const made = await sendFragment(storage, session.uploadUrl, fragment, offset, size);
    offset += fragment.length;
    if (made?.id) return made;
  }
  throw new AdapterError('OneDrive took every byte but did not say which file it made; Ferry will look for it again.', 'retry');
}
