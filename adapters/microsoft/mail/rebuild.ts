/**
 * A message too large for Graph's MIME import (the request may not exceed 4 MB) is rebuilt: created from
 * JSON (subject, addresses, text) and given its attachments one by one, those over 3 MB through upload
 * sessions (https://learn.microsoft.com/graph/outlook-large-attachments). The MIME is read twice, as a
 * stream each time: once to learn each attachment's size (an upload session must be told it first), once
 * to send the bytes. At most one chunk is held.
 */
import { AdapterError, type AdapterContext, type ContentStream } from '../../../model/adapter';
import { encodeBase64 } from '../../../model/mail-base64';
import { decodeHeaderText, headerValue, parseAddressList, type HeaderField } from '../../../model/mail-headers';
import { headerParameter, isAttachment, leafFileName, walkMime, type MimeLeaf } from '../../../model/mail-mime';
import { ChunkReader, iterateStream } from '../../../model/byte-stream';
import { sendRequest } from '../../http';
import { GRAPH_API, graphError, graphRequest } from '../client';
import type { GraphAttachmentItem, GraphFileAttachment, GraphItemBody, GraphMessage, GraphMessageInput, GraphRecipient, GraphUploadSession } from './api-types';
import { folderUrl } from './folders';

/** Attachments up to this size go in one request (Graph: "attachments of less than 3 MB"). */
export const SMALL_ATTACHMENT = 3 * 1024 * 1024;
/** Bytes per upload-session PUT (Graph takes up to 4 MB per range). */
export const SESSION_CHUNK = 3 * 1024 * 1024;
/**
 * A rebuilt message wears this category until its last attachment is in (the importer's state PATCH replaces
 * it): a worker stopped half-way leaves a message that says what it is, and the next attempt's lookup deletes
 * it instead of taking it for done.
 */
export const INCOMPLETE_CATEGORY = 'Ferry: still copying';
/** Longest text kept as the message's body; a longer text part is attached instead. */
const MAX_BODY_BYTES = 1024 * 1024;

interface LeafPlan {
  index: number;
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  contentId?: string;
}

interface Survey {
  headers: HeaderField[];
  body?: GraphItemBody;
  bodyLeaf?: number;
  attachments: LeafPlan[];
}

async function readBounded(body: AsyncIterable<Uint8Array>, limit: number): Promise<{ bytes: Uint8Array; size: number }> {
  const reader = new ChunkReader(body);
  const bytes = await reader.read(limit + 1);
  await reader.skip(Number.MAX_SAFE_INTEGER);
  return { bytes, size: reader.position };
}

