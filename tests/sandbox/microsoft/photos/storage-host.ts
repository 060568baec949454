/**
 * OneDrive's storage host (contoso-my.sharepoint.com): upload session URLs and pre-authenticated download
 * links, both called without a token (https://learn.microsoft.com/graph/api/driveitem-createuploadsession).
 * Fragments: `Content-Range: bytes a-b/total` is required; each but the last a multiple of 320 KiB and none over
 * 60 MiB; a fragment that does not start at the next expected byte gets 416. Downloads honour Range.
 */
import { createReadStream } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { mediaTypeOf } from '../../../../model/media-sidecar';
import type { SandboxReply, SandboxRequest } from '../../core/types';
import { GraphError, graphErrorReply } from '../graph/errors';
import { PERSONAL_SITE, driveItemJson } from './drive-json';
import type { DriveDeps } from './drive-api';
import { MEMORY_BYTES, SPILL_BYTES, isFileNode, sizeOf, type DriveNode, type UploadSession } from './store';

export const FRAGMENT_MULTIPLE = 320 * 1024;
export const MAX_FRAGMENT = 60 * 1024 * 1024;

const UPLOAD_PATH = new RegExp(`^${PERSONAL_SITE}/_api/v2\\.0/drive/items/[^/]+/uploadSession$`);
const DOWNLOAD_PATH = `${PERSONAL_SITE}/_layouts/15/download.aspx`;

const reply = (error: GraphError): SandboxReply => graphErrorReply(error.status, error.code, error.message, undefined, error.headers);
const sessionState = (session: UploadSession) => ({
  expirationDateTime: new Date(session.expiresAt).toISOString(),
  nextExpectedRanges: [`${session.received}-`],
});

function parseRange(header: string | undefined): { start: number; end: number; total: number } {
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header?.trim() ?? '');
  if (!m) throw new GraphError(400, 'invalidRequest', 'The Content-Range header is missing or malformed; send "bytes <first>-<last>/<total>".');
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (end < start || end >= total) throw new GraphError(400, 'invalidRequest', `The Content-Range "${header}" is not valid.`);
  return { start, end, total };
}

