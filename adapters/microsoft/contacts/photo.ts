/**
 * Contact photos in Outlook: the photo's bytes at `/contacts/{id}/photo/$value`, read with GET and written
 * with PUT of the image itself (https://learn.microsoft.com/graph/api/profilephoto-update).
 */
import { AdapterError, type AdapterContext, type ContentStream } from '../../../model/adapter';
import { sendRequest } from '../../http';
import { GRAPH_API, graphError } from '../client';

/** Outlook refuses contact photos over 4 MB (profilephoto-update: "The size of the photo … less than 4 MB"). */
export const MAX_PHOTO_BYTES = 4 * 1024 * 1024;

export const photoUrl = (contactId: string): string => `${GRAPH_API}/me/contacts/${encodeURIComponent(contactId)}/photo/$value`;

export async function openOutlookPhoto(ctx: AdapterContext, url: string): Promise<ContentStream> {
  const response = await sendRequest(ctx, 'Microsoft', ctx.url(url), { method: 'GET' });
  if (!response.ok || !response.body) throw graphError(response.status, await response.text(), response.headers.get('retry-after'), Date.now(), url);
  const length = Number(response.headers.get('content-length') ?? NaN);
  const stream: ContentStream = { body: response.body, offset: 0, contentType: response.headers.get('content-type') ?? 'image/jpeg' };
  if (Number.isFinite(length)) stream.size = length;
  return stream;
}

export async function putOutlookPhoto(ctx: AdapterContext, contactId: string, bytes: Uint8Array, contentType: string): Promise<void> {
  const response = await sendRequest(ctx, 'Microsoft', ctx.url(photoUrl(contactId)), { method: 'PUT', headers: { 'content-type': contentType }, body: bytes as Uint8Array<ArrayBuffer> });
  if (!response.ok) throw graphError(response.status, await response.text(), response.headers.get('retry-after'), Date.now(), photoUrl(contactId));
  await response.body?.cancel();
}

export const isPhotoMissing = (error: AdapterError): boolean => error.details.status === 404;
