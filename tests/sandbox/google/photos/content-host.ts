/**
 * Media bytes at base URLs (lh3.googleusercontent.com), as the Picker and Library APIs hand them out: a
 * base URL works for 60 minutes and only with the parameters appended (`=d` a photo's bytes without its
 * location, `=dv` a video's), with the bearer token of the app that listed it; Range is honoured
 * (developers.google.com/photos/picker/guides/media-items#base-urls). Paths under `/contacts-photo/` belong
 * to the People API's sandbox, so they are left to it.
 */
import type { SandboxContext, SandboxReply, SandboxRequest } from '../../core/types';
import { PICKER_SCOPE, READ_APP_CREATED_SCOPE, authorise } from './auth';
import { RpcError } from './errors';
import { newOpaque, type PhotosLibrary } from './store';
import { stripLocation } from './strip-location';

export const CONTENT_HOST = 'lh3.googleusercontent.com';
export const BASE_URL_LIFETIME_MS = 60 * 60_000;
const PATH_PREFIX = '/pp/';

/** A fresh base URL for the item, valid for 60 minutes from `now`. */
export function baseUrlOf(ctx: SandboxContext, library: PhotosLibrary, itemId: string, now: number): string {
  const token = newOpaque(30);
  library.baseUrls.set(token, { itemId, expiresAt: now + BASE_URL_LIFETIME_MS });
  return `${ctx.hostUrl(CONTENT_HOST)}${PATH_PREFIX}${token}`;
}

const forbidden = (): SandboxReply => ({ status: 403, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: '<html><body><h1>403. That’s an error.</h1><p>Your client does not have permission to get URL from this server.</p></body></html>' });

/** `bytes=a-b` / `bytes=a-` / `bytes=-n` within `size`; null for a header this server ignores, 'unsatisfiable' past the end. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') return { start: Math.max(0, size - Number(m[2])), end: size - 1 };
  const start = Number(m[1]);
  if (start >= size) return 'unsatisfiable';
  return { start, end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
}

export function createContentHost(deps: { ctx: SandboxContext; library: PhotosLibrary; now: () => number }) {
  return async (req: SandboxRequest): Promise<SandboxReply | undefined> => {
    if (req.path.startsWith('/contacts-photo/') || !req.path.startsWith(PATH_PREFIX)) return undefined;
    if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, body: '' };
    const [token = '', param = ''] = req.path.slice(PATH_PREFIX.length).split('=');
    const entry = deps.library.baseUrls.get(token);
    const item = entry && deps.library.items.get(entry.itemId);
    if (!entry || !item || deps.now() >= entry.expiresAt) return forbidden();
    try {
      authorise(deps.ctx.tokens, req, [PICKER_SCOPE, READ_APP_CREATED_SCOPE], CONTENT_HOST);
    } catch (error) {
      if (error instanceof RpcError) return forbidden();
      throw error;
    }
    const video = item.mimeType.startsWith('video/');
    if (param !== (video ? 'dv' : 'd')) return forbidden();
    const bytes = video ? item.bytes : stripLocation(item.bytes);
    const range = parseRange(req.headers.range, bytes.length);
    const headers = { 'content-type': item.mimeType, 'accept-ranges': 'bytes' };
    if (range === 'unsatisfiable') return { status: 416, headers: { ...headers, 'content-range': `bytes */${bytes.length}` }, body: '' };
    if (!range) return { status: 200, headers, body: bytes };
    return {
      status: 206,
      headers: { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${bytes.length}` },
      body: bytes.subarray(range.start, range.end + 1),
    };
  };
}
