/**
 * messages.import through Google's upload protocols (https://developers.google.com/workspace/gmail/api/guides/uploads):
 * `uploadType=media` (the message alone), `multipart` (metadata then message in a multipart/related body),
 * and `resumable` (a session opened with the metadata, then PUTs carrying Content-Range: every chunk but the
 * last a multiple of 256 KiB, 308 Resume Incomplete with `Range: bytes=0-<n>` until the last, and a status
 * query `Content-Range: bytes *\/<total or *>`).
 */
import { randomBytes } from 'node:crypto';
import type { SandboxReply, SandboxRequest } from '../../core/types';
import { headerBlockEnd, parseHeaderBlock } from '../../../../model/mail-headers';
import { GoogleApiError, badRequest, notFound } from '../errors';
import type { Params } from '../calendar/query-params';
import { MAX_MESSAGE_BYTES } from './methods';
import { IMPORTABLE_SYSTEM_LABELS, type GmailMailbox, type StoredMessage } from './store';

const GRANULARITY = 256 * 1024;

export interface UploadSession {
  id: string;
  labelIds: string[];
  params: Params;
  chunks: Buffer[];
  received: number;
  declaredLength?: number;
  done?: StoredMessage;
}

const messageResource = (m: StoredMessage) => ({ id: m.id, threadId: m.threadId, labelIds: [...m.labelIds] });

function labelIdsOf(metadata: unknown): string[] {
  if (metadata === undefined) return [];
  const record = (metadata ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!['labelIds', 'threadId', 'raw', 'id', 'historyId', 'internalDate', 'sizeEstimate', 'snippet', 'payload', 'classificationLabelValues'].includes(key)) {
      throw badRequest(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
    }
  }
  const ids = record.labelIds ?? [];
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw badRequest("Invalid value at 'message.label_ids'");
  return ids as string[];
}

function parseMetadata(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Invalid JSON payload received. Unexpected token.', 'parseError');
  }
}

/** Makes the message at the end of any protocol: labels checked, bytes checked, date from the Date header when asked. */
export function finishImport(mailbox: GmailMailbox, raw: Buffer, labelIds: string[], params: Params): StoredMessage {
  for (const id of labelIds) {
    const label = mailbox.labels.get(id);
    if (!label || (label.type === 'system' && !IMPORTABLE_SYSTEM_LABELS.has(id))) throw badRequest(`Invalid label: ${id}`, 'invalidArgument');
  }
  if (raw.length > MAX_MESSAGE_BYTES) {
    throw new GoogleApiError(413, [{ domain: 'global', reason: 'uploadTooLarge', message: `Media larger than ${MAX_MESSAGE_BYTES} bytes.` }]);
  }
  if (raw.length === 0 || headerBlockEnd(raw) < 0 || parseHeaderBlock(raw).length === 0) throw badRequest("'raw' RFC822 payload message string or uploading message via /upload/* URL required", 'invalidArgument');
  const source = (params.internalDateSource as 'dateHeader' | 'receivedTime' | undefined) ?? 'dateHeader';
  return mailbox.addMessage(raw, labelIds, source);
}

function splitMultipart(req: SandboxRequest, body: Buffer): { metadata: unknown; media: Buffer } {
  const boundary = /boundary="?([^";]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (!/^multipart\/related/i.test(req.headers['content-type'] ?? '') || !boundary) {
    throw badRequest("Invalid multipart request with 0 mime parts.", 'badContent');
  }
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    parts.push(body.subarray(start, next));
    at = next;
  }
  if (parts.length !== 2) throw badRequest(`Invalid multipart request with ${parts.length} mime parts.`, 'badContent');
  const [meta, media] = parts.map((part) => {
    const trimmed = part.subarray(part[0] === 0x0d ? 2 : 1);
    const end = headerBlockEnd(trimmed);
    const content = trimmed.subarray(end);
    const lineBreak = content.subarray(-2).toString() === '\r\n' ? 2 : content.subarray(-1).toString() === '\n' ? 1 : 0;
    return { head: trimmed.subarray(0, end).toString('latin1'), content: content.subarray(0, content.length - lineBreak) };
  }) as [{ head: string; content: Buffer }, { head: string; content: Buffer }];
  if (!/content-type:\s*application\/json/i.test(meta.head)) throw badRequest('Metadata part must be application/json.', 'badContent');
  if (!/content-type:\s*message\//i.test(media.head)) {
    throw badRequest("Media type 'application/octet-stream' is not supported. Valid media types: [message/*]", 'badContent');
  }
  return { metadata: parseMetadata(meta.content.toString('utf8')), media: media.content };
}