export function createStorageHost(deps: DriveDeps) {
  const { store } = deps;

  /** A fragment kept in memory, or once the upload passes SPILL_BYTES or memory holds MEMORY_BYTES, appended to its file on disk. */
  const keep = async (session: UploadSession, body: Buffer): Promise<void> => {
    if (!session.spillPath && (session.received + body.length > SPILL_BYTES || store.memoryBytes() + body.length > MEMORY_BYTES)) {
      session.spillPath = store.spillPath();
      await writeFile(session.spillPath, Buffer.concat(session.fragments));
      session.fragments = [];
    }
    if (session.spillPath) await appendFile(session.spillPath, body);
    else session.fragments.push(body);
  };

  const commit = (session: UploadSession): SandboxReply => {
    const parent = store.nodes.get(session.parentId);
    if (!parent) throw new GraphError(404, 'itemNotFound', 'The folder the upload was for no longer exists.');
    const existing = store.child(parent.id, session.name);
    if (existing && session.conflictBehavior === 'fail') throw new GraphError(409, 'nameAlreadyExists', 'The specified item name already exists.');
    const bytes = Buffer.concat(session.fragments);
    session.fragments = [];
    session.committed = true;
    store.uploads.delete(session.id);
    const at = new Date(deps.now()).toISOString();
    const fields: Partial<DriveNode> & { name: string } = {
      name: existing && session.conflictBehavior === 'rename' ? `${session.name.replace(/(\.[^.]*)?$/, ' 1$1')}` : session.name,
      parentId: parent.id,
      ...(session.spillPath ? { spill: { path: session.spillPath, size: session.received }, bytes: undefined } : { bytes, spill: undefined }),
      hashes: session.hasher.digest(),
      mimeType: mimeTypeOf(session.name),
      fileSystemInfo: {
        createdDateTime: session.fileSystemInfo?.createdDateTime ?? at,
        lastModifiedDateTime: session.fileSystemInfo?.lastModifiedDateTime ?? session.fileSystemInfo?.createdDateTime ?? at,
      },
      ...(session.description !== undefined && { description: session.description }),
    };
    if (existing && session.conflictBehavior === 'replace') {
      Object.assign(existing, fields, { version: existing.version + 1, lastModifiedDateTime: at });
      return { status: 200, body: driveItemJson(deps.ctx, store, existing, deps.now()) };
    }
    return { status: 201, body: driveItemJson(deps.ctx, store, store.add(fields), deps.now()) };
  };

  const put = async (req: SandboxRequest, session: UploadSession): Promise<SandboxReply> => {
    const range = parseRange(req.headers['content-range']);
    const length = range.end - range.start + 1;
    const body = await req.body().catch((error: unknown) => {
      session.bytesCutOff += length;
      throw error;
    });
    session.bytesReceived += body.length;
    if (body.length !== length) throw new GraphError(400, 'invalidRequest', `The body is ${body.length} bytes but Content-Range says ${length}.`);
    if (length > MAX_FRAGMENT) throw new GraphError(413, 'invalidRequest', 'A fragment may be at most 60 MiB.');
    const total = session.total ?? session.declaredSize ?? range.total;
    if (range.total !== total) throw new GraphError(400, 'invalidRequest', `The total size ${range.total} differs from the ${total} bytes this upload was started with.`);
    if (range.start !== session.received) {
      throw new GraphError(416, 'invalidRange', `Optimistic concurrency failure during fragmented upload: the next expected range is ${session.received}-.`);
    }
    const last = range.end === total - 1;
    if (!last && length % FRAGMENT_MULTIPLE !== 0) throw new GraphError(400, 'invalidRequest', 'Each fragment but the last must be a multiple of 320 KiB (327,680 bytes).');
    session.total = total;
    session.hasher.update(body);
    await keep(session, body);
    session.received += length;
    return last ? commit(session) : { status: 202, body: sessionState(session) };
  };

  const upload = async (req: SandboxRequest): Promise<SandboxReply> => {
    // Upload URLs are pre-authenticated; Graph documents a 401 for a PUT that sends an Authorization header.
    if (req.headers.authorization) throw new GraphError(401, 'unauthenticated', 'Do not send an Authorization header to an upload URL.');
    const id = /^'?([^']+)'?$/.exec(req.query.get('guid') ?? '')?.[1];
    const session = id ? store.uploads.get(id) : undefined;
    if (!session || deps.now() >= session.expiresAt) throw new GraphError(404, 'itemNotFound', 'The upload session was not found or has expired.');
    if (req.method === 'GET') return { status: 200, body: sessionState(session) };
    if (req.method === 'DELETE') {
      store.uploads.delete(session.id);
      return { status: 204 };
    }
    if (req.method === 'PUT') return put(req, session);
    throw new GraphError(405, 'invalidRequest', 'Specified HTTP method is not allowed for the request uri.');
  };

  const download = (req: SandboxRequest): SandboxReply => {
    const link = store.downloads.get(req.query.get('tempauth') ?? '');
    const node = link && store.nodes.get(link.itemId);
    if (!link || !node || !isFileNode(node) || deps.now() >= link.expiresAt || req.query.get('UniqueId') !== node.id) {
      throw new GraphError(401, 'unauthenticated', 'The download link has expired or is not valid; ask Graph for a new one.');
    }
    const size = sizeOf(node);
    const headers = { 'content-type': node.mimeType ?? 'application/octet-stream', 'accept-ranges': 'bytes' };
    // A spilled file is streamed from disk, a piece at a time, as the client reads it.
    const slice = (start: number, end: number) => (node.spill ? createReadStream(node.spill.path, { start, end, highWaterMark: 1 << 20 }) : node.bytes!.subarray(start, end + 1));
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range?.trim() ?? '');
    if (!m) return { status: 200, headers: { ...headers, 'content-length': String(size) }, body: size ? slice(0, size - 1) : Buffer.alloc(0) };
    const start = Number(m[1]);
    if (start >= size) return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` }, body: '' };
    const end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
    return { status: 206, headers: { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(end - start + 1) }, body: slice(start, end) };
  };

  return async (req: SandboxRequest): Promise<SandboxReply> => {
    try {
      if (UPLOAD_PATH.test(req.path)) return await upload(req);
      if (req.path === DOWNLOAD_PATH && (req.method === 'GET' || req.method === 'HEAD')) return download(req);
      throw new GraphError(404, 'itemNotFound', 'The resource could not be found.');
    } catch (error) {
      if (error instanceof GraphError) return reply(error);
      throw error;
    }
  };
}

/** OneDrive types a file by its name's extension. */
export const mimeTypeOf = (name: string): string => mediaTypeOf(name) ?? 'application/octet-stream';
