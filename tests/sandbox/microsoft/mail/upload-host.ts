/**
 * The uploadUrl of an attachment upload session, on outlook.office.com as Graph hands it out
 * (https://learn.microsoft.com/graph/outlook-large-attachments): PUT ranges of at most 4 MB in order with
 * Content-Range; 200 with nextExpectedRanges until the last, then 201 Created. The URL carries its own
 * token; a request that also carries an Authorization header is refused.
 */
import type { SandboxReply, SandboxRequest } from '../../core/types';
import { ALICE } from '../account';
import { graphErrorReply } from '../graph/errors';
import { MAX_REQUEST_BYTES } from './api';
import type { OutlookMailbox } from './store';

const SESSION_PATH = /^\/api\/v2\.0\/Users\('[^']+'\)\/Messages\('([^']+)'\)\/AttachmentSessions\('([^']+)'\)$/;

export function createUploadHost(mailbox: OutlookMailbox, now: () => number) {
  return async function handleUpload(req: SandboxRequest): Promise<SandboxReply> {
    const match = SESSION_PATH.exec(req.path);
    const session = match ? mailbox.sessions.get(decodeURIComponent(match[2]!)) : undefined;
    if (!match || !session || session.messageId !== decodeURIComponent(match[1]!) || req.query.get('authtoken') !== session.token) {
      return graphErrorReply(404, 'ErrorItemNotFound', 'The upload session was not found.');
    }
    if (req.headers.authorization) {
      return graphErrorReply(401, 'InvalidAuthenticationToken', 'The uploadUrl is pre-authenticated; send no Authorization header with it.');
    }
    if (now() > session.expires) {
      mailbox.sessions.delete(session.id);
      return graphErrorReply(404, 'ErrorItemNotFound', 'The upload session has expired.');
    }
    if (req.method === 'DELETE') {
      mailbox.sessions.delete(session.id);
      return { status: 204 };
    }
    if (req.method !== 'PUT') return graphErrorReply(405, 'BadRequest', 'Specified HTTP method is not allowed for the request uri.');
    const body = await req.body();
    if (body.length > MAX_REQUEST_BYTES) return graphErrorReply(413, 'ErrorRequestEntityTooLarge', 'A range may hold at most 4 MB.');
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range'] ?? '');
    if (!range) return graphErrorReply(400, 'ErrorInvalidContentRange', 'The Content-Range header is missing or not valid.');
    const [first, last, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (total !== session.size || last - first + 1 !== body.length || first !== session.received || last >= total) {
      return graphErrorReply(416, 'ErrorInvalidContentRange', `The range ${first}-${last}/${total} is not the next expected range ${session.received}- of ${session.size} bytes.`);
    }
    session.chunks.push(body);
    session.received += body.length;
    if (session.received < session.size) {
      return { status: 200, body: { expirationDateTime: new Date(session.expires).toISOString(), nextExpectedRanges: [`${session.received}-`] } };
    }
    const message = mailbox.messages.get(session.messageId);
    mailbox.sessions.delete(session.id);
    if (!message) return graphErrorReply(404, 'ErrorItemNotFound', 'The message of this upload session no longer exists.');
    const attachment = {
      id: mailbox.newAttachmentId(),
      name: session.name,
      contentType: session.contentType,
      isInline: session.isInline,
      ...(session.contentId && { contentId: session.contentId }),
      lastModifiedDateTime: new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      bytes: Buffer.concat(session.chunks),
    };
    message.attachments.push(attachment);
    message.mime = undefined;
    return { status: 201, headers: { location: `https://outlook.office.com/api/v2.0/Users('${ALICE.id}')/Messages('${session.messageId}')/Attachments('${attachment.id}')` } };
  };
}
