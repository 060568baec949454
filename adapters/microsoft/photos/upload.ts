/**
 * Sends a file's bytes into a OneDrive upload session (https://learn.microsoft.com/graph/api/driveitem-createuploadsession):
 * PUT fragments to the pre-authenticated uploadUrl without a token, each with Content-Range. Fragments are
 * 10 MiB, 32 × the 320 KiB OneDrive requires them to be a multiple of: Microsoft suggests 5–10 MiB (rclone's
 * default is 10). A file's fragments go one after another, each a round trip, so the larger end is what lets one
 * video use the line (benchmark scenario 2: 15.4 MB/s of 25 at 5 MiB, 17.0 at 10). Ferry holds two: the fragment
 * in flight and the next, read meanwhile. A fragment whose answer was lost is reconciled with the session's
 * nextExpectedRanges before it goes again; the same status (GET on the uploadUrl) tells a fresh worker where to
 * go on with a session a killed one left.
 */
import { AdapterError, type AdapterContext } from '../../../model/adapter';
import { sendRequest } from '../../http';
import { piecesAhead, type ChunkReader } from '../../../model/byte-stream';
import { graphError } from '../client';
import type { DriveItem, UploadSession } from './api-types';
import { DRIVE } from './drive';

export const FRAGMENT_BYTES = 32 * 320 * 1024;

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

export interface SessionState {
  /** The first byte the session expects (the start of its first expected range). */
  next: number;
  expiresAt?: number;
}

/** What an upload session holds; undefined once OneDrive no longer knows it (expired, cancelled or finished). */
export async function sessionState(ctx: AdapterContext, uploadUrl: string): Promise<SessionState | undefined> {
  const response = await sendRequest(anonymous(ctx), 'Microsoft', uploadUrl, { method: 'GET' });
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) throw await failure(response);
  const state = jsonOrUndefined<UploadSession>(await response.text());
  const next = Number(/^(\d+)-/.exec(state?.nextExpectedRanges?.[0] ?? '')?.[1] ?? NaN);
  const expiresAt = Date.parse(state?.expirationDateTime ?? '');
  return Number.isFinite(expiresAt) ? { next, expiresAt } : { next };
}

async function nextExpected(ctx: AdapterContext, uploadUrl: string): Promise<number> {
  return (await sessionState(ctx, uploadUrl))?.next ?? NaN;
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

/**
 * Uploads the reader's bytes from `from` to `size` into the session, calling `committed` after each fragment
 * OneDrive acknowledged; resolves to the driveItem OneDrive made.
 */
export async function uploadFragments(
  ctx: AdapterContext,
  uploadUrl: string,
  reader: ChunkReader,
  size: number,
  from = 0,
  committed: (bytes: number) => Promise<void> = async () => undefined,
): Promise<DriveItem> {
  const storage = anonymous(ctx);
  for await (const { offset, bytes: fragment } of piecesAhead(reader, from, size, FRAGMENT_BYTES)) {
    if (fragment.length === 0) throw new AdapterError('The file ended before its announced size; Ferry will try again.', 'retry');
    const made = await sendFragment(storage, uploadUrl, fragment, offset, size);
    if (made?.id) return made;
    await committed(offset + fragment.length);
  }
  throw new AdapterError('OneDrive took every byte but did not say which file it made; Ferry will look for it again.', 'retry');
}