const rangeHeader = (session: UploadSession): Record<string, string> =>
  session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : {};

export function createUploadEndpoint(mailbox: GmailMailbox, uploadBase: string) {
  const sessions = new Map<string, UploadSession>();

  async function start(req: SandboxRequest, params: Params): Promise<SandboxReply> {
    const type = req.query.get('uploadType');
    if (type === 'media') {
      if (!/^message\//i.test(req.headers['content-type'] ?? '')) {
        throw badRequest(`Media type '${req.headers['content-type'] ?? ''}' is not supported. Valid media types: [message/*]`, 'badContent');
      }
      return { status: 200, body: messageResource(finishImport(mailbox, await req.body(), [], params)) };
    }
    if (type === 'multipart') {
      const { metadata, media } = splitMultipart(req, await req.body());
      return { status: 200, body: messageResource(finishImport(mailbox, media, labelIdsOf(metadata), params)) };
    }
    if (type === 'resumable') {
      const mediaType = req.headers['x-upload-content-type'];
      if (mediaType !== undefined && !/^message\//i.test(mediaType)) {
        throw badRequest(`Media type '${mediaType}' is not supported. Valid media types: [message/*]`, 'badContent');
      }
      const labelIds = labelIdsOf(parseMetadata((await req.body()).toString('utf8')));
      const declared = req.headers['x-upload-content-length'];
      const id = randomBytes(24).toString('base64url');
      sessions.set(id, { id, labelIds, params, chunks: [], received: 0, ...(declared !== undefined && { declaredLength: Number(declared) }) });
      const query = new URLSearchParams(req.query);
      query.set('upload_id', id);
      return { status: 200, headers: { location: `${uploadBase}?${query.toString()}`, 'x-guploader-uploadid': id }, body: '' };
    }
    throw badRequest(`Invalid upload type: ${type ?? '(none)'}. The upload path needs uploadType=media, multipart or resumable.`, 'invalid');
  }

  async function chunk(req: SandboxRequest, uploadId: string): Promise<SandboxReply> {
    const session = sessions.get(uploadId);
    if (!session) throw notFound();
    if (session.done) return { status: 200, body: messageResource(session.done) };
    const body = await req.body();
    const range = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec((req.headers['content-range'] ?? '').trim());
    if (!range) {
      if (req.headers['content-range'] === undefined && body.length === 0) return { status: 308, headers: rangeHeader(session) };
      throw badRequest(`Failed to parse Content-Range header: ${req.headers['content-range'] ?? '(none)'}`, 'badRequest');
    }
    const total = range[3] === '*' ? undefined : Number(range[3]);
    if (range[1] !== undefined) {
      const first = Number(range[1]);
      const last = Number(range[2]);
      if (last - first + 1 !== body.length) throw badRequest('The Content-Range does not match the number of bytes sent.', 'badRequest');
      if (first !== session.received) return { status: 308, headers: rangeHeader(session) };
      const final = total !== undefined && last + 1 === total;
      if (!final && body.length % GRANULARITY !== 0) {
        throw badRequest(
          `Invalid request. The number of bytes uploaded is required to be equal or greater than ${GRANULARITY}, except for the final request (it's recommended to be the exact multiple of ${GRANULARITY}). The received request contained ${body.length} bytes, which does not meet this requirement.`,
          'badRequest',
        );
      }
      session.chunks.push(body);
      session.received += body.length;
      if (session.received > MAX_MESSAGE_BYTES) {
        sessions.delete(uploadId);
        throw new GoogleApiError(413, [{ domain: 'global', reason: 'uploadTooLarge', message: `Media larger than ${MAX_MESSAGE_BYTES} bytes.` }]);
      }
    }
    if (total !== undefined && session.received === total) {
      session.done = finishImport(mailbox, Buffer.concat(session.chunks), session.labelIds, session.params);
      session.chunks = [];
      return { status: 200, body: messageResource(session.done) };
    }
    return { status: 308, headers: rangeHeader(session) };
  }

  return { start, chunk, reset: () => sessions.clear() };
}
