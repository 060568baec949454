/**
 * The Photos Library upload endpoint (POST https://photoslibrary.googleapis.com/v1/uploads), both protocols
 * of developers.google.com/photos/library/guides/upload-media: `raw` (the whole file in one request) and
 * `resumable` (start → X-Goog-Upload-URL; then `upload` chunks at X-Goog-Upload-Offset, multiples of
 * X-Goog-Upload-Chunk-Granularity but the last, which carries `upload, finalize`; `query` tells what arrived).
 * Either answers the upload token as plain text; it works for a day. Each resumable upload counts the bytes
 * it received (the snapshot's `uploadSessions`), so a test sees what a client sent twice.
 */
import type { SandboxContext, SandboxReply, SandboxRequest } from '../../core/types';
import { APPEND_SCOPE, authorise } from './auth';
import { RpcError, invalidArgument } from './errors';
import { newOpaque, type PhotosLibrary, type ResumableUpload } from './store';

export const LIBRARY_HOST = 'photoslibrary.googleapis.com';
export const CHUNK_GRANULARITY = 256 * 1024;
export const UPLOAD_TOKEN_LIFETIME_MS = 24 * 60 * 60_000;
/** Photos up to 200 MB, videos up to 20 GB (upload-media: "Accepted file types and sizes"). */
const MAX_PHOTO_BYTES = 200 * 1024 * 1024;

interface UploadDeps {
  ctx: SandboxContext;
  library: PhotosLibrary;
  now: () => number;
}

const text = (status: number, body: string, headers: Record<string, string> = {}): SandboxReply => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  body,
});

function issueToken(deps: UploadDeps, bytes: Buffer, mimeType: string, clientId: string, fileName?: string): string {
  if (bytes.length === 0) throw invalidArgument('The upload is empty.');
  if (!mimeType.startsWith('video/') && bytes.length > MAX_PHOTO_BYTES) throw invalidArgument('Photos larger than 200 MB cannot be uploaded.');
  const token = `CAIS${newOpaque(60)}`;
  deps.library.uploads.set(token, { token, bytes, mimeType, clientId, expiresAt: deps.now() + UPLOAD_TOKEN_LIFETIME_MS, ...(fileName && { fileName }) });
  return token;
}

const contentType = (req: SandboxRequest): string => req.headers['x-goog-upload-content-type'] ?? 'application/octet-stream';

async function raw(deps: UploadDeps, req: SandboxRequest, clientId: string): Promise<SandboxReply> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) throw invalidArgument('Content-Type must be application/octet-stream.');
  return text(200, issueToken(deps, await req.body(), contentType(req), clientId, req.headers['x-goog-upload-file-name']));
}

function start(deps: UploadDeps, req: SandboxRequest, clientId: string): SandboxReply {
  const declared = req.headers['x-goog-upload-raw-size'];
  if (declared !== undefined && !/^\d+$/.test(declared)) throw invalidArgument('X-Goog-Upload-Raw-Size must be a whole number of bytes.');
  const upload: ResumableUpload = {
    id: newOpaque(32),
    clientId,
    mimeType: contentType(req),
    chunks: [],
    received: 0,
    bytesReceived: 0,
    bytesCutOff: 0,
    cancelled: false,
    ...(declared !== undefined && { declaredSize: Number(declared) }),
    ...(req.headers['x-goog-upload-file-name'] && { fileName: req.headers['x-goog-upload-file-name'] }),
  };
  deps.library.resumable.set(upload.id, upload);
  return text(200, '', {
    'x-goog-upload-status': 'active',
    'x-goog-upload-url': `${deps.ctx.hostUrl(LIBRARY_HOST)}/v1/uploads?upload_id=${upload.id}&upload_protocol=resumable`,
    'x-goog-upload-chunk-granularity': String(CHUNK_GRANULARITY),
    'x-goog-upload-control-url': `${deps.ctx.hostUrl(LIBRARY_HOST)}/v1/uploads?upload_id=${upload.id}&upload_protocol=resumable`,
  });
}