function textOf(leaf: MimeLeaf, bytes: Uint8Array): string {
  const charset = headerParameter(headerValue(leaf.headers, 'Content-Type'), 'charset') ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

async function survey(content: ContentStream): Promise<Survey> {
  let headers: HeaderField[] = [];
  const attachments: LeafPlan[] = [];
  const texts: { index: number; body: GraphItemBody }[] = [];
  for await (const leaf of walkMime(iterateStream(content.body), (h) => (headers = h))) {
    const isText = leaf.contentType === 'text/plain' || leaf.contentType === 'text/html';
    const { bytes, size } = await readBounded(leaf.body, isText && !isAttachment(leaf) ? MAX_BODY_BYTES : 0);
    if (isText && !isAttachment(leaf) && size <= MAX_BODY_BYTES) {
      texts.push({ index: leaf.index, body: { contentType: leaf.contentType === 'text/html' ? 'html' : 'text', content: textOf(leaf, bytes) } });
      continue;
    }
    const disposition = (headerValue(leaf.headers, 'Content-Disposition') ?? '').toLowerCase();
    const contentId = headerValue(leaf.headers, 'Content-ID')?.replace(/^<|>$/g, '');
    attachments.push({
      index: leaf.index,
      name: decodeHeaderText(leafFileName(leaf) ?? `attachment-${leaf.index + 1}${leaf.contentType === 'message/rfc822' ? '.eml' : ''}`),
      contentType: leaf.contentType,
      size,
      isInline: disposition.startsWith('inline'),
      ...(contentId && { contentId }),
    });
  }
  const chosen = texts.find((t) => t.body.contentType === 'html') ?? texts[0];
  return { headers, attachments, ...(chosen && { body: chosen.body, bodyLeaf: chosen.index }) };
}

const recipients = (headers: HeaderField[], name: string): GraphRecipient[] =>
  parseAddressList(headerValue(headers, name) ?? '').map((a) => ({ emailAddress: a.name ? { name: a.name, address: a.address } : { address: a.address } }));

function messageInput(s: Survey, important: boolean): GraphMessageInput {
  const input: GraphMessageInput = { subject: decodeHeaderText(headerValue(s.headers, 'Subject') ?? ''), categories: [INCOMPLETE_CATEGORY] };
  if (s.body) input.body = s.body;
  const [from] = recipients(s.headers, 'From');
  if (from) input.from = from;
  for (const [field, header] of [['toRecipients', 'To'], ['ccRecipients', 'Cc'], ['bccRecipients', 'Bcc'], ['replyTo', 'Reply-To']] as const) {
    const list = recipients(s.headers, header);
    if (list.length) input[field] = list;
  }
  const messageId = headerValue(s.headers, 'Message-ID')?.trim();
  if (messageId) input.internetMessageId = messageId;
  if (important) input.importance = 'high';
  return input;
}

const attachmentsUrl = (messageId: string): string => `${GRAPH_API}/me/messages/${encodeURIComponent(messageId)}/attachments`;

async function attachSmall(ctx: AdapterContext, messageId: string, plan: LeafPlan, leaf: MimeLeaf): Promise<void> {
  const reader = new ChunkReader(leaf.body);
  const bytes = await reader.read(SMALL_ATTACHMENT);
  const body: GraphFileAttachment = {
    '@odata.type': '#microsoft.graph.fileAttachment',
    name: plan.name,
    contentType: plan.contentType,
    contentBytes: encodeBase64(bytes),
    ...(plan.isInline && { isInline: true }),
    ...(plan.contentId && { contentId: plan.contentId }),
  };
  await graphRequest(ctx, 'POST', attachmentsUrl(messageId), body);
}

async function attachLarge(ctx: AdapterContext, messageId: string, plan: LeafPlan, leaf: MimeLeaf): Promise<void> {
  const upload = ctx.anonymousFetch;
  if (!upload) throw new AdapterError('Ferry cannot send large attachments here (no unauthenticated upload is available).', 'fatal', { fatalReason: 'forbidden' });
  const item: GraphAttachmentItem = { attachmentType: 'file', name: plan.name, size: plan.size, contentType: plan.contentType };
  if (plan.isInline) item.isInline = true;
  if (plan.contentId) item.contentId = plan.contentId;
  const session = await graphRequest<GraphUploadSession>(ctx, 'POST', `${attachmentsUrl(messageId)}/createUploadSession`, { AttachmentItem: item });
  const reader = new ChunkReader(leaf.body);
  for (let start = 0; start < plan.size; ) {
    const chunk = await reader.read(Math.min(SESSION_CHUNK, plan.size - start));
    if (chunk.length === 0) throw new AdapterError(`The attachment "${plan.name}" ended early on its second reading; Ferry will try the message again.`, 'retry');
    // The uploadUrl is pre-authenticated and refuses a request that carries a token.
    const response = await sendRequest({ ...ctx, fetch: upload }, 'Microsoft', session.uploadUrl, {
      method: 'PUT',
      headers: { 'content-range': `bytes ${start}-${start + chunk.length - 1}/${plan.size}`, 'content-type': 'application/octet-stream' },
      body: chunk,
    });
    const text = await response.text();
    if (!response.ok) throw graphError(response.status, text, response.headers.get('retry-after'), Date.now(), `${GRAPH_API}/me/messages`);
    start += chunk.length;
  }
}

/** Creates the message from its parts in the folder; resolves to its id. */
export async function rebuildMessage(ctx: AdapterContext, folderId: string, open: () => Promise<ContentStream>, important: boolean): Promise<string> {
  const plan = await survey(await open());
  const made = await graphRequest<GraphMessage>(ctx, 'POST', `${folderUrl(folderId)}/messages`, messageInput(plan, important));
  const byIndex = new Map(plan.attachments.map((a) => [a.index, a]));
  try {
    for await (const leaf of walkMime(iterateStream((await open()).body))) {
      const attachment = byIndex.get(leaf.index);
      if (!attachment) continue;
      if (attachment.size <= SMALL_ATTACHMENT) await attachSmall(ctx, made.id, attachment, leaf);
      else await attachLarge(ctx, made.id, attachment, leaf);
    }
  } catch (error) {
    // A message missing attachments must not be found as done by the next attempt's lookup.
    await graphRequest(ctx, 'DELETE', `${GRAPH_API}/me/messages/${encodeURIComponent(made.id)}`).catch(() => undefined);
    throw error;
  }
  return made.id;
}