export const uploadStatus = (upload: ResumableUpload): 'active' | 'final' | 'cancelled' => (upload.cancelled ? 'cancelled' : upload.token ? 'final' : 'active');

const status = (upload: ResumableUpload): Record<string, string> => ({
  'x-goog-upload-status': uploadStatus(upload),
  'x-goog-upload-size-received': String(upload.received),
});

async function continueUpload(deps: UploadDeps, req: SandboxRequest, upload: ResumableUpload): Promise<SandboxReply> {
  const commands = (req.headers['x-goog-upload-command'] ?? '').split(',').map((c) => c.trim().toLowerCase());
  if (commands.includes('query')) return text(200, '', status(upload));
  if (commands.includes('cancel')) {
    upload.cancelled = true;
    return text(200, '', status(upload));
  }
  if (upload.cancelled || upload.token) return text(400, 'The upload is no longer active.', status(upload));
  if (!commands.includes('upload') && !commands.includes('finalize')) throw invalidArgument(`Unknown X-Goog-Upload-Command "${commands.join(', ')}".`);
  const offsetText = req.headers['x-goog-upload-offset'];
  if (offsetText === undefined || !/^\d+$/.test(offsetText)) throw invalidArgument('X-Goog-Upload-Offset is required.');
  const chunk = await req.body().catch((error: unknown) => {
    upload.bytesCutOff += Number(req.headers['content-length'] ?? 0);
    throw error;
  });
  upload.bytesReceived += chunk.length;
  const offset = Number(offsetText);
  const finalize = commands.includes('finalize');
  // A chunk at the wrong offset is refused with what arrived, so the client can go on from there.
  if (offset !== upload.received) return text(400, `Expected offset ${upload.received}, got ${offset}.`, status(upload));
  if (!finalize && chunk.length % CHUNK_GRANULARITY !== 0) {
    return text(400, `Chunks other than the last must be a multiple of ${CHUNK_GRANULARITY} bytes.`, status(upload));
  }
  upload.chunks.push(chunk);
  upload.received += chunk.length;
  if (!finalize) return text(200, '', status(upload));
  const bytes = Buffer.concat(upload.chunks);
  upload.chunks = [];
  if (upload.declaredSize !== undefined && upload.declaredSize !== bytes.length) {
    upload.cancelled = true;
    throw invalidArgument(`The upload is ${bytes.length} bytes but X-Goog-Upload-Raw-Size said ${upload.declaredSize}.`);
  }
  upload.token = issueToken(deps, bytes, upload.mimeType, upload.clientId, upload.fileName);
  return text(200, upload.token, status(upload));
}

/** POST /v1/uploads (raw or start) and POST <upload URL> (upload, finalize, query, cancel). */
export function createUploads(deps: UploadDeps) {
  return async (req: SandboxRequest): Promise<SandboxReply> => {
    try {
      const grant = authorise(deps.ctx.tokens, req, [APPEND_SCOPE], LIBRARY_HOST);
      if (req.method !== 'POST') throw new RpcError(405, 'Method not allowed.');
      const uploadId = req.query.get('upload_id');
      if (uploadId) {
        const upload = deps.library.resumable.get(uploadId);
        if (!upload || upload.clientId !== grant.clientId) return text(404, 'No such upload.');
        return await continueUpload(deps, req, upload);
      }
      const protocol = req.headers['x-goog-upload-protocol'];
      if (protocol === 'raw') return await raw(deps, req, grant.clientId);
      if (protocol === 'resumable' && (req.headers['x-goog-upload-command'] ?? '').trim().toLowerCase() === 'start') return start(deps, req, grant.clientId);
      throw invalidArgument('X-Goog-Upload-Protocol must be "raw", or "resumable" with X-Goog-Upload-Command "start".');
    } catch (error) {
      if (error instanceof RpcError) return error.reply();
      throw error;
    }
  };
}
